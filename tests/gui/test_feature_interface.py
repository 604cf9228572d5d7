"""The features of the main window talk to it only through `features.Workbench` (issue 21 §3).

Read from the source: no module of ui/ but main_window.py sets attributes on the window or looks the
window's parts up by name (`getattr`, `hasattr`, `findChild`), and none imports `MainWindow`. In the window:
a household opens in the one editor through `Workbench.open_household` from 整改清单, 数据核查 and 挂图作战.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import fupin_desktop.ui
from fupin_desktop.ui.features import Workbench
from fupin_desktop.ui.households.editor import SECTION_TITLES
from fupin_desktop.ui.main_window import MainWindow

UI = Path(fupin_desktop.ui.__file__).parent
# What the window goes by in the features: these names, or a parameter annotated with one of these types.
WINDOW_NAMES = frozenset({"window", "main_window", "mainwindow", "mw", "main", "bench", "workbench"})
WINDOW_TYPES = frozenset({"MainWindow", "Workbench", "QMainWindow"})
# Calls that return the window or one of its tabs.
WINDOW_CALLS = frozenset({"window", "widget", "tab", "show_tab"})
LOOKUPS = frozenset({"getattr", "hasattr", "setattr", "delattr"})
TAB_KEYS = frozenset({"householdsTab", "assignmentsTab", "rectificationTab", "checksTab"})


def _type_names(annotation: ast.expr | None) -> set[str]:
    """The names in an annotation, written as code or as a string (`MainWindow`, `"Workbench | None"`)."""
    if annotation is None:
        return set()
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            annotation = ast.parse(annotation.value, mode="eval").body
        except SyntaxError:
            return set()
    return {n.id for n in ast.walk(annotation) if isinstance(n, ast.Name)} | {
        n.attr for n in ast.walk(annotation) if isinstance(n, ast.Attribute)
    }


class WindowReach(ast.NodeVisitor):
    """Finds a module's writes to the window and its look-ups of the window's parts by name."""

    def __init__(self, window_attributes: set[str]) -> None:
        self.window_attributes = window_attributes  # names MainWindow defines or sets on itself
        self.windows: set[str] = set(WINDOW_NAMES)
        self.problems: list[tuple[int, str]] = []

    def is_window(self, node: ast.expr) -> bool:
        if isinstance(node, ast.Name):
            return node.id in self.windows
        if isinstance(node, ast.Attribute):  # self.window, self.workbench, self._bench
            return node.attr.lstrip("_") in WINDOW_NAMES
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            return node.func.attr in WINDOW_CALLS  # self.window(), bench.widget(), window.tab("…")
        return False

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        arguments = node.args
        for arg in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]:
            if _type_names(arg.annotation) & WINDOW_TYPES:
                self.windows.add(arg.arg)
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def _targets(self, target: ast.expr, line: int) -> None:
        if isinstance(target, ast.Tuple | ast.List):
            for element in target.elts:
                self._targets(element, line)
        elif isinstance(target, ast.Attribute) and self.is_window(target.value):
            self.problems.append((line, f"sets .{target.attr} on the window"))
        elif isinstance(target, ast.Subscript):
            self._targets(target.value, line)

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self._targets(target, node.lineno)
            if isinstance(target, ast.Name) and self.is_window(node.value):  # households = window.tab(…)
                self.windows.add(target.id)
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self._targets(node.target, node.lineno)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._targets(node.target, node.lineno)
        self.generic_visit(node)

    def visit_Delete(self, node: ast.Delete) -> None:
        for target in node.targets:
            self._targets(target, node.lineno)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Name) and func.id in LOOKUPS and node.args:
            name = node.args[1] if len(node.args) > 1 else None
            by_name = isinstance(name, ast.Constant) and name.value in self.window_attributes
            if self.is_window(node.args[0]) or by_name:
                self.problems.append((node.lineno, f"{func.id}() on the window or one of its parts"))
        if isinstance(func, ast.Attribute) and func.attr in ("findChild", "findChildren"):
            tabs = any(
                (isinstance(a, ast.Constant) and a.value in TAB_KEYS)
                or (isinstance(a, ast.Name) and a.id.endswith("Tab"))
                for a in node.args
            )
            if tabs or self.is_window(func.value):
                self.problems.append((node.lineno, f"{func.attr}() to reach a tab or the window"))
        self.generic_visit(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if any(alias.name == "MainWindow" for alias in node.names):
            self.problems.append((node.lineno, "imports MainWindow (features get a Workbench)"))


def window_attributes() -> set[str]:
    """What MainWindow defines (methods) or sets on itself (`self.x = …`), and the Workbench's members."""
    tree = ast.parse((UI / "main_window.py").read_text(encoding="utf-8"))
    window = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "MainWindow")
    names = {n.name for n in window.body if isinstance(n, ast.FunctionDef)}
    names |= {
        node.attr
        for node in ast.walk(window)
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store)
        if isinstance(node.value, ast.Name) and node.value.id == "self"
    }
    names |= {name for name in vars(Workbench) if not name.startswith("_")}
    names -= {"ui"}  # every window and dialog has its own context: looking for it is not reaching a feature
    return names


