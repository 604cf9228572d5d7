"""户籍管理: the household table (search, sort, pages), the household editor's load-check-save, members
and 分户/合户, 收支核算 years and program memberships, and the audit rows of a saved household."""

from fupin_desktop.services import rooms

FRONT = {
    "editing": (
        "HouseholdDraft",
        "archive_household",
        "check_draft",
        "check_move",
        "field_lengths",
        "id_registered_elsewhere",
        "load_draft",
        "new_draft",
        "restore_household",
        "save_draft",
        "unsaved_against_stored",
    ),
    "incomes": ("refresh_income_cache",),
    "listing": (
        "HouseholdName",
        "HouseholdQuery",
        "HouseholdRow",
        "RiskStatus",
        "SortKey",
        "helper_choices",
        "household_names",
        "rows",
        "search",
    ),
    "members": ("MoveRequest",),
}
__all__, __getattr__, __dir__ = rooms.front(__name__, FRONT)
