"""`fupin-desktop`: start the window (and `create_main_window` for tests and scripts)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QLockFile, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from fupin_desktop import APP_NAME, __version__
from fupin_desktop.db.engine import Database, open_database
from fupin_desktop.errors import DatabaseProblem, DataFolderError, UserError
from fupin_desktop.logs import setup_logging
from fupin_desktop.paths import DataPaths, default_data_dir, resolve_data_dir, resolve_database_url
from fupin_desktop.services.accounts import has_users
from fupin_desktop.services.context import (
    LOCAL_ADMIN,
    Actor,
    Permission,
    Role,
    ServiceContext,
    system_actor,
)
from fupin_desktop.services.progress import Progress
from fupin_desktop.services.register import get_settings, save_settings
from fupin_desktop.services.storage import (
    automatic_backup,
    check_data_folder,
    database_info,
    database_problems,
    latest_good_backup,
    recover_database,
)
from fupin_desktop.ui.app_context import AppEvents, UiContext
from fupin_desktop.ui.briefing import start_monthly_snapshot
from fupin_desktop.ui.connection_dialog import CANCELLED, server_url_at_start
from fupin_desktop.ui.dialogs import run_with_progress, show_crash, show_error, wait_cursor
from fupin_desktop.ui.first_start import FirstStartChoice, FirstStartDialog
from fupin_desktop.ui.heap import WINDOW_BUILT, MainThreadCollector, freeze_long_lived
from fupin_desktop.ui.keys import install_enter_guard
from fupin_desktop.ui.login import ChangePasswordDialog, FirstAdminDialog, LoginDialog
from fupin_desktop.ui.main_window import MainWindow
from fupin_desktop.ui.recovery import RestoreOfferDialog
from fupin_desktop.ui.screen_fit import install_screen_fit
from fupin_desktop.ui.tasks import TaskRunner
from fupin_desktop.ui.theme import apply_theme

log = logging.getLogger(__name__)

DEMO_ACTOR = Actor(username="demo", display_name="示范管理员", role=Role.ADMIN)
NOBODY = Actor(username="", display_name="（未登录）", role=Role.READER)  # while signing in
LOCK_FILE = "fupin.lock"


def create_main_window(
    data_dir: Path,
    *,
    actor: Actor | None = None,
    demo: bool = False,
    today: Callable[[], date] = date.today,
) -> MainWindow:
    """Open (creating or upgrading) the database of `data_dir` and build the main window for it.

    A QApplication must exist. No login prompt: the caller decides who acts (`main()` signs in);
    without an actor it is the demo administrator with `demo`, else the local administrator.
    """
    db = open_database(DataPaths(Path(data_dir)))
    return build_main_window(db, actor=actor or (DEMO_ACTOR if demo else LOCAL_ADMIN), demo=demo, today=today)


def build_main_window(
    db: Database,
    *,
    actor: Actor,
    demo: bool = False,
    today: Callable[[], date] = date.today,
    prefs: QSettings | None = None,
) -> MainWindow:
    install_enter_guard(QApplication.instance())  # the window's dialogs: Enter never saves a form
    ctx = ServiceContext(db=db, actor=actor, today=today)
    runner = TaskRunner()
    ui = UiContext(ctx=ctx, events=AppEvents(), runner=runner, prefs=prefs or open_prefs(db.paths), demo=demo)
    install_screen_fit(QApplication.instance(), ui.prefs)  # every window fits the screen it opens on
    window = MainWindow(ui)
    runner.setParent(window)
    return window


def open_prefs(paths: DataPaths) -> QSettings:
    """Per-PC preferences (window geometry, the remembered user name): never passwords."""
    return QSettings(str(paths.root / "window.ini"), QSettings.Format.IniFormat)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="fupin-desktop", description=f"{APP_NAME} {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="数据文件夹")
    parser.add_argument(
        "--database",
        metavar="URL",
        help="单位服务器上的数据库，例如 postgresql://用户名@服务器/fupin（也可用环境变量 FUPIN_DATABASE_URL）",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="打开示范乡镇（首次运行时生成）；数据库没有用户账户时由示范管理员自动登录",
    )
    parser.add_argument(
        "--smoke-test", action="store_true", help="打开数据库、建立主窗口后立即退出（安装包自检）"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    _utf8_stdio()
    if args.smoke_test:
        return smoke_test(args.data_dir)
    if args.demo and not args.data_dir and not os.environ.get("FUPIN_DATA_DIR"):
        paths = DataPaths(default_data_dir() / "demo")
    else:
        paths = DataPaths(resolve_data_dir(args.data_dir))

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    apply_theme(app)
    collector = MainThreadCollector(app)  # garbage is freed in the GUI thread (ui.heap)
    install_enter_guard(app)  # before the sign-in dialogs
    lock = None
    try:
        check_data_folder(paths)
        setup_logging(paths.logs)
        install_screen_fit(app, open_prefs(paths))  # the sign-in dialogs fit the screen too
        lock = acquire_instance_lock(paths)
        window = open_chosen_database(paths, resolve_database_url(args.database), demo=args.demo)
        if window is None:
            return 0
        install_excepthook(window)
        window.show()
        freeze_long_lived(WINDOW_BUILT)
        QTimer.singleShot(0, lambda: after_start(window, demo=window.ui.demo))
        return app.exec()
    except UserError as err:
        QMessageBox.critical(None, f"{APP_NAME} 无法启动", err.message)
        return err.exit_code
    except Exception as exc:  # a windowed program has no console: say it on screen, keep it in the log
        log.exception("启动失败")
        show_crash(None, exc)
        return 1
    finally:
        collector.stop()
        if lock is not None:
            lock.unlock()


def _utf8_stdio() -> None:
    # Output redirected on a Windows whose code page cannot spell Chinese (`--smoke-test > log.txt` on an
    # English Windows) would raise UnicodeEncodeError after every check passed. A windowed program may
    # have no streams at all (None).
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def acquire_instance_lock(paths: DataPaths) -> QLockFile:
    """One running window per data folder: a second copy gets a message instead of a locked database."""
    lock = QLockFile(str(paths.root / LOCK_FILE))
    lock.setStaleLockTime(0)  # a lock is stale only when its process is gone, however long it ran
    if lock.tryLock(200):
        return lock
    # A lock naming this very process was left by a crashed one whose PID was handed to us (routine under
    # Wine, possible on Windows) -- unless this process really holds it: then the file is open and locked
    # by the operating system, and removing it fails.
    info = lock.getLockInfo()
    own_pid = isinstance(info, tuple) and bool(info) and info[0] == os.getpid()
    if own_pid and lock.removeStaleLockFile() and lock.tryLock(200):
        return lock
    if lock.error() == QLockFile.LockError.PermissionError:
        raise DataFolderError(paths.root, PermissionError("只读"))
    info = lock.getLockInfo()  # (pid, host name, application name), or empty when unreadable
    pid, host = (info[0], info[1]) if isinstance(info, tuple) and len(info) >= 2 else (0, "")
    where = f"（进程 {pid}" + (f"，计算机 {host}" if host else "") + "）" if pid else ""
    raise UserError(
        f"本程序已经打开了这个数据文件夹{where}。请切换到已经打开的窗口（看任务栏）。\n\n"
        f"数据文件夹：{paths.root}\n\n"
        "如果确实没有打开的窗口，请稍等片刻再试，或重新启动电脑。"
    )


def open_chosen_database(paths: DataPaths, url: str | None, *, demo: bool) -> MainWindow | None:
    """--database or FUPIN_DATABASE_URL; else this PC's server from 文件 → 数据库连接… (its password asked
    now, asked again or the connection changed when the server refuses); else the data folder's file."""
    if url:
        return open_signed_in(replace(paths, database_url=url), demo=demo)
    problem = ""
    while True:
        server = server_url_at_start(open_prefs(paths), problem=problem)
        if server == CANCELLED:
            return None
        try:
            return open_signed_in(replace(paths, database_url=server), demo=demo)
        except DatabaseProblem as exc:
            if server is None or not exc.environmental:
                raise
            log.warning("无法连接数据库服务器：%s", exc.message)
            problem = exc.message


