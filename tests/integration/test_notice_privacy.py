"""Issue 17 §5 and §7: what a 公示名单 may show, read back from the printed PDF of the demo township,
and the printing of notices and 走访名单 in the audit log."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from fupin_desktop.db.models import AuditLog
from fupin_desktop.domain.codes import PUBLIC_RISKS, public_risks
from fupin_desktop.domain.records import HouseholdRecord
from fupin_desktop.errors import NotFound
from fupin_desktop.reports.notice import NoticeData, NoticeKind
from fupin_desktop.services.checks.watch import visit_list_job
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.printing.cards import township_household_ids, village_household_ids
from fupin_desktop.services.printing.notices import notice_data, notice_job
from fupin_desktop.services.progress import run_job
from fupin_desktop.services.register.records import load_households
from fupin_desktop.services.register.settings import get_settings, save_settings
from tests.pdf_checks import flat, text

SINCE = date(2021, 1, 1)
HEALTH_WORDS = ("因病", "因残", "病", "残", "疾", "健康", "医疗", "患")
DATES = re.compile(r"\d{4}年\d{1,2}月(\d{1,2}日)?")


def _records(ctx: ServiceContext, ids: list[int]) -> list[HouseholdRecord]:
    with ctx.sessions() as session:
        return load_households(session, ids)


def _listed(r: HouseholdRecord) -> bool:
    return bool(r.monitor_category and r.identified_on and r.identified_on >= SINCE)


def _village_with_health_risks(ctx: ServiceContext) -> str:
    """The village whose identification notice would name most 因病/因残 households."""
    everyone = _records(ctx, township_household_ids(ctx))
    counts = Counter(r.village for r in everyone if _listed(r) and {"因病", "因残"} & set(r.risks))
    return counts.most_common(1)[0][0]


def _print(ctx: ServiceContext, village: str, out: Path) -> tuple[NoticeData, str]:
    run_job(notice_job(ctx, village, NoticeKind.IDENTIFY, out, since=SINCE))
    return notice_data(ctx, village, NoticeKind.IDENTIFY, since=SINCE), flat(text(PdfReader(out)))


def _without_dates_and_phones(content: str, notice: NoticeData) -> str:
    """The page text less what is meant to carry digits: dates, the supervision and contact phones."""
    for allowed in (*notice.supervision, *notice.contacts):
        content = content.replace(flat(allowed), "")
    return DATES.sub("", content)


def _id_runs(record: HouseholdRecord, length: int = 4) -> set[str]:
    """Every run of `length` digits of every member's ID number."""
    runs = set()
    for member in record.members:
        number = re.sub(r"\D", "", member.id_number or "")
        runs |= {number[i : i + length] for i in range(len(number) - length + 1)}
    return runs


def test_a_notice_shows_no_id_digit_and_no_health_word_by_default(
    demo_ctx: ServiceContext, tmp_path: Path
) -> None:
    village = _village_with_health_risks(demo_ctx)
    listed = [r for r in _records(demo_ctx, village_household_ids(demo_ctx, village)) if _listed(r)]
    notice, content = _print(demo_ctx, village, tmp_path / "notice.pdf")

    for record in listed:
        assert record.head_name in content
    # what may be published is there: the groups, the categories, the risks allowed to publish
    assert "村民小组" in content and "监测对象类别" in content and "风险类型" in content
    published = {risk for r in listed for risk in r.risks if risk in PUBLIC_RISKS}
    assert published and all(risk in content for risk in published)

    assert [w for w in HEALTH_WORDS if w in content] == []
    assert "证件号码" not in content and "身份证" not in content
    digits = _without_dates_and_phones(content, notice)
    assert re.findall(r"\d{4,}", digits) == []  # not even a masked number's first six or last four
    ids = set().union(*(_id_runs(r) for r in listed))
    assert [run for run in ids if run in digits] == []


