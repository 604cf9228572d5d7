"""`python -m fupin_desktop.cli`: the command line, as the `fupin` program runs it."""

from fupin_desktop.cli import main

raise SystemExit(main())
