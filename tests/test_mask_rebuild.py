"""A masked ID number cannot be rebuilt from what stands beside it (issue 20 §1).

The mask (first 6 + ******** + last 4) hides exactly the 8 digits of the birth date. Every masked
document the program writes is produced from the demo township (and a 机账比对 and an error workbook made
to show differences), then attacked: for each masked number, every date, year or age on the same row (a
workbook), the same person's rows across the workbook's sheets (by 户编号 and 姓名), or the same page (a
PDF) is tried in the hidden digits; a hint that leaves exactly one number with the right check character,
and that number is a real one, has rebuilt it. None may. The attack is shown to work on a workbook that
does give the date beside the masked number.
"""

from __future__ import annotations

import re
import shutil
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import suppress
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from fupin_desktop.cli import main
from fupin_desktop.db.models import Member
from fupin_desktop.domain import idcard
from tests.conftest import _context
from tests.integration.test_privacy_outputs import DOCUMENTS

MASKED = re.compile(r"(?<![0-9A-Za-z])([0-9]{6})\*{8}([0-9]{3}[0-9X])(?![0-9A-Za-z*])")
DATE = re.compile(
    r"(?<![0-9])((?:19|20)[0-9]{2})(?:[-/.年]([0-9]{1,2})[-/.月]([0-9]{1,2})日?|([01][0-9])([0-3][0-9]))(?![0-9])"
)
YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?:年)?(?![0-9*])")
AGE = re.compile(r"(?<![0-9])([0-9]{1,3}) ?岁")
TODAY = date(2026, 12, 31)
# GB 11643, written out here rather than taken from domain.idcard
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"


def _weighted(digits: str, start: int) -> int:
    return sum(int(d) * w for d, w in zip(digits, WEIGHTS[start:], strict=False))


_DAY_SUMS: dict[date, int] = {}


def _day_sum(day: date) -> int:
    found = _DAY_SUMS.get(day)
    if found is None:
        found = _DAY_SUMS[day] = _weighted(f"{day:%Y%m%d}", 6)
    return found


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def hints(texts: Iterable[object]) -> list[list[date]]:
    """Each thing an attacker could put in the hidden digits: a date (one candidate), a year (its days),
    an age (the two years it may mean)."""
    found: list[list[date]] = []
    for value in texts:
        if isinstance(value, datetime | date):
            found.append(
                [value if isinstance(value, date) and not isinstance(value, datetime) else value.date()]
            )
            continue
        text = str(value)
        for m in DATE.finditer(text):
            year, month, day = int(m[1]), int(m[2] or m[4]), int(m[3] or m[5])
            with suppress(ValueError):  # 1990-02-30 is no date
                found.append([date(year, month, day)])
        for m in YEAR.finditer(text):
            year = int(m[1])
            if 1900 <= year <= TODAY.year:
                found.append(_days(date(year, 1, 1), date(year, 12, 31)))
        for m in AGE.finditer(text):
            age = int(m[1])
            if age <= 120:
                found.append(_days(date(TODAY.year - age - 1, 1, 1), date(TODAY.year - age, 12, 31)))
    return found


def rebuilt(texts: list[object], real: set[str]) -> list[str]:
    """The real numbers rebuilt from the masked ones among `texts` with a hint among them."""
    masked = {m.groups() for t in texts for m in MASKED.finditer(str(t))}
    if not masked:
        return []
    out = []
    found = hints(texts)
    for area, tail in masked:
        fixed = _weighted(area, 0) + _weighted(tail[:3], 14)
        for hint in found:
            days = [day for day in hint if CHECK[(fixed + _day_sum(day)) % 11] == tail[3]]
            if len(days) == 1 and (number := f"{area}{days[0]:%Y%m%d}{tail}") in real:
                out.append(number)
    return sorted(set(out))


def workbook_units(path: Path) -> Iterator[list[object]]:
    """Each row of each sheet, and each person's rows across the sheets (by 户编号 and 姓名)."""
    book = CalamineWorkbook.from_path(str(path))
    people: dict[tuple[str, str], list[object]] = defaultdict(list)
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python()
        header: list[str] = []
        for row in rows:
            yield list(row)
            texts = [str(v) for v in row]
            if "户编号" in texts and "姓名" in texts:
                header = texts
                continue
            if header and len(row) >= len(header):
                key = (str(row[header.index("户编号")]), str(row[header.index("姓名")]))
                people[key] += list(row)
    yield from people.values()


def pdf_units(path: Path) -> Iterator[list[object]]:
    from pypdf import PdfReader

    for page in PdfReader(path).pages:
        yield [page.extract_text() or ""]


