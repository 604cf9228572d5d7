"""Entry point of the frozen window program (fupin-desktop.exe)."""

from fupin_desktop.app import main

raise SystemExit(main())
