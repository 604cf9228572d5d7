"""Issue 20 §7: `%` and `_` typed into the helper and task searches match themselves, not anything."""

from __future__ import annotations

from sqlalchemy import text

from fupin_desktop.services.assignments.helpers import HelperFilter, list_helpers
from fupin_desktop.services.context import ServiceContext
from fupin_desktop.services.rectification.listing import TaskQuery, list_tasks


def test_percent_and_underscore_are_searched_for_literally(demo_ctx: ServiceContext) -> None:
    helpers = list_helpers(demo_ctx)
    tasks = list_tasks(demo_ctx).rows
    assert helpers and tasks
    for typed in ("%", "_", "__", "%_%"):
        assert list_helpers(demo_ctx, HelperFilter(search=typed)) == []
    for typed in ("_", "__", "%_%"):
        assert list_tasks(demo_ctx, TaskQuery(text=typed)).rows == ()
    percent = list_tasks(demo_ctx, TaskQuery(text="%")).rows  # the demo has "支付率低于60%"
    assert 0 < len(percent) < len(tasks) and all("%" in repr(row) for row in percent)  # in some field
    with demo_ctx.db.engine.begin() as connection:
        connection.execute(
            text("UPDATE helper SET unit = '水利站10%_组' WHERE id = :id"), {"id": helpers[0].id}
        )
        connection.execute(
            text("UPDATE task SET scope = '覆盖率100%_以上' WHERE id = :id"), {"id": tasks[0].id}
        )
    assert [h.id for h in list_helpers(demo_ctx, HelperFilter(search="10%_"))] == [helpers[0].id]
    assert [t.id for t in list_tasks(demo_ctx, TaskQuery(text="100%_")).rows] == [tasks[0].id]
    assert list_helpers(demo_ctx, HelperFilter(search="10%x")) == []
