"""整改清单: the task list and one task in full, creating and editing tasks, the lifecycle to 销号 with
evidence (stored in the database) and undo, the printed lists, and tasks made from 数据核查 findings."""

from fupin_desktop.services import rooms

FRONT = {
    "claims": ("task_lengths",),
    "editing": (
        "FIELD_LABELS",
        "create_task",
        "next_seq",
        "update_task",
    ),
    "evidence": ("SIZE_HINT",),
    "excel": ("task_export_rows",),
    "findings": (
        "DEFAULT_DAYS",
        "FindingAssignment",
        "FindingTasks",
        "tasks_from_findings",
    ),
    "flow": (
        "ActionRequest",
        "add_evidence",
        "evidence_file",
        "perform",
        "remove_evidence",
    ),
    "listing": (
        "HouseholdRef",
        "TaskDetail",
        "TaskDraft",
        "TaskList",
        "TaskQuery",
        "find_households",
        "households_by_id",
        "list_tasks",
        "task_detail",
        "used_values",
    ),
    "lists": (
        "ListResult",
        "counts_line",
        "task_list_job",
    ),
    "rows": (
        "TaskRow",
        "load_rows",
        "warning_rules",
    ),
    "undo": (
        "last_event_id",
        "undo_last",
    ),
}
__all__, __getattr__, __dir__ = rooms.front(__name__, FRONT)
