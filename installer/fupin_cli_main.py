"""Entry point of the frozen command line (fupin.exe): backup, restore, users, demo, info…"""

from fupin_desktop.cli import main

raise SystemExit(main())