def open_signed_in(paths: DataPaths, *, demo: bool, parent: QWidget | None = None) -> MainWindow | None:
    """From a checked data folder to a signed-in main window; None when the user chose to quit."""
    if not database_is_usable(paths, parent):
        return None
    db = open_database(paths)
    try:
        prefs = open_prefs(paths)
        ctx = ServiceContext(db=db, actor=NOBODY)
        # --demo skips signing in only on a database without accounts (never a way around a password)
        demo = demo and not has_users(ctx)
        actor = DEMO_ACTOR if demo else sign_in(ctx, prefs, parent)
        if actor is None:
            db.dispose()
            return None
        return build_main_window(db, actor=actor, demo=demo, prefs=prefs)
    except BaseException:
        db.dispose()
        raise


def database_is_usable(paths: DataPaths, parent: QWidget | None = None) -> bool:
    """`PRAGMA quick_check` at start; a damaged database gets the offer to restore the latest good backup.
    (A server looks after its own files.)"""
    if paths.on_server:
        return True
    problems = database_problems(paths)
    if not problems:
        return True
    log.error("数据库检查未通过：%s", problems)
    backup = latest_good_backup(paths)
    dialog = RestoreOfferDialog(paths, problems, backup, parent)
    accepted = dialog.exec()
    dialog.deleteLater()
    if not accepted or backup is None:
        return False
    with wait_cursor():
        result = recover_database(paths, backup.path, system_actor())
    QMessageBox.information(
        parent,
        "已从备份恢复",
        f"已从 {backup.taken_at:%Y年%m月%d日 %H:%M} 的备份恢复。\n损坏的数据库已保存为：\n{result.previous}",
    )
    return True


