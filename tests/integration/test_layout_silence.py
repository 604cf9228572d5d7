"""Issue 15: a rule whose inputs a national layout does not carry stays silent on the households it
brought (the facts are on the 待采集 list instead) — and speaks once the facts are known."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import update

from fupin_desktop.db.models import Household, Member
from fupin_desktop.services.checks.run import run_checks
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.progress import run_job
from tests.integration import national_layouts as L
from tests.integration.test_national_layouts import build, imported

# Rules whose inputs the 边缘易致贫 list (layout B) does not carry — measures, 医保, 低保 and 特困, 务工状况
# and 所在地 — and which would fire on its households if those were taken for empty.
B_SILENT = {
    "no_measures",
    "illness_no_measure",
    "uninsured_no_measure",
    "dibao_no_measure",
    "no_labour_no_support",
    "employment_no_worker",
    "work_place_status",
    "tekun_working",
    "only_guarantee",
}


def test_a_layout_without_a_rules_inputs_leaves_the_rule_silent(ctx: ServiceContext, tmp_path: Path) -> None:
    assert imported(ctx, build("B", tmp_path)).errors == ()
    found = {(f.code, f.household) for f in run_job(run_checks(ctx)).findings}
    assert {code for code, _ in found} & B_SILENT == set()
    # The same households once every fact counts as known (collected, and nothing was found): flagged.
    with ctx.sessions.begin() as session:
        session.execute(update(Household).values(unknown_fields=None))
        session.execute(update(Member).values(unknown_fields=None))
    found = {(f.code, f.household) for f in run_job(run_checks(ctx)).findings}
    ill = L.B_HOUSEHOLDS[0][0]  # 因病, identified 2022-03, no measure in the file
    assert {("no_measures", ill), ("illness_no_measure", ill)} <= found
