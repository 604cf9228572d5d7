"""No unmasked ID number on paper or in a default export (DOMAIN §2.4): every document and ledger the
program writes by default is produced from the demo township and scanned. Add each new document here."""

from __future__ import annotations

from pathlib import Path

import pytest

from fupin_desktop.cli import main
from fupin_desktop.services.ledgers.export import EXPORT_KINDS
from tests.support.privacy import scan_file

# (file name, fupin arguments after --data-dir; "{out}" is replaced by the output path)
DOCUMENTS = [
    ("明白卡.pdf", ["cards", "--village", "清水村", "-o", "{out}"]),
    ("识别公示.pdf", ["notice", "identify", "--village", "清水村", "--since", "2021-01", "-o", "{out}"]),
    ("消除公示.pdf", ["notice", "eliminate", "--village", "柳湾村", "--since", "2021-01", "-o", "{out}"]),
    ("作战图.pdf", ["warchart", "-o", "{out}"]),
    ("会议简报.pdf", ["briefing", "-o", "{out}"]),
    *[
        (f"{kind}清单.pdf", ["tasks", "print", kind, "-o", "{out}"])
        for kind in ("problems", "tasks", "duties", "closed")
    ],
    *[(f"{kind}.xlsx", ["export", kind, "-o", "{out}"]) for kind in sorted(EXPORT_KINDS)],
]


@pytest.fixture(scope="module")
def outputs(demo_template, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    import shutil

    folder = tmp_path_factory.mktemp("privacy") / "demo"
    shutil.copytree(demo_template[0], folder)
    out_dir = folder.parent / "out"
    out_dir.mkdir()
    written = {}
    for name, argv in DOCUMENTS:
        out = out_dir / name
        assert main(["--data-dir", str(folder), *[a.replace("{out}", str(out)) for a in argv]]) == 0, name
        written[name] = out
    members = out_dir / "members-full.xlsx"
    assert main(["--data-dir", str(folder), "export", "members", "--full-id", "-o", str(members)]) == 0
    written["full"] = members
    compare = out_dir / "机账比对.xlsx"
    assert main(["--data-dir", str(folder), "compare", str(members), "-o", str(compare)]) == 0
    written["机账比对.xlsx"] = compare
    return written


@pytest.mark.parametrize("name", [name for name, _ in DOCUMENTS] + ["机账比对.xlsx"])
def test_no_unmasked_id_in_any_document(outputs: dict[str, Path], name: str) -> None:
    path = outputs[name]
    assert path.stat().st_size > 0
    assert scan_file(path) == []


def test_the_scan_does_find_full_numbers_where_they_were_asked_for(outputs: dict[str, Path]) -> None:
    assert len(scan_file(outputs["full"])) > 100