def sign_in(ctx: ServiceContext, prefs: QSettings, parent: QWidget | None = None) -> Actor | None:
    """The first start creates the administrator; later starts ask for a user name and password."""
    if not has_users(ctx):
        first = FirstAdminDialog(ctx, parent)
        accepted = first.exec()
        first.deleteLater()
        return first.actor if accepted else None
    login = LoginDialog(ctx, prefs, parent, township=get_settings(ctx).township)
    accepted = login.exec()
    login.deleteLater()
    if not accepted or login.sign_in is None:
        return None
    actor = login.sign_in.actor
    if login.sign_in.must_change_password:
        change = ChangePasswordDialog(
            ctx.acting_as(actor), parent, forced=True, current_password=login.password_used
        )
        changed = change.exec()
        change.deleteLater()
        if not changed:
            return None
    return actor


def install_excepthook(window: MainWindow) -> None:
    """Unhandled errors in slots are logged and shown with the log's location, not lost."""

    def hook(kind: type[BaseException], exc: BaseException, tb: object) -> None:
        log.error("未处理的错误", exc_info=(kind, exc, tb))  # type: ignore[arg-type]
        if isinstance(exc, UserError):
            show_error(window, exc)
        else:
            show_crash(window, exc)

    sys.excepthook = hook


def after_start(window: MainWindow, *, demo: bool) -> None:
    """Once the window shows: the automatic backup and the month's KPI snapshot in the background, then
    the first-start choices."""
    start_automatic_backup(window)
    start_monthly_snapshot(window)
    first_start(window, demo=demo)


def start_automatic_backup(window: MainWindow) -> None:
    ui = window.ui

    def job(cancel: threading.Event):
        yield Progress(0, 0, "自动备份")
        return automatic_backup(ui.ctx)

    def done(target: object) -> None:
        if target is not None:
            ui.events.status_message.emit(f"已自动备份：{target}")

    def failed(exc: BaseException) -> None:
        log.warning("自动备份未完成", exc_info=(type(exc), exc, exc.__traceback__))
        ui.events.status_message.emit(f"自动备份未完成：{exc}")

    ui.runner.start("自动备份", job, on_finished=done, on_failed=failed)


