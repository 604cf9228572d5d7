"""Who may do what: user accounts and sign-in, the administrator's recovery, who sees full ID numbers,
and the audit trail read, exported and verified."""

from fupin_desktop.services import rooms

FRONT = {
    "admin_recovery": (
        "check_recovery",
        "recover_admin",
    ),
    "audit_log": (
        "AuditQuery",
        "AuditRow",
        "audit_filters",
        "audit_ids",
        "audit_rows",
        "entity_label",
        "export_audit",
    ),
    "audit_verify": (
        "ChainReport",
        "verify_chain",
    ),
    "privacy": (
        "blur_birth_dates",
        "hide_ids_in_text",
        "id_on_screen",
    ),
    "users": (
        "MIN_PASSWORD_LENGTH",
        "SignIn",
        "UserRow",
        "add_user",
        "authenticate",
        "change_own_password",
        "check_new_password",
        "create_first_admin",
        "has_account",
        "has_users",
        "list_users",
        "reset_password",
        "unlock_user",
        "update_user",
    ),
}
__all__, __getattr__, __dir__ = rooms.front(__name__, FRONT)
