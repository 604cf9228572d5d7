"""`fupin-desktop`: start the window (and `create_main_window` for tests and scripts)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from fupin_desktop import APP_NAME, __version__
from fupin_desktop.db.engine import open_database
from fupin_desktop.errors import UserError
from fupin_desktop.logs import setup_logging
from fupin_desktop.paths import DataPaths, default_data_dir, resolve_data_dir
from fupin_desktop.services.context import LOCAL_ADMIN, Actor, Role, ServiceContext
from fupin_desktop.services.info import database_info
from fupin_desktop.services.settings import get_settings, save_settings
from fupin_desktop.ui.app_context import AppEvents, UiContext
from fupin_desktop.ui.dialogs import run_with_progress, show_crash, show_error
from fupin_desktop.ui.first_start import FirstStartChoice, FirstStartDialog
from fupin_desktop.ui.main_window import MainWindow
from fupin_desktop.ui.tasks import TaskRunner
from fupin_desktop.ui.theme import apply_theme

log = logging.getLogger(__name__)

DEMO_ACTOR = Actor(username="demo", display_name="示范管理员", role=Role.ADMIN)


def create_main_window(
    data_dir: Path,
    *,
    actor: Actor = LOCAL_ADMIN,
    demo: bool = False,
    today: Callable[[], date] = date.today,
) -> MainWindow:
    """Open (creating or upgrading) the database of `data_dir` and build the main window for it.

    A QApplication must exist. No login prompt: the caller decides who acts (`main()` signs in).
    """
    paths = DataPaths(Path(data_dir))
    db = open_database(paths)
    ctx = ServiceContext(db=db, actor=actor, today=today)
    prefs = QSettings(str(paths.root / "window.ini"), QSettings.Format.IniFormat)
    runner = TaskRunner()
    ui = UiContext(ctx=ctx, events=AppEvents(), runner=runner, prefs=prefs, demo=demo)
    window = MainWindow(ui)
    runner.setParent(window)
    return window


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="fupin-desktop", description=f"{APP_NAME} {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="数据文件夹")
    parser.add_argument("--demo", action="store_true", help="打开示范乡镇（首次运行时生成）")
    parser.add_argument(
        "--smoke-test", action="store_true", help="打开数据库、建立主窗口后立即退出（安装包自检）"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
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
    try:
        paths.ensure()
        setup_logging(paths.logs)
        window = create_main_window(
            paths.root, actor=DEMO_ACTOR if args.demo else LOCAL_ADMIN, demo=args.demo
        )
    except UserError as err:
        QMessageBox.critical(None, f"{APP_NAME} 无法启动", err.message)
        return err.exit_code
    install_excepthook(window)
    window.show()
    QTimer.singleShot(0, lambda: first_start(window, demo=args.demo))
    return app.exec()


def install_excepthook(window: MainWindow) -> None:
    """Unhandled errors in slots are logged and shown with the log's location, not lost."""

    def hook(kind: type[BaseException], exc: BaseException, tb: object) -> None:
        log.error("未处理的错误", exc_info=(kind, exc, tb))  # type: ignore[arg-type]
        show_crash(window, exc)

    sys.excepthook = hook


def first_start(window: MainWindow, *, demo: bool) -> None:
    """On an empty database: build the demo (with --demo) or offer import / demo / blank."""
    ctx = window.ui.ctx
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
