"""挂图作战: 帮扶责任人 and the other helper roles, 结对帮扶 with its history and conflicts, the village
board and its charts, and the printed 作战图."""

from fupin_desktop.services import rooms

FRONT = {
    "board": (
        "board_charts",
        "load_board",
        "load_charts",
        "village_board",
    ),
    "helpers": (
        "HelperFilter",
        "HelperInput",
        "HelperRow",
        "PAIRING_ROLE",
        "UNIT_LEVELS",
        "archive_helper",
        "create_helper",
        "get_helper",
        "helper_lengths",
        "list_helpers",
        "restore_helper",
        "update_helper",
    ),
    "pairings": (
        "AssignResult",
        "HelperOption",
        "HouseholdChoice",
        "HouseholdFilter",
        "Suggestion",
        "assign_households",
        "find_households",
        "pairing_history",
        "save_pairings",
        "suggest_pairings",
        "unpair_households",
    ),
    "warchart": (
        "WarChartResult",
        "warchart_job",
    ),
}
__all__, __getattr__, __dir__ = rooms.front(__name__, FRONT)
