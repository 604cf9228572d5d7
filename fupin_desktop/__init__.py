"""fupin_desktop — 乡镇防返贫监测与巩固衔接工作台."""

__version__ = "0.1.0"
APP_NAME = "防返贫监测工作台"
