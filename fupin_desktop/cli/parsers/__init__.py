"""The command line's argparse tables, one module per command module of `cli`, in the same names.

Each module's `register(subparsers, common)` adds its commands and sets their `handler` through
`cli.common.handlers`, which imports the handling module (and with it the services) only when the
command runs. These modules import nothing heavier than `domain/` and the standard library: a test
(tests/unit/test_cli_start.py) keeps SQLAlchemy, reportlab, matplotlib, openpyxl and PySide6 out of
`fupin --help`.
"""

from fupin_desktop.cli.parsers import (
    area,
    assignments,
    audit,
    backup,
    basic,
    briefing,
    checks,
    excel,
    printing,
    settings,
    tasks,
    users,
)

# In the order `fupin --help` lists the commands.
COMMAND_PARSERS = [
    basic,
    area,
    excel,
    printing,
    assignments,
    tasks,
    checks,
    briefing,
    backup,
    users,
    audit,
    settings,
]
