"""台账 exports to Excel (`fupin export KIND`, 文件 → 导出…): each kind's rows and values, and the
columns the 打印 sheet prints."""

from fupin_desktop.services import rooms

FRONT = {
    "export": (
        "EXPORT_KINDS",
        "ExportResult",
        "default_file_name",
        "export_ledger",
    ),
    "print_sheet": (
        "default_print_headers",
        "print_choices",
        "print_columns",
        "repeated_count",
    ),
}
__all__, __getattr__, __dir__ = rooms.front(__name__, FRONT)
