"""The register's ground: the area tree and 区划调整, code lists, settings and 监测范围, bulk loading of
full household records, who a household's 户主 is (one rule, SQL and Python) and
HouseholdRef, edit versions (two clerks never overwrite each other) and search patterns."""

from fupin_desktop.services import rooms

FRONT = {
    "area_merge": ("merge_areas",),
    "areas": (
        "Contacts",
        "VillageEntry",
        "VillageRow",
        "add_groups",
        "add_village",
        "area_tree",
        "delete_area",
        "find_area",
        "get_or_create_area",
        "load_villages",
        "move_area",
        "rename_area",
        "set_contacts",
        "village_contacts",
        "villages",
    ),
    "codes": (
        "CodeEntry",
        "code_lists",
        "code_table",
        "code_table_problems",
        "load_code_lists",
        "load_spellings",
        "locked",
        "remember_spellings",
        "save_code_table",
    ),
    "edit_versions": (
        "about_entity",
        "about_payload",
        "bump",
        "claim",
        "conflict",
        "summary_contains",
        "summary_starts",
    ),
    "records": (
        "CHUNK",
        "chunked",
        "load_household",
        "load_households",
    ),
    "refs": (
        "HouseholdRef",
        "head_id",
        "head_name",
        "head_names",
        "head_of",
        "heads",
    ),
    "search_text": (
        "LIKE_ESCAPE",
        "contains_pattern",
    ),
    "settings": (
        "HOTLINE_LIMIT",
        "NAME_LIMIT",
        "get_settings",
        "load_settings",
        "save_settings",
        "save_settings_and_thresholds",
        "set_threshold",
        "write_settings",
    ),
    "thresholds": (
        "ThresholdRow",
        "list_thresholds",
        "thresholds_by_year",
    ),
}
__all__, __getattr__, __dir__ = rooms.front(__name__, FRONT)