def rebuilt_from(path: Path, real: set[str]) -> list[str]:
    units = pdf_units(path) if path.suffix == ".pdf" else workbook_units(path)
    return sorted({n for unit in units for n in rebuilt(unit, real)})


@pytest.fixture(scope="module")
def township(demo_template, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str]]:
    folder = tmp_path_factory.mktemp("rebuild") / "demo"
    shutil.copytree(demo_template[0], folder)
    ctx = _context(folder)
    with ctx.sessions() as session:
        real = {n for n in session.scalars(select(Member.id_number)) if n and len(n) == 18}
    ctx.db.dispose()
    return folder, real


def _run(folder: Path, *argv: str) -> int:
    return main(["--data-dir", str(folder), *argv])


@pytest.fixture(scope="module")
def documents(township: tuple[Path, set[str]]) -> dict[str, Path]:
    folder, _ = township
    out = folder.parent / "out"
    out.mkdir()
    written = {}
    for name, argv in DOCUMENTS:
        target = out / name
        assert _run(folder, *[a.replace("{out}", str(target)) for a in argv]) == 0, name
        written[name] = target
    written.update(_compare_with_differences(folder, out))
    written["错误标注.xlsx"] = _error_book(folder, out)
    return written


def _compare_with_differences(folder: Path, out: Path) -> dict[str, Path]:
    """A national file in which a member's 证件号码 and 出生日期 were corrected together, another member's
    出生日期 disagrees with the number, and a new member joined: the 机账比对 lists all three."""
    full = out / "人口-完整.xlsx"
    assert _run(folder, "export", "members", "--full-id", "-o", str(full), "--print-columns", "无") == 0
    book = openpyxl.load_workbook(full)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[2]]
    id_at, born_at, name_at = (
        header.index("证件号码") + 1,
        header.index("出生日期") + 1,
        header.index("姓名") + 1,
    )
    corrected = sheet.cell(row=3, column=id_at).value
    area, sequence = str(corrected)[:6], 17
    new_birth = date(1971, 3, 9)
    sheet.cell(row=3, column=id_at).value = idcard.make(area, new_birth, sequence)
    sheet.cell(row=3, column=born_at).value = new_birth
    sheet.cell(row=4, column=born_at).value = date(1950, 1, 2)  # disagrees with its number
    newcomer = [c.value for c in sheet[5]]
    newcomer[name_at - 1] = "新来人"
    newcomer[id_at - 1] = idcard.make(area, date(2019, 5, 6), 21)
    newcomer[born_at - 1] = date(2019, 5, 6)
    newcomer[header.index("人口编号")] = "99999999999999999999"
    newcomer[header.index("与户主关系")] = "之子"
    sheet.append(newcomer)
    book.save(full)
    report = out / "机账比对.xlsx"
    assert _run(folder, "compare", str(full), "-o", str(report)) == 0
    return {"机账比对.xlsx": report, "corrected": full}


def _error_book(folder: Path, out: Path) -> Path:
    """The error workbook of a masked member export with a bad cell."""
    masked = out / "人口-脱敏.xlsx"
    assert _run(folder, "export", "members", "-o", str(masked)) == 0
    book = openpyxl.load_workbook(masked)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[2]]
    sheet.cell(row=3, column=header.index("性别") + 1).value = "未说明的性别"
    book.save(masked)
    errors = out / "错误标注.xlsx"
    _run(folder, "import", str(masked), "--dry-run", "--errors", str(errors))
    assert errors.exists()
    return errors


NAMES = [name for name, _ in DOCUMENTS] + ["机账比对.xlsx", "错误标注.xlsx"]


@pytest.mark.parametrize("name", NAMES)
def test_no_masked_number_can_be_rebuilt_from_what_stands_beside_it(
    documents: dict[str, Path], township: tuple[Path, set[str]], name: str
) -> None:
    _, real = township
    assert rebuilt_from(documents[name], real) == []


def test_the_masked_member_ledger_gives_the_birth_year_and_the_full_one_the_date(
    documents: dict[str, Path],
) -> None:
    masked = CalamineWorkbook.from_path(str(documents["members.xlsx"])).get_sheet_by_index(0).to_python()
    assert "出生年份" in masked[1] and "出生日期" not in masked[1]
    years = [row[masked[1].index("出生年份")] for row in masked[2:]]
    assert all(isinstance(y, float | int) and 1900 < y <= TODAY.year for y in years if y != "")
    full = CalamineWorkbook.from_path(str(documents["corrected"])).get_sheet_by_index(0).to_python()
    assert "出生日期" in full[1] and "出生年份" not in full[1]


