"""数据核查: every rule over the whole register (on two processors when there are many households),
findings marked 已核实无误, 监测预警 and the 帮扶走访名单, and 待采集 (facts the files never carried)."""

from fupin_desktop.services import rooms

FRONT = {
    "collecting": (
        "CollectList",
        "CollectRow",
        "SheetsResult",
        "candidate_ids",
        "collect_list",
        "collect_sheets_job",
        "collect_summary",
        "gaps_in",
    ),
    "run": (
        "CheckResult",
        "Review",
        "clear_reviews",
        "findings_in",
        "household_ids",
        "mark_reviewed",
        "run_checks",
    ),
    "watch": (
        "WatchList",
        "check_and_watch_job",
        "visit_list_job",
    ),
}
__all__, __getattr__, __dir__ = rooms.front(__name__, FRONT)