def reach(source: str, attributes: set[str] | None = None) -> list[tuple[int, str]]:
    finder = WindowReach(window_attributes() if attributes is None else attributes)
    finder.visit(ast.parse(source))
    return finder.problems


def test_the_checker_sees_each_way_of_reaching_into_the_window() -> None:
    source = """
from fupin_desktop.ui.main_window import MainWindow

def install(w: "MainWindow", bench: Workbench) -> None:
    w.extra_action = 1
    w.first, w.second = 1, 2
    bench.widget().thing = 3
    setattr(w, "more", 4)

class Tab:
    def open(self) -> None:
        self.window().findChild(QWidget, "householdsTab")
        getattr(self.window(), "show_tab", None)
        hasattr(register, "open_household")
        self.workbench.cache = {}
        households = self.workbench.show_tab("householdsTab")
        getattr(households, "toolbar", None)
"""
    lines = [line for line, _what in reach(source)]
    assert lines == [2, 5, 6, 6, 7, 8, 12, 13, 14, 15, 17]


def test_reading_through_the_interface_and_own_attributes_is_fine() -> None:
    source = """
def install(bench: Workbench) -> QAction:
    action = QAction("设置(&S)…", bench.widget())
    action.setObjectName("settingsAction")
    bench.menu("file").addAction(action)
    self.workbench.open_household(1, "基本信息")
    ui = getattr(widget, "ui", None)
    return action
"""
    assert reach(source) == []


@pytest.mark.parametrize(
    "path",
    sorted(p for p in UI.rglob("*.py") if p.name != "main_window.py"),
    ids=lambda p: p.relative_to(UI).as_posix(),
)
def test_features_do_not_reach_into_the_main_window(path: Path) -> None:
    problems = reach(path.read_text(encoding="utf-8"))
    assert not problems, "\n".join(f"{path.name}:{line}: {what}" for line, what in problems)


def test_the_main_window_is_a_workbench() -> None:
    """Every member of the protocol is on MainWindow, with the same parameters."""
    for name, member in vars(Workbench).items():
        if name.startswith("_") or not callable(member):
            continue
        ours = getattr(MainWindow, name)
        assert list(inspect.signature(ours).parameters) == list(inspect.signature(member).parameters), name
    assert "ui" in Workbench.__annotations__


# ---------------------------------------------------------------- one way to open a household


def test_a_household_opens_in_the_one_editor_from_every_tab(
    qtbot, make_window, demo_dir: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    window.resize(1360, 860)
    window.show()
    asked: list[tuple[int, str | None, bool]] = []
    opens = window.open_household

    def open_household(household_id: int, section: str | None = None, *, show_register: bool = False):  # type: ignore[no-untyped-def]
        asked.append((household_id, section, show_register))
        return opens(household_id, section, show_register=show_register)

    monkeypatch.setattr(window, "open_household", open_household)
    editors = []

    def editor_of(household_id: int, section: str):  # type: ignore[no-untyped-def]
        qtbot.waitUntil(lambda: window.households.editor is not None and window.households.editor.isVisible())
        editor = window.households.editor
        assert editor.draft.record.id == household_id
        assert SECTION_TITLES[editor.nav.currentRow()] == section
        editors.append(editor)
        editor.done(0)

    # 整改清单: a household the selected task concerns; 户籍管理 comes to the front
    tasks = window.show_tab("rectificationTab")
    assert tasks.select_task(next(r.id for r in tasks.model.rows if r.households))
    household = tasks.detail.detail.households[0].id
    tasks.detail.households.linkActivated.emit(f"household:{household}")
    editor_of(household, "基本信息")
    assert window.tabs.currentWidget() is window.households

    # 数据核查: a finding opens at its section; the tab stays behind the editor (the list keeps its place)
    checks = window.show_tab("checksTab")
    qtbot.waitUntil(lambda: checks.result is not None and checks.running is None, timeout=60_000)
    view = checks.findings
    view.rule.setCurrentIndex(view.rule.findData("house_unsafe"))
    finding = view.model.items[0].finding
    view.table.doubleClicked.emit(view.model.index(0, 1))
    editor_of(finding.household_id, finding.section)
    assert window.tabs.currentWidget() is checks

    # 挂图作战: an unpaired household opens at its 帮扶责任人 section, in front of 户籍管理
    board = window.show_tab("assignmentsTab")
    qtbot.waitUntil(lambda: board.overview.unpaired_model.rowCount() > 0)
    unpaired = board.overview.unpaired_model.rows[0].id
    board.overview.unpaired_view.doubleClicked.emit(board.overview.unpaired_model.index(0, 0))
    editor_of(unpaired, "帮扶责任人")
    assert window.tabs.currentWidget() is window.households

    assert asked == [
        (household, None, True),
        (finding.household_id, finding.section, False),
        (unpaired, "帮扶责任人", True),
    ]
    assert editors[0] is editors[1] is editors[2]  # one editor, loaded with each household