def test_with_the_county_settings_the_tail_and_every_risk_are_printed(
    demo_ctx: ServiceContext, tmp_path: Path
) -> None:
    village = _village_with_health_risks(demo_ctx)
    save_settings(demo_ctx, get_settings(demo_ctx).with_changes(notice_all_risks=True, notice_id_tail=True))
    listed = [r for r in _records(demo_ctx, village_household_ids(demo_ctx, village)) if _listed(r)]
    _notice, content = _print(demo_ctx, village, tmp_path / "notice.pdf")

    assert "身份证后四位" in content
    for record in listed:
        assert record.head is not None
        assert f"{record.head_name}{record.head.id_number[-4:]}" in content  # the tail beside the name
    assert "因病" in content or "因残" in content
    # still never the whole number nor its masked form
    assert all(r.head is not None and r.head.id_number[:6] + "*" not in content for r in listed)


def test_public_risks_leave_out_health_disability_and_unknown_values() -> None:
    risks = (
        "因病",
        "因自然灾害",
        "因残",
        "因务工就业不稳",
        "缺劳动力",
        "因病致贫",
        "新加的风险",
        "因意外事故",
    )
    assert public_risks(risks) == ("因自然灾害", "因务工就业不稳", "因意外事故")
    assert public_risks(risks, all_risks=True) == risks


def _print_rows(ctx: ServiceContext) -> list[AuditLog]:
    with ctx.sessions() as session:
        return list(session.scalars(select(AuditLog).where(AuditLog.entity == "print").order_by(AuditLog.id)))


def test_printing_a_notice_is_in_the_audit_log(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    village = _village_with_health_risks(demo_ctx)
    notice, _content = _print(demo_ctx, village, tmp_path / "notice.pdf")
    (row,) = _print_rows(demo_ctx)
    households = len(notice.rows)
    assert row.action == "打印" and row.entity_id == "识别公示名单"
    assert row.summary == (
        f"打印识别公示名单 {households} 户，共 1 页（{village}{households}户）；公示期2026-11-23至2026-11-27"
    )
    assert json.loads(row.after or "{}")["villages"] == {village: households}


def test_printing_the_visit_lists_is_in_the_audit_log(demo_ctx: ServiceContext, tmp_path: Path) -> None:
    result = run_job(visit_list_job(demo_ctx, tmp_path / "visits.pdf"))
    (row,) = _print_rows(demo_ctx)
    villages = json.loads(row.after or "{}")["villages"]
    assert sum(villages.values()) == result.households and len(villages) > 1
    assert row.summary.startswith(f"打印帮扶走访名单 {result.households} 户，共 {result.pages} 页（")
    assert re.search(r"；\d+名帮扶责任人$", row.summary)


@pytest.mark.parametrize("kind", list(NoticeKind))
def test_no_notice_names_a_health_risk_anywhere_in_the_township(
    demo_ctx: ServiceContext, kind: NoticeKind
) -> None:
    """Every village's notice as the service builds it: rows carry no health word and no ID."""
    everyone = _records(demo_ctx, township_household_ids(demo_ctx))
    for village in sorted({r.village for r in everyone}):
        try:
            notice = notice_data(demo_ctx, village, kind, since=SINCE)
        except NotFound:
            continue
        for row in notice.rows:
            assert not any(w in row.reason for w in HEALTH_WORDS), (village, row)
            assert row.id_tail == ""


def test_the_command_line_says_what_the_notice_leaves_out(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from fupin_desktop.cli import main

    out = tmp_path / "notice.pdf"
    argv = ["--data-dir", str(demo_dir), "notice", "identify", "--village", "清水村", "--since", "2021-01"]
    assert main([*argv, "-o", str(out)]) == 0
    stdout = capsys.readouterr().out
    assert "公示名单不印身份证号，风险类型只列可以公开的（不列因病、因残）。" in stdout
    content = flat(text(PdfReader(out)))
    assert [w for w in HEALTH_WORDS if w in content] == []
