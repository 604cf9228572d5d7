"""Use cases. Short sessions in, plain frozen dataclasses out, an audit row for every change. No Qt.

The services live in rooms (packages: register, households, assignments, rectification, checks,
importing, briefing, accounts, printing, ledgers, storage, demo), each with one face — its `__init__`'s
`__all__` (`rooms.front`); `context`, `progress`, `audit` and `excel_steps` serve every room. See
docs/architecture.md.
"""
