"""The window. The only package (with app.py) that imports Qt; it calls services, never the ORM."""

from fupin_desktop.ui.qt_workarounds import keep_booleans_alive

keep_booleans_alive()
