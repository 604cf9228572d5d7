; NSIS 3 script for 防返贫监测工作台 (fupin_desktop): a 64-bit, Simplified Chinese installer of dist\fupin\.
; Built by installer/windows/build.sh (./dev windows) with Debian's makensis, or on Windows with NSIS 3:
;   makensis -DVERSION=0.1.0 -DDIST=..\dist\fupin -DOUTFILE=..\dist\windows\fupin-desktop-0.1.0-setup.exe
;            -DICON=fupin-desktop.ico installer\fupin.nsi
; Per user by default (no administrator needed); all users with /AllUsers or on the install-mode page.
; The data folder %LOCALAPPDATA%\FupinDesktop is never written by install, upgrade or uninstall.

Unicode true
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
SetCompressorDictSize 32

!ifndef VERSION
  !error "makensis -DVERSION=x.y.z (fupin_desktop/__init__.py's __version__)"
!endif
!ifndef DIST
  !define DIST "..\dist\fupin"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\dist\windows\fupin-desktop-${VERSION}-setup.exe"
!endif

!define APP_NAME "防返贫监测工作台"
!define APP_PUBLISHER "防返贫监测工作台项目组"
!define APP_EXE "fupin-desktop.exe"
; The uninstall key never changes: it is how an upgrade finds the installed copy (the Inno Setup script's AppId).
!define APP_ID "{DDA00BAE-8D07-4BEB-84D3-9AA0D3013162}"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define SETTINGS_KEY "Software\FupinDesktop"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
BrandingText "${APP_NAME} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP_NAME} 安装程序"
VIAddVersionKey /LANG=2052 "CompanyName" "${APP_PUBLISHER}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${APP_PUBLISHER}"

; Per-user by default: clerks often lack administrator rights. An administrator may choose all users.
!define MULTIUSER_EXECUTIONLEVEL Highest
!define MULTIUSER_MUI
!define MULTIUSER_INSTALLMODE_COMMANDLINE
!define MULTIUSER_INSTALLMODE_DEFAULT_CURRENTUSER
!define MULTIUSER_USE_PROGRAMFILES64
!define MULTIUSER_INSTALLMODE_INSTDIR "FupinDesktop"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_KEY "${SETTINGS_KEY}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_VALUENAME "InstallDir"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_KEY "${SETTINGS_KEY}"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_VALUENAME "InstallMode"

!include MultiUser.nsh
!include MUI2.nsh
!include LogicLib.nsh
!include WinVer.nsh
!include x64.nsh

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING

!insertmacro MUI_PAGE_WELCOME
!insertmacro MULTIUSER_PAGE_INSTALLMODE
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "打开${APP_NAME}"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"

LangString DataKept ${LANG_SIMPCHINESE} "程序已卸载。$\r$\n$\r$\n您的数据（数据库、备份、日志）保存在：$\r$\n$LOCALAPPDATA\FupinDesktop$\r$\n没有被删除。重新安装后会继续使用这些数据；如果确实不再需要，可以手动删除这个文件夹（删除前请先备份到U盘）。"
LangString OldWindows ${LANG_SIMPCHINESE} "${APP_NAME}需要 64 位的 Windows 10（1809 或更新版本）或 Windows 11。这台电脑的系统太旧，无法安装。"
LangString StillRunning ${LANG_SIMPCHINESE} "${APP_NAME}正在运行。请先关闭它（包括其他 Windows 账户里打开的），然后点“重试”。"

; A running program (either one: both load _internal\python311.dll) holds its files. Asked before anything is
; removed, so that "取消" leaves the installed copy whole.
!macro WAIT_UNTIL_CLOSED
  retry_closed:
  ${If} ${FileExists} "$INSTDIR\_internal\python311.dll"
    ClearErrors
    FileOpen $0 "$INSTDIR\_internal\python311.dll" a
    ${If} ${Errors}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(StillRunning)" /SD IDCANCEL IDRETRY retry_closed
      Abort
    ${EndIf}
    FileClose $0
  ${EndIf}
!macroend

Function .onInit
  ; Qt 6 runs on Windows 10 1809 (build 17763) or later, 64-bit only: older systems are refused cleanly.
  ${IfNot} ${RunningX64}
  ${OrIfNot} ${AtLeastWin10}
  ${OrIfNot} ${AtLeastBuild} 17763
    MessageBox MB_OK|MB_ICONSTOP "$(OldWindows)" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  !insertmacro MULTIUSER_INIT
FunctionEnd

Function un.onInit
  SetRegView 64
  !insertmacro MULTIUSER_UNINIT
FunctionEnd

Section "${APP_NAME}" SecProgram
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the libraries as a whole, so no file of an older version lingers.
  !insertmacro WAIT_UNTIL_CLOSED
  retry:
  RMDir /r "$INSTDIR\_internal"
  ${If} ${FileExists} "$INSTDIR\_internal\*.*"
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(StillRunning)" /SD IDCANCEL IDRETRY retry
    Abort
  ${EndIf}
  File /r "${DIST}\*.*"
  ; The licences again where people look for them: Qt / PySide6 (LGPL-3.0: the Qt DLLs in _internal\PySide6
  ; may be replaced by the user), the embedded font (Apache-2.0) and every other library (python\).
  SetOutPath "$INSTDIR\licenses"
  File /r "${DIST}\_internal\licenses\*.*"
  SetOutPath "$INSTDIR"

  CreateDirectory "$SMPROGRAMS\${APP_NAME}"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\${APP_NAME}（示范数据）.lnk" "$INSTDIR\${APP_EXE}" "--demo"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\${APP_NAME} 第三方许可.lnk" "$INSTDIR\licenses"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\卸载${APP_NAME}.lnk" "$INSTDIR\uninstall.exe"

  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr SHCTX "${SETTINGS_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr SHCTX "${SETTINGS_KEY}" "InstallMode" "$MultiUser.InstallMode"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "Publisher" "${APP_PUBLISHER}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe" /$MultiUser.InstallMode'
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /$MultiUser.InstallMode /S'
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "桌面快捷方式" SecDesktop
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}"
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecProgram} "程序本身（必选）。数据不在程序文件夹里，而在 %LOCALAPPDATA%\FupinDesktop。"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "在桌面放一个图标。"
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Section "Uninstall"
  ; Only the program folder and its shortcuts: the data folder (%LOCALAPPDATA%\FupinDesktop) stays.
  !insertmacro WAIT_UNTIL_CLOSED
  RMDir /r "$INSTDIR\_internal"
  RMDir /r "$INSTDIR\licenses"
  Delete "$INSTDIR\fupin-desktop.exe"
  Delete "$INSTDIR\fupin.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  RMDir /r "$SMPROGRAMS\${APP_NAME}"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  DeleteRegKey SHCTX "${UNINSTALL_KEY}"
  DeleteRegKey SHCTX "${SETTINGS_KEY}"
  ${IfNot} ${Silent}
    SetShellVarContext current  ; the data folder is the clerk's own, also after an all-users uninstall
    MessageBox MB_OK|MB_ICONINFORMATION "$(DataKept)"
  ${EndIf}
SectionEnd
