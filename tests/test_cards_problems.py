"""Cards of households with data errors are not printed silently (issue 17 §7): `fupin cards` lists them
and exits 1 unless `--anyway`; every printing of cards is in the audit log."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from fupin_desktop.cli import main
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.printing.card_check import card_problems


def _db(folder: Path) -> sqlite3.Connection:
    return sqlite3.connect(folder / "fupin.sqlite")


def spoil(folder: Path) -> dict[str, str]:
    """Three households of 清水村 made faulty: kind → 户编号. The fourth stays sound."""
    connection = _db(folder)
    with connection:
        rows = connection.execute(
            "SELECT h.id, h.number FROM household h JOIN area v ON v.id = h.village_id WHERE v.name = '清水村' "
            "AND (SELECT count(*) FROM member m WHERE m.household_id = h.id AND m.status = '在册') >= 3 "
            "ORDER BY h.number LIMIT 4"
        ).fetchall()
        (no_head, a), (two_heads, b), (no_id, c), (_sound, d) = rows
        connection.execute(
            "UPDATE member SET relation = '之子' WHERE household_id = ? AND relation = '户主'", (no_head,)
        )
        connection.execute(
            "UPDATE member SET relation = '户主' WHERE id = (SELECT max(id) FROM member WHERE household_id = ?)",
            (two_heads,),
        )
        connection.execute(
            "UPDATE member SET id_number = NULL WHERE id = (SELECT max(id) FROM member WHERE household_id = ?)",
            (no_id,),
        )
    connection.close()
    return {"no_head": a, "two_heads": b, "no_id": c, "sound": d}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_faulty_households_are_found_in_the_order_asked(demo_ctx: ServiceContext, demo_dir: Path) -> None:
    numbers = spoil(demo_dir)
    ids = dict(_db(demo_dir).execute("SELECT number, id FROM household").fetchall())
    found = card_problems(demo_ctx, [ids[numbers[k]] for k in ("sound", "no_id", "two_heads", "no_head")])
    assert [(p.number, p.problems) for p in found] == [
        (numbers["no_id"], ("1人没有证件号码",)),
        (numbers["two_heads"], ("有2位户主",)),
        (numbers["no_head"], ("没有户主",)),
    ]


def test_the_command_lists_them_and_prints_nothing(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    numbers = spoil(demo_dir)
    out = tmp_path / "cards.pdf"
    code, _, err = run(capsys, "--data-dir", str(demo_dir), "cards", "--village", "清水村", "-o", str(out))
    assert code == 1
    assert "以下 3 户的数据有误" in err
    for key, words in (("no_head", "没有户主"), ("two_heads", "有2位户主"), ("no_id", "1人没有证件号码")):
        assert numbers[key] in err and words in err
    assert "--anyway" in err
    assert not out.exists()
    assert _db(demo_dir).execute("SELECT count(*) FROM audit_log WHERE entity = 'print'").fetchone()[0] == 0


def test_anyway_prints_them_and_the_audit_log_says_so(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    numbers = spoil(demo_dir)
    out = tmp_path / "cards.pdf"
    code, stdout, err = run(
        capsys, "--data-dir", str(demo_dir), "cards", "--village", "清水村", "--anyway", "-o", str(out)
    )
    assert code == 0 and "以下 3 户的数据有误" in err and "已生成明白卡：50 户" in stdout
    assert numbers["no_head"] in "".join(p.extract_text() for p in PdfReader(out).pages)
    (action, summary), *_ = (
        _db(demo_dir)
        .execute("SELECT action, summary FROM audit_log WHERE entity = 'print' ORDER BY id DESC")
        .fetchall()
    )
    assert action == "打印"
    assert summary.startswith("打印明白卡 50 户，共 ") and "（清水村50户）" in summary
    assert "其中 3 户数据有误，经确认仍打印" in summary


def test_a_sound_batch_prints_without_asking_and_is_logged(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    numbers = spoil(demo_dir)
    out = tmp_path / "one.pdf"
    code, _, err = run(
        capsys, "--data-dir", str(demo_dir), "cards", "--household", numbers["sound"], "-o", str(out)
    )
    assert code == 0 and err == ""
    summary = _db(demo_dir).execute("SELECT summary FROM audit_log WHERE entity = 'print'").fetchone()[0]
    assert summary == "打印明白卡 1 户，共 1 页（清水村1户）"