def test_the_attack_rebuilds_numbers_when_the_date_stands_beside_the_mask(
    documents: dict[str, Path], township: tuple[Path, set[str]], tmp_path: Path
) -> None:
    """The member ledger as it was: masked numbers beside 出生日期 — the attack rebuilds every one."""
    _, real = township
    book = openpyxl.load_workbook(documents["corrected"])
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[2]]
    id_at = header.index("证件号码") + 1
    for row in range(3, sheet.max_row + 1):
        cell = sheet.cell(row=row, column=id_at)
        cell.value = idcard.mask(str(cell.value))
    leaky = tmp_path / "旧的脱敏人口台账.xlsx"
    book.save(leaky)
    found = rebuilt_from(leaky, real)
    assert len(found) > 0.9 * (sheet.max_row - 3)


def test_the_comparison_shows_a_corrected_birth_date_by_its_year(documents: dict[str, Path]) -> None:
    report = CalamineWorkbook.from_path(str(documents["机账比对.xlsx"]))
    fields = report.get_sheet_by_name("字段不一致").to_python()
    born = [r for r in fields[2:] if r[3] == "出生日期"]
    assert born and all(str(r[4]).endswith("年") or "年" in str(r[4]) for r in born)
    assert any(r[5] == "1971 年" for r in born)
    assert all(isinstance(r[0], float | int) for r in fields[2:])  # 序号 a number, not text
    issues = report.get_sheet_by_name("文件问题").to_python()
    text = "".join(str(v) for row in issues for v in row)
    assert "1950-01-02" not in text and "1971-03-09" not in text


def test_a_finding_about_a_birth_date_shows_the_year_only(demo_ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """出生日期与证件号码不符 says what the number says — in a masked export by the year only, or the
    finding beside the masked ledger would give the hidden digits back."""
    from fupin_desktop.services.ledgers.export import export_ledger
    from fupin_desktop.services.progress import run_job

    with demo_ctx.sessions.begin() as session:
        member = session.scalars(select(Member).where(Member.id_number.like("52%")).limit(1)).one()
        born = idcard.birth_date_of(member.id_number)
        member.birth_date = born + timedelta(days=40)
        name = member.name
    out = run_job(export_ledger(demo_ctx, "findings", tmp_path / "核查结果.xlsx")).path
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    header = rows[1]
    messages = [r[header.index("问题说明")] for r in rows[2:] if r[header.index("成员")] == name]
    mismatch = [m for m in messages if "证件号码显示为" in m]
    assert mismatch and all(f"{born:%Y}-**-**" in m for m in mismatch)
    text = "".join(str(v) for row in rows for v in row)
    assert f"{born:%Y-%m-%d}" not in text and f"{born:%Y%m%d}" not in text


def test_free_text_and_messages_of_a_masked_output_are_masked_too() -> None:
    from fupin_desktop.services.accounts.privacy import blur_birth_dates, hide_ids_in_text

    household_number = "522425108001000011"  # 18 digits, but its last one is no check character
    assert idcard.check_char(household_number[:17]) != household_number[17]
    text = f"户主身份证 11010519491231002x，户编号 {household_number}"
    assert hide_ids_in_text(text) == f"户主身份证 110105********002X，户编号 {household_number}"
    said = "张三的出生日期填为1949-12-30，证件号码显示为1949年12月31日。"
    assert blur_birth_dates(said) == "张三的出生日期填为1949-**-**，证件号码显示为1949-**-**。"
    assert blur_birth_dates("整改时限 2026-12-01 已过") == "整改时限 2026-12-01 已过"  # not about a birth


def test_an_id_number_typed_into_a_note_is_masked_in_a_masked_export(demo_ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from fupin_desktop.db.models import Household
    from fupin_desktop.services.ledgers.export import export_ledger
    from fupin_desktop.services.progress import run_job

    with demo_ctx.sessions.begin() as session:
        household = session.scalars(select(Household).order_by(Household.id).limit(1)).one()
        household.note = "原户主证件号码 11010519491231002X 已迁出"
    for full, shown in ((False, "110105********002X"), (True, "11010519491231002X")):
        out = run_job(export_ledger(demo_ctx, "households", tmp_path / f"{full}.xlsx", full_id=full)).path
        rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
        notes = [r[rows[1].index("备注")] for r in rows[2:]]
        assert f"原户主证件号码 {shown} 已迁出" in notes
