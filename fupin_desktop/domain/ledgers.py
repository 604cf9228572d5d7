"""The ledgers (台账) the program exports to Excel: their keys, titles and what one row counts.

`services/ledgers/export.py` registers the function that builds each of them under the same key; this table is
kept apart so the command line can offer the kinds (`fupin export KIND`) without loading the database
layer or openpyxl.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LedgerKind:
    key: str
    title: str  # 户台账 — also the default file name's first part
    unit: str  # what a row is: 户, 人, 项


# In the order the export dialog and `fupin export --help` list them.
LEDGER_KINDS: dict[str, LedgerKind] = {
    k.key: k
    for k in (
        LedgerKind("households", "户台账", "户"),
        LedgerKind("members", "人口台账", "人"),
        LedgerKind("monitoring", "监测对象名单", "人"),
        LedgerKind("pairings", "结对帮扶表", "户"),
        LedgerKind("tasks", "整改清单", "项"),
        LedgerKind("findings", "数据核查结果", "条"),
        LedgerKind("collect", "待采集清单", "户"),
    )
}
