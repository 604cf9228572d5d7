"""The installer files say what the issue asks (the Inno Setup compiler itself runs only on Windows)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

INSTALLER = Path(__file__).resolve().parents[2] / "installer"


def iss() -> str:
    return (INSTALLER / "fupin.iss").read_text(encoding="utf-8")


def setting(name: str) -> str:
    match = re.search(rf"^{name}=(.*)$", iss(), re.MULTILINE)
    assert match, name
    return match.group(1).strip()


def test_the_inno_setup_script() -> None:
    assert re.fullmatch(
        r"\{\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}", setting("AppId")
    )
    assert setting("AppId") == "{{DDA00BAE-8D07-4BEB-84D3-9AA0D3013162}"  # fixed forever: upgrades need it
    assert setting("MinVersion") == "10.0.17763"
    assert setting("ArchitecturesAllowed") == "x64compatible"
    assert setting("ArchitecturesInstallIn64BitMode") == "x64compatible"
    assert setting("PrivilegesRequired") == "lowest"
    assert "dialog" in setting("PrivilegesRequiredOverridesAllowed")
    assert setting("DefaultDirName") == r"{autopf}\FupinDesktop"
    assert 'MessagesFile: "compiler:Languages\\ChineseSimplified.isl"' in iss()
    text = iss()
    assert r'Source: "{#DistDir}\*"' in text and "recursesubdirs" in text
    assert r'Name: "{group}\{#AppName}"' in text and r'Name: "{autodesktop}\{#AppName}"' in text
    assert r"{app}\licenses" in text
    # the data folder is never part of the program folder nor deleted by the uninstaller
    assert "[UninstallDelete]" not in text and "FupinDesktop" in setting("DefaultDirName")
    assert r"{localappdata}\FupinDesktop" in text


def test_the_data_folder_the_installer_talks_about_is_the_programs() -> None:
    from fupin_desktop.paths import APP_DIR_NAME

    assert rf"{{localappdata}}\{APP_DIR_NAME}" in iss()


def test_the_spec_is_windowed_without_tkinter_and_ships_resources() -> None:
    spec = (INSTALLER / "fupin.spec").read_text(encoding="utf-8")
    assert 'program("fupin_desktop_main", console=False)' in spec
    assert '"tkinter"' in spec and '"_tkinter"' in spec
    assert '"resources"' in spec and "migrations" in spec and "licence_datas" in spec
    # 使用说明's pictures: the README's screenshots, bundled where ui/help.py looks first
    assert '(ROOT / "docs").glob("*.png")' in spec and '"resources/help/images"' in spec


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
