"""文件 → 导入 Excel…: choose a file → preview (counts, problems, changes) → import, each long step in
the background with a progress bar and 取消."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fupin_desktop.services.context import Permission
from fupin_desktop.services.importing import (
    ImportSummary,
    PlanOptions,
    Preview,
    commit_import,
    dry_run,
    preview_import,
    save_error_workbook,
)
from fupin_desktop.ui.app_context import UiContext
from fupin_desktop.ui.dialogs import run_with_progress, show_error
from fupin_desktop.ui.excel.tables import change_model, issue_model, member_model

FILE_FILTER = "电子表格 (*.xlsx *.xlsm *.xls *.ods *.csv);;所有文件 (*)"


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.setWordWrap(False)
    return view


class ImportWizard(QDialog):
    def __init__(self, ui: UiContext, parent: QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.preview: Preview | None = None
        self.result: ImportSummary | None = None
        self.setWindowTitle("导入 Excel")
        self.setObjectName("importWizard")
        self.resize(960, 640)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._choose_page())
        self.pages.addWidget(self._preview_page())
        self.pages.addWidget(self._done_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        if path is not None:
            self.path_edit.setText(str(path))

    # ------------------------------------------------------------ pages

    def _choose_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        intro = QLabel(
            "<b>第 1 步：选择要导入的文件</b><br><br>"
            "可以导入：全国防返贫监测信息系统导出的人口表（.xlsx/.xls）、监测对象名单、本程序导出的台账，"
            "或按“导入模板”填写的表格（文件 → 保存导入模板…）。也支持 .ods 和 .csv（UTF-8 或 GBK）。<br><br>"
            "下一步会先检查文件、列出将要新增和修改的户和人以及每一处错误，确认后才写入数据库。"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("importPath")
        self.path_edit.setPlaceholderText("选择或粘贴文件路径")
        self.path_edit.returnPressed.connect(self.check_file)
        browse = QPushButton("浏览(&B)…")
        browse.clicked.connect(self.browse)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.check_button = QPushButton("检查文件(&N)")
        self.check_button.setObjectName("checkButton")
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.check_file)
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        buttons.addWidget(self.check_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("previewSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary_label)
        self.tabs = QTabWidget()
        self.issues = issue_model()
        self.changes = change_model()
        self.added = member_model()
        self.missing = member_model()
        self.moved = member_model()
        self.issue_view = _table(self.issues)
        for model, view in (
            (self.issues, self.issue_view),
            (self.changes, _table(self.changes)),
            (self.added, _table(self.added)),
            (self.missing, _table(self.missing)),
            (self.moved, _table(self.moved)),
        ):
            self.tabs.addTab(view, "")
            view.setColumnWidth(0, 150 if model is not self.issues else 50)
        for column, width in enumerate((50, 90, 60, 120, 150, 70)):
            self.issue_view.setColumnWidth(column, width)
        layout.addWidget(self.tabs, 1)
        self.year_row = QWidget()
        year_layout = QHBoxLayout(self.year_row)
        year_layout.setContentsMargins(0, 0, 0, 0)
        self.income_year = QSpinBox()
        self.income_year.setObjectName("incomeYear")
        self.income_year.setRange(2014, self.ui.ctx.today().year)
        self.income_year.setValue(self.ui.ctx.today().year - 1)
        self.income_year.setSuffix(" 年")
        self.use_year = QCheckBox("文件中没有年度：收入各列按这一年导入(&Y)")
        self.use_year.setObjectName("useIncomeYear")
        self.use_year.toggled.connect(self.replan)
        self.income_year.valueChanged.connect(lambda _v: self.use_year.isChecked() and self.replan())
        year_layout.addWidget(self.use_year)
        year_layout.addWidget(self.income_year)
        year_layout.addStretch(1)
        layout.addWidget(self.year_row)
        self.year_row.hide()
        self.mark_missing = QCheckBox("把数据库中有、文件中没有的成员标记为“自然减少”(&M)")
        self.skip_bad = QCheckBox("跳过有错误的户，导入其余的户(&S)")
        self.clear_blanks = QCheckBox("用文件中的空白清除数据库中已有的值(&C)")
        self.clear_blanks.setObjectName("clearBlanks")
        self.clear_blanks.setToolTip(
            "默认文件中的空白单元格不覆盖数据库中已有的值（空白常常只是没填写）。\n"
            "勾选后，文件中留空的字段会把数据库中的值清空；清空的字段列在“将要修改的内容”中。"
        )
        for box in (self.mark_missing, self.skip_bad, self.clear_blanks):
            box.toggled.connect(self.replan)
            layout.addWidget(box)
        buttons = QHBoxLayout()
        back = QPushButton("上一步(&P)")
        back.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.error_book_button = QPushButton("保存错误标注文件(&E)…")
        self.error_book_button.clicked.connect(self.save_error_book)
        self.import_button = QPushButton("导入(&I)")
        self.import_button.setObjectName("importButton")
        self.import_button.clicked.connect(self.commit)
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        buttons.addWidget(back)
        buttons.addWidget(self.error_book_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        return page

    def _done_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.done_label = QLabel()
        self.done_label.setObjectName("doneSummary")
        self.done_label.setWordWrap(True)
        self.done_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.done_label)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        close = QPushButton("完成")
        close.setDefault(True)
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        return page

    # ------------------------------------------------------------ behaviour

    def options(self) -> PlanOptions:
        return PlanOptions(
            mark_missing=self.mark_missing.isChecked(),
            skip_bad_households=self.skip_bad.isChecked(),
            income_year=self.income_year.value() if self.use_year.isChecked() else None,
            clear_blanks=self.clear_blanks.isChecked(),
        )

    def browse(self) -> None:
        folder = str(self.ui.prefs.value("excel/importFolder", ""))
        path, _ = QFileDialog.getOpenFileName(self, "选择要导入的文件", folder, FILE_FILTER)
        if path:
            self.path_edit.setText(path)
            self.ui.prefs.setValue("excel/importFolder", str(Path(path).parent))

    def check_file(self) -> None:
        text = self.path_edit.text().strip().strip('"')
        if not text:
            QMessageBox.information(self, "导入 Excel", "请先选择要导入的文件。")
            return
        path, options = Path(text), self.options()

        def job(cancel: threading.Event):
            return preview_import(self.ui.ctx, path, options, cancel)

        run_with_progress(
            self, self.ui.runner, "正在检查文件", job, self.show_preview, on_failed=self._failed
        )

    def replan(self) -> None:
        if self.preview is None:
            return
        book, options = self.preview.book, self.options()

        def job(cancel: threading.Event):
            yield from ()
            return Preview(dry_run(self.ui.ctx, book, options), book)

        run_with_progress(
            self, self.ui.runner, "正在重新比对", job, self.show_preview, on_failed=self._failed
        )

    def _failed(self, exc: BaseException) -> None:
        show_error(self, exc, title="无法导入")

    def show_preview(self, preview: Preview) -> None:
        self.preview = preview
        summary = preview.summary
        self.issues.set_items([*summary.errors, *summary.warnings])
        self.changes.set_items(summary.changes)
        self.added.set_items(summary.added)
        self.missing.set_items(summary.missing)
        self.moved.set_items(summary.moved)
        self.tabs.setTabText(0, f"问题（错误 {len(summary.errors)}，提示 {len(summary.warnings)}）")
        self.tabs.setTabText(1, f"将要修改的内容（{len(summary.changes)}）")
        self.tabs.setTabText(2, f"新增的成员（{len(summary.added)}）")
        self.tabs.setTabText(3, f"文件中没有的成员（{len(summary.missing)}）")
        self.tabs.setTabText(4, f"迁户的成员（{len(summary.moved)}）")
        self.summary_label.setText(_preview_text(summary))
        self.year_row.setVisible(summary.income_year_missing or self.use_year.isChecked())
        allowed = self.ui.ctx.actor.can(Permission.IMPORT)
        self.import_button.setEnabled(allowed and not summary.blocked and summary.has_changes)
        self.import_button.setToolTip("" if allowed else "当前用户没有导入数据的权限")
        self.error_book_button.setEnabled(bool(summary.errors or summary.warnings))
        self.pages.setCurrentIndex(1)
        if summary.errors:
            self.tabs.setCurrentIndex(0)

    def save_error_book(self) -> None:
        if self.preview is None:
            return
        source = self.preview.book.path
        default = str(source.with_name(f"{source.stem}_错误标注.xlsx"))
        target, _ = QFileDialog.getSaveFileName(self, "保存错误标注文件", default, "Excel 工作簿 (*.xlsx)")
        if not target:
            return
        summary = self.preview.summary
        try:
            written = save_error_workbook(
                self.preview.book, [*summary.errors, *summary.warnings], Path(target)
            )
        except Exception as exc:
            show_error(self, exc, title="未能保存")
            return
        self.ui.events.status_message.emit(f"已保存错误标注文件：{written}")
        QMessageBox.information(self, "已保存", f"有问题的单元格已标红并加了批注：\n{written}")

    def commit(self) -> None:
        if self.preview is None:
            return
        book, options = self.preview.book, self.options()

        def job(cancel: threading.Event):
            return commit_import(self.ui.ctx, book, options, cancel)

        run_with_progress(self, self.ui.runner, "正在导入", job, self.finished_import, on_failed=self._failed)

    def finished_import(self, summary: ImportSummary) -> None:
        self.result = summary
        if not summary.committed:
            self.show_preview(Preview(summary, self.preview.book))  # type: ignore[union-attr]
            QMessageBox.warning(
                self,
                "未导入",
                "数据库在检查之后发生了变化，重新比对发现了错误或已没有需要导入的内容，未写入任何数据。",
            )
            return
        self.ui.events.data_changed.emit("all")
        self.ui.events.status_message.emit(f"已导入 {summary.file}")
        skipped = (
            f"<br>跳过有错误的 {len(summary.skipped_households)} 户。" if summary.skipped_households else ""
        )
        self.done_label.setText(
            f"<b>导入完成：{summary.file}</b><br><br>{summary.headline()}{skipped}<br><br>"
            f"导入前的数据库已备份到：<br>{summary.backup or '（服务器数据库，由管理员备份）'}"
        )
        self.pages.setCurrentIndex(2)


def _preview_text(summary: ImportSummary) -> str:
    lines = [f"<b>第 2 步：检查结果 — {summary.file}</b>", summary.headline()]
    for sheet in summary.sheets:
        ignored = f"（未识别、不导入的列：{'、'.join(sheet.ignored)}）" if sheet.ignored else ""
        lines.append(f"工作表“{sheet.name}”按“{sheet.kind}”表读取 {sheet.rows} 行{ignored}")
    if summary.skipped_sheets:
        lines.append(f"跳过的工作表：{'、'.join(summary.skipped_sheets)}")
    for r in summary.renumbered:
        lines.append(f"户编号变更：{r.old} → {r.new}（成员的证件号码相同，按同一户更新）")
    if summary.blocked:
        lines.append(
            f"<span style='color:#b00020'>有 {len(summary.errors)} 处错误，不能导入。"
            "请改正文件（可保存错误标注文件，在 Excel 中查看红色单元格），或勾选“跳过有错误的户”。</span>"
        )
    elif summary.skipped_households:
        lines.append(f"将跳过有错误的 {len(summary.skipped_households)} 户。")
    elif not summary.has_changes:
        lines.append("文件与数据库一致，没有需要导入的变化。")
    return "<br>".join(lines)
