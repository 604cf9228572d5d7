"""文件 → 导入 and 机账比对: a national export or the program's template read, planned row by row
(`plan/`), previewed, and written in one transaction; or compared with the database, changing nothing."""

from fupin_desktop.services import rooms

FRONT = {
    "changes": (
        "change_lines",
        "shown",
    ),
    "comparing": (
        "CompareReport",
        "compare_file",
    ),
    "front": (
        "ImportSummary",
        "Preview",
        "commit_import",
        "dry_run",
        "import_file",
        "preview_import",
        "save_error_workbook",
        "save_template",
    ),
    "support": ("PlanOptions",),
}
__all__, __getattr__, __dir__ = rooms.front(__name__, FRONT)
