"""Planning an import: the plan's records (`model`), then households, members, the other sheets and
the 整改任务 rows, each checked against the database's snapshot; nothing is written here."""
