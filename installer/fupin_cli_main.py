"""Entry point of the frozen command line (fupin.exe): backup, restore, users, demo, info…"""

import multiprocessing

# The data checks' helper process is this program started again: it must do the helper's work and
# nothing else (services.checks.scan). First thing, before the program's own imports.
multiprocessing.freeze_support()

from fupin_desktop.cli import main  # noqa: E402

raise SystemExit(main())
