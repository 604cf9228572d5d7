"""The installer files agree with each other and say what issue 22 asks.

The Windows chain itself (Wine, PyInstaller, makensis, silent install) is not a pytest test: it is
`./dev windows` (installer/windows/build.sh).
"""

from __future__ import annotations

import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
WINDOWS = INSTALLER / "windows"


def nsi() -> str:
    return (INSTALLER / "fupin.nsi").read_text(encoding="utf-8")


def define(name: str) -> str:
    match = re.search(rf'^\s*!define {name} "(.*)"$', nsi(), re.MULTILINE)
    assert match, name
    return match.group(1)


def build_sh() -> str:
    return (WINDOWS / "build.sh").read_text(encoding="utf-8")


def spec() -> str:
    return (INSTALLER / "fupin.spec").read_text(encoding="utf-8")


def pins(lines: list[str]) -> dict[str, str]:
    found = {}
    for line in lines:
        match = re.match(r"^([A-Za-z0-9_.\-]+)(?:\[[^]]*\])?==([^\s;#]+)", line.strip())
        if match:
            found[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    return found


def constraints() -> dict[str, str]:
    return pins((WINDOWS / "constraints.txt").read_text(encoding="utf-8").splitlines())


def test_the_nsis_script_installs_per_user_on_64_bit_windows_10_1809_or_later() -> None:
    text = nsi()
    assert "Target amd64-unicode" in text and "Unicode true" in text
    # fixed forever: an upgrade finds the installed copy by it (the Inno Setup script's AppId)
    assert define("APP_ID") == "{DDA00BAE-8D07-4BEB-84D3-9AA0D3013162}"
    assert "${AtLeastBuild} 17763" in text and "${RunningX64}" in text and "${AtLeastWin10}" in text
    assert "!define MULTIUSER_INSTALLMODE_DEFAULT_CURRENTUSER" in text
    assert "!define MULTIUSER_INSTALLMODE_COMMANDLINE" in text  # /AllUsers for an administrator
    assert define("MULTIUSER_INSTALLMODE_INSTDIR") == "FupinDesktop"
    assert '!insertmacro MUI_LANGUAGE "SimpChinese"' in text
    assert 'VIProductVersion "${VERSION}.0"' in text


def test_the_installer_never_touches_the_data_folder() -> None:
    from fupin_desktop.paths import APP_DIR_NAME

    text = nsi()
    assert rf"$LOCALAPPDATA\{APP_DIR_NAME}" in text  # the uninstaller says where the data stayed
    uninstall = text[text.index('Section "Uninstall"') :]
    removed = re.findall(r"^\s*(?:RMDir|Delete)\s+(?:/r\s+)?\"([^\"]+)\"", uninstall, re.MULTILINE)
    assert removed and all(p.startswith(("$INSTDIR", "$SMPROGRAMS", "$DESKTOP")) for p in removed)
    install = text[: text.index('Section "Uninstall"')]
    assert re.findall(r"RMDir /r \"([^\"]+)\"", install) == [
        r"$INSTDIR\_internal"
    ]  # upgrade: old libraries go


def test_the_script_the_spec_and_the_build_agree_on_names_and_version() -> None:
    from fupin_desktop import __version__

    programs = dict(re.findall(r'"(fupin_\w+_main)": "([\w-]+)"', spec()))
    assert programs == {"fupin_desktop_main": "fupin-desktop", "fupin_cli_main": "fupin"}
    text = nsi()
    assert define("APP_EXE") == "fupin-desktop.exe"
    assert r"$INSTDIR\fupin.exe" in text and r"$INSTDIR\fupin-desktop.exe" in text
    assert define("OUTFILE") == r"..\dist\windows\fupin-desktop-${VERSION}-setup.exe"
    script = build_sh()
    assert "SETUP_EXE=dist/windows/fupin-desktop-$VERSION-setup.exe" in script
    assert "DIST=$CACHE/dist/fupin\n" in script and "installer/fupin.spec" in script
    assert "installer/fupin.nsi" in script and '-DVERSION="$VERSION"' in script
    # the version the installer is stamped with is the package's, read at build time
    assert "fupin_desktop/__init__.py" in script
    assert re.search(
        r'^__version__ = "' + re.escape(__version__) + '"$',
        (ROOT / "fupin_desktop" / "__init__.py").read_text(),
        re.MULTILINE,
    )
    assert (
        tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
        == __version__
    )


def test_every_step_of_the_windows_build_runs_and_the_download_is_pinned() -> None:
    script = build_sh()
    defined = re.findall(r"^step_(\w+)\(\) \{", script, re.MULTILINE)
    called = re.findall(r"^(?:\[ .* \] && )?step (\w+) ", script, re.MULTILINE)
    assert (
        defined
        == called
        == [
            *(
                "packages",
                "python",
                "wheels",
                "prefix",
                "pyinstaller",
                "smoke",
                "nsis",
                "install",
                "screenshots",
            )
        ]
    )
    assert re.search(r"^WINPYTHON_SHA256=[0-9a-f]{64}$", script, re.MULTILINE)
    assert "sha256sum --check" in script
    dev = (ROOT / "dev").read_text(encoding="utf-8")
    assert 'exec installer/windows/build.sh "$@"' in dev


def test_the_constraints_pin_what_pyproject_pins_and_the_tested_environment_holds() -> None:
    locked = constraints()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = pins([*project["dependencies"], *project["optional-dependencies"]["dev"]])
    assert {name: locked.get(name) for name in declared} == declared
    # what this test runs in (.venv, made by ./dev from pyproject.toml) is what the Windows bundle gets
    installed = {
        re.sub(r"[-_.]+", "-", d.metadata["Name"]).lower(): d.version for d in metadata.distributions()
    }
    drift = {
        name: (version, installed.get(name))
        for name, version in locked.items()
        if name not in {"pefile", "pywin32-ctypes"} and installed.get(name) != version
    }
    assert drift == {}, "constraints.txt is out of date: ./dev windows --freeze"


def test_the_pinned_windows_wheels_are_the_constrained_versions() -> None:
    locked = constraints()
    lines = (WINDOWS / "wheels.sha256").read_text(encoding="utf-8").splitlines()
    assert len(lines) > 30
    for line in lines:
        digest, name = line.split("  ")
        assert re.fullmatch(r"[0-9a-f]{64}", digest), line
        dist, version = name.split("-")[:2]
        assert locked[re.sub(r"[-_.]+", "-", dist).lower()] == version, name
        assert name.endswith(("-win_amd64.whl", "-none-any.whl")), name


def test_each_bridge_dll_exports_what_its_source_defines() -> None:
    bridge = WINDOWS / "bridge"
    for def_file in sorted(bridge.glob("*.def")):
        exports = def_file.read_text(encoding="utf-8").split("EXPORTS", 1)[1].split()
        source = (bridge / f"{def_file.stem}.c").read_text(encoding="utf-8")
        assert exports and all(re.search(rf"\b{name}\(", source) for name in exports), def_file.name
    assert {p.stem for p in bridge.glob("*.c")} == {"bcryptprimitives", "icuuc", "mscms", "ucrtbase", "entry"}


def test_the_spec_is_windowed_without_tkinter_and_ships_resources() -> None:
    text = spec()
    assert 'program("fupin_desktop_main", console=False)' in text
    assert '"tkinter"' in text and '"_tkinter"' in text
    assert '"resources"' in text and "migrations" in text and "licence_datas" in text
    # 使用说明's pictures: the README's screenshots, bundled where ui/help.py looks first
    assert '(ROOT / "docs").glob("*.png")' in text and '"resources/help/images"' in text


def test_licences_of_every_runtime_library_are_gathered() -> None:
    sys.path.insert(0, str(INSTALLER))
    try:
        from licences import licence_datas, runtime_distributions
    finally:
        sys.path.remove(str(INSTALLER))
    names = {d.metadata["Name"].lower().replace("_", "-") for d in runtime_distributions()}
    assert {"sqlalchemy", "reportlab", "pyside6-essentials", "matplotlib", "openpyxl"} <= names
    assert not names & {"pytest", "hypothesis", "ruff", "pyinstaller"}  # developer tools are not shipped
    folders = {dest for _, dest in licence_datas()}
    assert "licenses/python/sqlalchemy" in folders and "licenses/python/reportlab" in folders
    qt_texts = {p.name for p in (INSTALLER / "licenses").iterdir()}
    assert {"LGPL-3.0.txt", "GPL-3.0.txt", "NOTICE-Qt-PySide6.txt"} <= qt_texts
