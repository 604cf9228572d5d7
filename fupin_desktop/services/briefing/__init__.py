"""会议简报: the meeting pack's counts and texts, the PDF job, the KPI workbook, and the monthly KPI
snapshots the pack's trend is drawn from."""

from fupin_desktop.services import rooms

FRONT = {
    "kpis": (
        "KPI_LABELS",
        "kpis_on",
    ),
    "pack": (
        "BriefingOptions",
        "BriefingResult",
        "briefing_defaults",
        "briefing_job",
        "save_texts",
    ),
    "snapshots": (
        "month_label",
        "save_snapshot",
        "take_monthly_snapshot",
    ),
    "workbook": ("export_kpis_job",),
}
__all__, __getattr__, __dir__ = rooms.front(__name__, FRONT)
