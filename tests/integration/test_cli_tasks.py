"""`fupin tasks list`, `print`, `void` and `undo`: the JSON matches the database, filters, files, errors."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from fupin_desktop.cli import main
from fupin_desktop.db.engine import open_database
from fupin_desktop.db.models import Task, TaskDeadlineChange
from fupin_desktop.domain.tasks import count_extensions, warning
from fupin_desktop.paths import DataPaths
from tests.pdf_checks import flat, text

# The CLI colours against the real date; the demo township was built for the fixtures' TODAY.
REAL_TODAY = date.today()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def database_tasks(folder: Path) -> list[dict[str, object]]:
    """The tasks as the JSON should show them, computed straight from the tables."""
    db = open_database(DataPaths(folder))
    try:
        with db.sessions() as session:
            changes: dict[int, list] = {}
            for change in session.scalars(select(TaskDeadlineChange)):
                changes.setdefault(change.task_id, []).append((change.old_deadline, change.new_deadline))
            tasks = session.scalars(select(Task).order_by(Task.seq)).all()
            assert session.scalar(select(func.count()).select_from(Task)) == len(tasks)
            return [
                {
                    "id": t.id,
                    "status": t.status,
                    "colour": warning(
                        t.status, t.deadline, REAL_TODAY, extensions=count_extensions(changes.get(t.id, []))
                    ).colour.value,
                    "deadline": t.deadline.isoformat(),
                    "title": t.description,
                }
                for t in tasks
            ]
    finally:
        db.dispose()


def tasks_json(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> list[dict[str, object]]:
    code, out, err = run(capsys, "--data-dir", str(folder), "tasks", "list", "--json", *args)
    assert code == 0, err
    data = json.loads(out)
    assert list(data) == ["tasks"]
    return data["tasks"]


def test_json_matches_the_database(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listed = tasks_json(capsys, demo_dir)
    assert listed == database_tasks(demo_dir)
    assert {t["colour"] for t in listed} <= {"red", "yellow", "blue", "grey"}
    assert all(set(t) == {"id", "status", "colour", "deadline", "title"} for t in listed)
    assert {t["colour"] for t in listed if t["status"] == "已销号"} == {"grey"}


def test_json_filters_by_status_and_colour(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    everything = database_tasks(demo_dir)
    for args, keep in (
        (["--status", "待验收"], lambda t: t["status"] == "待验收"),
        (["--status", "closed"], lambda t: t["status"] == "已销号"),
        (["--status", "todo", "--status", "整改中"], lambda t: t["status"] in ("待整改", "整改中")),
        (["--colour", "red"], lambda t: t["colour"] == "red"),
        (["--colour", "黄"], lambda t: t["colour"] == "yellow"),
        (
            ["--color", "BLUE", "--status", "doing"],
            lambda t: t["colour"] == "blue" and t["status"] == "整改中",
        ),
        (["--colour", "grey"], lambda t: t["status"] == "已销号"),
    ):
        assert tasks_json(capsys, demo_dir, *args) == [t for t in everything if keep(t)], args


def test_json_follows_a_change(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = open_database(DataPaths(demo_dir))
    with db.sessions.begin() as session:
        task = session.scalars(select(Task).where(Task.status == "整改中").order_by(Task.seq)).first()
        task.deadline = REAL_TODAY - timedelta(days=1)
        task_id = task.id
    db.dispose()
    listed = {t["id"]: t for t in tasks_json(capsys, demo_dir)}
    assert listed[task_id]["colour"] == "red"
    assert listed[task_id]["deadline"] == (REAL_TODAY - timedelta(days=1)).isoformat()


def test_plain_list_ends_with_the_counts(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "tasks", "list", "--status", "已销号")
    lines = out.strip().splitlines()
    assert code == 0 and len(lines) == 13
    assert all("已销号" in line for line in lines)
    assert lines[-1].startswith("共 12 项：已销号 12（销号率 100.0%）")


@pytest.mark.parametrize(
    ("kind", "title"), [("problems", "问题清单"), ("tasks", "任务清单"), ("duties", "责任清单")]
)
def test_print_writes_the_list(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, title: str
) -> None:
    out = tmp_path / f"{kind}.pdf"
    code, stdout, _ = run(capsys, "--data-dir", str(demo_dir), "tasks", "print", kind, "-o", str(out))
    reader = PdfReader(out)
    assert code == 0 and f"已生成{title}：40 项，共 {len(reader.pages)} 页。" in stdout
    assert f"整改{title}" in flat(text(reader))


def test_print_a_filtered_closed_summary(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "closed.pdf"
    code, stdout, _ = run(
        capsys, "--data-dir", str(demo_dir), "tasks", "print", "closed", "--status", "已销号", "-o", str(out)
    )
    assert code == 0 and "12 项" in stdout
    assert "状态：已销号" in flat(text(PdfReader(out)))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["tasks", "list", "--status", "完成"], "没有“完成”这个状态"),
        (["tasks", "list", "--colour", "purple"], "没有“purple”这个预警颜色"),
        (["tasks", "print", "warchart", "-o", "x.pdf"], "无效的选项"),
    ],
)
def test_bad_arguments_exit_2(
    demo_dir: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--data-dir", str(demo_dir), *args])
    assert caught.value.code == 2
    assert message in capsys.readouterr().err


def test_print_to_a_missing_folder_exits_2(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no such folder" / "x.pdf"
    code, _, err = run(capsys, "--data-dir", str(demo_dir), "tasks", "print", "tasks", "-o", str(out))
    assert code == 2 and "保存位置不存在" in err and not out.parent.exists()


def test_void_and_undo(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    task = next(t for t in database_tasks(demo_dir) if t["status"] == "整改中")
    folder = ["--data-dir", str(demo_dir), "tasks"]
    code, _, err = run(capsys, *folder, "void", str(task["id"]))
    assert code != 0 and "“作废”必须写明原因" in err
    assert {t["id"]: t for t in database_tasks(demo_dir)}[task["id"]]["status"] == "整改中"

    code, out, err = run(capsys, *folder, "void", str(task["id"]), "--reason", "与第 3 项重复")
    assert code == 0, err
    assert "已作废第" in out and "原因：与第 3 项重复" in out
    assert task["id"] not in {t["id"] for t in tasks_json(capsys, demo_dir)}
    assert [t["id"] for t in tasks_json(capsys, demo_dir, "--status", "void")] == [task["id"]]

    code, out, err = run(capsys, *folder, "undo", str(task["id"]))
    assert code == 0, err
    assert (
        "已撤销第" in out and "整改中 → 已作废（作废：与第 3 项重复）" in out and "现在的状态：整改中" in out
    )
    assert task["id"] in {t["id"] for t in tasks_json(capsys, demo_dir)}
    code, _, err = run(capsys, *folder, "undo", "999999")
    assert code != 0 and "找不到整改任务" in err
