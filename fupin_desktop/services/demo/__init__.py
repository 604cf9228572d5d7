"""A realistic demo township (`fupin demo`, and what `./dev run` opens): households, members, helpers,
pairings, tasks and the deliberate errors 数据核查 must find."""

from fupin_desktop.services import rooms

FRONT = {
    "township": ("DEFAULT_SEED", "DemoSummary", "generate_demo"),
}
__all__, __getattr__, __dir__ = rooms.front(__name__, FRONT)