def first_start(window: MainWindow, *, demo: bool) -> None:
    """On an empty database: build the demo (with --demo) or offer import / demo / blank."""
    ctx = window.ui.ctx
    if not ctx.actor.can(Permission.SETTINGS):
        return  # only the administrator sets a new database up
    if database_info(ctx).households or get_settings(ctx).township:
        return
    if demo:
        build_demo(window)
        return
    dialog = FirstStartDialog(window, can_import=window.import_action.isEnabled())
    accepted = dialog.exec()
    dialog.deleteLater()
    if not accepted or dialog.choice is None:
        return
    if dialog.township.text().strip():
        save_settings(
            ctx,
            get_settings(ctx).with_changes(
                township=dialog.township.text().strip(), county=dialog.county.text().strip()
            ),
        )
        window.ui.events.data_changed.emit("settings")
    if dialog.choice == FirstStartChoice.DEMO:
        build_demo(window)
    elif dialog.choice == FirstStartChoice.IMPORT:
        window.import_action.trigger()


def build_demo(window: MainWindow) -> None:
    from fupin_desktop.services.demo import generate_demo

    ui = window.ui

    def job(cancel: threading.Event):
        return generate_demo(ui.ctx, force=True, cancel=cancel)

    def done(summary: object) -> None:
        ui.events.data_changed.emit("all")
        ui.events.status_message.emit("示范数据已生成。")

    run_with_progress(
        window, ui.runner, "正在生成示范乡镇", job, done, on_failed=lambda e: show_error(window, e)
    )


def smoke_test(data_dir: str | None) -> int:
    """Open the database, migrate, build the window offscreen, render a page of PDF, exit 0."""
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fupin-smoke-") as scratch:
        folder = Path(data_dir) if data_dir else Path(scratch) / "data"
        app = QApplication.instance() or QApplication(["fupin-desktop"])
        apply_theme(app)
        try:
            window = create_main_window(folder)
        except UserError as err:
            print(f"自检失败：{err.message}", file=sys.stderr)
            return err.exit_code
        window.show()
        app.processEvents()
        problems = _check_bundle(Path(scratch))
        window.close()
        app.processEvents()
        if problems:
            for problem in problems:
                print(f"自检失败：{problem}", file=sys.stderr)
            return 1
    print(f"自检通过：数据库已打开并迁移，主窗口已建立（{time.perf_counter() - started:.2f} 秒）。")
    return 0


def _check_bundle(scratch: Path) -> list[str]:
    """Everything a frozen program needs at run time is importable and works."""
    problems = []
    from PySide6.QtCore import QCoreApplication

    if QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel":
        problems.append("缺少 Qt 中文翻译（qtbase_zh_CN.qm）：对话框按钮会显示英文")
    try:
        from reportlab.pdfgen.canvas import Canvas

        from fupin_desktop.fonts import register_reportlab

        font = register_reportlab()
        pdf = scratch / "smoke.pdf"
        canvas = Canvas(str(pdf))
        canvas.setFont(font, 14)
        canvas.drawString(72, 720, "明白卡 自检 户主 张三")
        canvas.save()
        from PySide6.QtCore import QSize
        from PySide6.QtPdf import QPdfDocument

        document = QPdfDocument()
        document.load(str(pdf))
        if document.pageCount() != 1 or document.render(0, QSize(200, 280)).isNull():
            problems.append("QtPdf 无法显示生成的 PDF")
    except Exception as exc:  # any failure here is what the smoke test exists to report
        problems.append(f"PDF 生成或显示失败：{exc!r}")
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        from fupin_desktop.fonts import register_matplotlib

        register_matplotlib()
        figure = Figure(figsize=(2, 2))
        FigureCanvasAgg(figure)
        figure.subplots().bar(["一村"], [1])
        figure.savefig(scratch / "smoke.png")
    except Exception as exc:
        problems.append(f"图表生成失败：{exc!r}")
    try:
        import openpyxl
        from python_calamine import CalamineWorkbook

        book = openpyxl.Workbook()
        book.active.append(["户编号", "姓名"])
        book.save(scratch / "smoke.xlsx")
        CalamineWorkbook.from_path(str(scratch / "smoke.xlsx")).get_sheet_by_index(0).to_python()
    except Exception as exc:
        problems.append(f"Excel 读写失败：{exc!r}")
    return problems


if __name__ == "__main__":
    raise SystemExit(main())
