"""`table_open`, `table_filter` and `memory_20k`: the 户籍管理 table at the benchmark's household count.

Each timing is the tab's own (query, first page of rows, model reset, paint) beside the bare SQL doing
the same query with sqlite3 in the same run.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.harness import BenchEnv, Measurement, benchmark, timed

ROOT = Path(__file__).resolve().parents[1]
PAGE = 200

# The bare query behind the default view: ids by 户编号 with each household's people 在册.
IDS_SQL = """
SELECT h.id, (SELECT count(*) FROM member m WHERE m.household_id = h.id AND m.status = '在册')
FROM household h WHERE h.archived = 0 {where} ORDER BY h.number
"""
PAGE_SQL = """
SELECT h.id, h.number, h.phone, h.household_type, h.monitor_category, h.risk_eliminated,
  (SELECT name FROM member m WHERE m.household_id = h.id AND m.relation = '户主' AND m.status = '在册'),
  (SELECT per_capita FROM income_record r WHERE r.household_id = h.id ORDER BY r.year DESC LIMIT 1),
  (SELECT x.name FROM pairing p JOIN helper x ON x.id = p.helper_id
    WHERE p.household_id = h.id AND p.end_date IS NULL)
FROM household h WHERE h.id IN ({ids})
"""


BELOW_SQL = """AND h.id IN (SELECT r.household_id FROM income_record r
  WHERE r.per_capita < CASE r.year {cases} END
    AND r.year = (SELECT max(year) FROM income_record x WHERE x.household_id = r.household_id))"""


def _bare(folder: Path, where: str = "", params: tuple = ()) -> Callable[[], None]:
    def run() -> None:
        connection = sqlite3.connect(folder / "fupin.sqlite")
        ids = [row[0] for row in connection.execute(IDS_SQL.format(where=where), params)]
        page = ",".join(str(i) for i in ids[:PAGE]) or "0"
        connection.execute(PAGE_SQL.format(ids=page)).fetchall()
        connection.close()

    return run


def _app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from fupin_desktop.ui.theme import apply_theme

    app = QApplication.instance() or QApplication(["bench"])
    apply_theme(app)
    return app


def _ui(env: BenchEnv, folder: Path):
    from PySide6.QtCore import QSettings

    from fupin_desktop.ui.app_context import AppEvents, UiContext
    from fupin_desktop.ui.tasks import TaskRunner

    prefs = QSettings(str(env.scratch / "bench-window.ini"), QSettings.Format.IniFormat)
    return UiContext(ctx=env.context(folder), events=AppEvents(), runner=TaskRunner(), prefs=prefs)


@benchmark("table_open")
def table_open(env: BenchEnv) -> Measurement:
    folder = env.demo_folder()
    app = _app()
    ui = _ui(env, folder)
    from fupin_desktop.ui.households.tab import HouseholdsTab

    def open_tab() -> None:
        tab = HouseholdsTab(ui)
        tab.resize(1360, 800)
        tab.show()
        app.processEvents()  # laid out and painted: the first page is on screen
        assert tab.model.rowCount() == min(PAGE, len(tab.model.ids))
        tab.close()
        tab.deleteLater()
        app.processEvents()

    open_tab()  # warm the file cache and SQLAlchemy's statement cache, as a started program has
    seconds = timed(open_tab, repeat=5)
    reference = timed(_bare(folder), repeat=5)
    ui.ctx.db.dispose()
    return Measurement(
        "table_open",
        env.households,
        seconds=seconds,
        reference="sqlite3: ids by 户编号 with people, and the first page's rows",
        reference_seconds=reference,
        budget="≤ 0.3 s",
    )


def _filter_steps(folder: Path) -> list[tuple[str, Callable[[object], None], str, tuple]]:
    """Ten searches and filter changes a clerk makes: (label, apply to the filter bar, bare WHERE, params)."""
    connection = sqlite3.connect(folder / "fupin.sqlite")
    id_number, phone = connection.execute(
        "SELECT m.id_number, h.phone FROM member m JOIN household h ON h.id = m.household_id "
        "WHERE h.phone IS NOT NULL ORDER BY m.id LIMIT 1 OFFSET 777"
    ).fetchone()
    village = connection.execute(
        "SELECT id FROM area WHERE level = 'village' ORDER BY sort_order LIMIT 1 OFFSET 4"
    ).fetchone()[0]
    thresholds = dict(connection.execute("SELECT year, amount FROM threshold ORDER BY region = '全国' DESC"))
    connection.close()
    below = BELOW_SQL.format(cases=" ".join(f"WHEN {y} THEN {a}" for y, a in thresholds.items()))
    tail = id_number[-6:]
    member_like = (
        "h.id IN (SELECT household_id FROM member WHERE name LIKE ? OR id_number LIKE ? OR phone LIKE ?)"
    )

    def search(text: str) -> Callable[[object], None]:
        def apply(bar) -> None:
            bar.search.setText(text)
            bar.apply_now()

        return apply

    def combo(name: str, value: object) -> Callable[[object], None]:
        def apply(bar) -> None:
            widget = getattr(bar, name)
            widget.setCurrentIndex(widget.findData(value))

        return apply

    def check(name: str) -> Callable[[object], None]:
        return lambda bar: getattr(bar, name).setChecked(True)

    return [
        (
            "姓名“张”",
            search("张"),
            "AND (h.number LIKE '%张%' OR h.id IN (SELECT household_id FROM member WHERE name LIKE '%张%'))",
            (),
        ),
        (
            "姓名“王丽”",
            search("王丽"),
            "AND (h.number LIKE '%王丽%' OR h.id IN (SELECT household_id FROM member WHERE name LIKE '%王丽%'))",
            (),
        ),
        (
            "证件号码后6位",
            search(tail),
            f"AND (h.number LIKE ? OR h.phone LIKE ? OR {member_like})",
            (f"%{tail}%", f"%{tail}%", f"%{tail}%", f"%{tail}", f"%{tail}%"),
        ),
        (
            "完整证件号码",
            search(id_number),
            "AND h.id IN (SELECT household_id FROM member WHERE id_number = ?)",
            (id_number,),
        ),
        (
            "电话",
            search(phone),
            f"AND (h.number LIKE ? OR h.phone LIKE ? OR {member_like})",
            (f"%{phone}%",) * 5,
        ),
        ("村", combo("village", village), "AND h.village_id = ?", (village,)),
        ("户类型", combo("household_type", "一般农户"), "AND h.household_type = '一般农户'", ()),
        ("监测对象类别", combo("category", "边缘易致贫户"), "AND h.monitor_category = '边缘易致贫户'", ()),
        ("收入低于监测范围", check("below"), below, ()),
        (
            "未结对",
            check("unpaired"),
            "AND h.id NOT IN (SELECT household_id FROM pairing WHERE end_date IS NULL)",
            (),
        ),
    ]


@benchmark("table_filter")
def table_filter(env: BenchEnv) -> Measurement:
    folder = env.demo_folder()
    app = _app()
    ui = _ui(env, folder)
    from fupin_desktop.ui.households.tab import HouseholdsTab

    tab = HouseholdsTab(ui)
    tab.resize(1360, 800)
    tab.show()
    app.processEvents()
    ours, bare = [], []
    for label, apply, where, params in _filter_steps(folder):
        tab.filters.clear()
        app.processEvents()
        started = time.perf_counter()
        apply(tab.filters)
        app.processEvents()
        ours.append(time.perf_counter() - started)
        bare.append(timed(_bare(folder, where, params)))
        print(
            f"    {label}: {len(tab.model.ids)} 户 {ours[-1] * 1000:.0f} ms（SQL {bare[-1] * 1000:.0f} ms）"
        )
    tab.close()
    ui.ctx.db.dispose()
    return Measurement(
        "table_filter",
        env.households,
        seconds=statistics.median(ours),
        reference="sqlite3: the same filter's ids and first page",
        reference_seconds=statistics.median(bare),
        budget="≤ 0.1 s each",
    )


@benchmark("memory_20k")
def memory_20k(env: BenchEnv) -> Measurement:
    folder = env.demo_folder()
    environment = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    result = subprocess.run(
        [sys.executable, "-m", "bench.bench_households", "memory-probe", str(folder)],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        timeout=300,
        check=True,
    )
    mb = float(result.stdout.strip().splitlines()[-1])
    return Measurement("memory_20k", env.households, mb=mb, budget="≤ 500 MB resident")


def resident_mb() -> float:
    """Resident memory of this process (Linux /proc; elsewhere the peak from getrusage)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def memory_probe(folder: Path) -> None:
    """The program as a clerk has it: main window, 户籍管理 scrolled through, searched, an editor open."""
    app = _app()
    from fupin_desktop.app import create_main_window

    window = create_main_window(folder)
    window.resize(1360, 860)
    window.show()
    app.processEvents()
    tab = window.tabs.widget(0)
    for _ in range(10):  # scroll down through ten pages
        tab.table.scrollToBottom()
        app.processEvents()
    for text in ("张", "王", ""):
        tab.filters.search.setText(text)
        tab.filters.apply_now()
        app.processEvents()
    editor = tab.open_household(tab.filtered_household_ids()[0], "收支核算")
    app.processEvents()
    print(f"{resident_mb():.1f}", flush=True)
    editor.discard()
    window.close()


if __name__ == "__main__":
    if sys.argv[1:2] == ["memory-probe"]:
        memory_probe(Path(sys.argv[2]))
