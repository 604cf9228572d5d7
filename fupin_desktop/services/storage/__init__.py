"""Where the data lives: backups and restores, start-up checks of the data folder, the office's server
connection, and a database's headline counts (`fupin info`)."""

from fupin_desktop.services import rooms

FRONT = {
    "backups": (
        "BackupContents",
        "DAMAGED_FOLDER",
        "RestoreResult",
        "automatic_backup",
        "backup_to",
        "database_problems",
        "inspect_backup",
        "latest_good_backup",
        "recover_database",
        "restore_backup",
        "sqlite_problem_in_chinese",
    ),
    "info": ("database_info",),
    "server_connection": (
        "DEFAULT_PORT",
        "server_url",
        "try_connection",
        "where_the_data_is",
    ),
    "startup": ("check_data_folder",),
}
__all__, __getattr__, __dir__ = rooms.front(__name__, FRONT)
