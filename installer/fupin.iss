; Inno Setup 6 script for 防返贫监测工作台 (fupin_desktop).
; Build the program folder first (installer\README.md):  pyinstaller --noconfirm installer\fupin.spec
; then:  "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 installer\fupin.iss
; The installer is written to dist\installer\.

#define AppName "防返贫监测工作台"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppPublisher "防返贫监测工作台项目组"
#define AppExe "fupin-desktop.exe"
#define DistDir "..\dist\fupin"

[Setup]
; The AppId never changes: it is how an upgrade finds the installed copy. Do not copy it to another program.
AppId={{DDA00BAE-8D07-4BEB-84D3-9AA0D3013162}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} 安装程序
; Qt 6 runs on Windows 10 1809 (build 17763) or later, 64-bit only: older systems are refused cleanly.
MinVersion=10.0.17763
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Clerks often lack administrator rights: install for the current user by default
; ({localappdata}\Programs\FupinDesktop); an administrator may choose "所有用户" (Program Files).
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
DefaultDirName={autopf}\FupinDesktop
UsePreviousAppDir=yes
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; The data (database, backups, logs) are NOT in the program folder: they live in
; %LOCALAPPDATA%\FupinDesktop, which the installer never writes and the uninstaller never deletes.
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
; An upgrade closes the running program (it saves nothing half-done: every change is committed at once).
CloseApplications=yes
RestartApplications=no
OutputDir=..\dist\installer
OutputBaseFilename=fupin-desktop-{#AppVersion}-setup
Compression=lzma2/ultra64
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no

[Languages]
; Inno Setup releases that ship no official Simplified Chinese file: put ChineseSimplified.isl beside this
; script (see installer\README.md) and it is used instead.
#if FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "ChineseSimplified.isl"
#else
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[CustomMessages]
chinesesimplified.DemoShortcut=%1（示范数据）
chinesesimplified.LicencesShortcut=%1 第三方许可
chinesesimplified.DataKept=程序已卸载。%n%n您的数据（数据库、备份、日志）保存在：%n%1%n没有被删除。重新安装后会继续使用这些数据；如果确实不再需要，可以手动删除这个文件夹（删除前请先备份到U盘）。

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the libraries as a whole, so no file of an older version lingers.
; Only the program folder is touched; the data folder is elsewhere.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; The licences again where people look for them: Qt / PySide6 (LGPL-3.0: the Qt DLLs in _internal\PySide6
; may be replaced by the user), the embedded font WenQuanYi Micro Hei (Apache-2.0), and every other
; library the program ships (python\). fupin.spec gathered them into _internal\licenses.
Source: "{#DistDir}\_internal\licenses\*"; DestDir: "{app}\licenses"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{group}\{cm:DemoShortcut,{#AppName}}"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"; WorkingDir: "{app}"
Name: "{group}\{cm:LicencesShortcut,{#AppName}}"; Filename: "{app}\licenses"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
{ Say where the data are and that uninstalling kept them. }
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [ExpandConstant('{localappdata}\FupinDesktop')]),
      mbInformation, MB_OK);
end;
