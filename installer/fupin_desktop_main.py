"""Entry point of the frozen window program (fupin-desktop.exe)."""

import multiprocessing

# The data checks' helper process is this program started again: it must do the helper's work and
# nothing else (services.checks.scan). First thing, before the program's own imports.
multiprocessing.freeze_support()

from fupin_desktop.app import main  # noqa: E402

raise SystemExit(main())
