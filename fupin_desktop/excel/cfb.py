"""The stream names of an OLE compound file (MS-CFB): enough to tell an old .xls (a `Workbook` stream)
from a password-protected .xlsx, which Excel saves as a compound file holding `EncryptionInfo` and
`EncryptedPackage` instead of a zip.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
END_OF_CHAIN = 0xFFFFFFFE
FREE = 0xFFFFFFFF
MAX_SECTORS = 1 << 22  # a guard against loops in a damaged chain


class CompoundFileError(ValueError):
    """The file starts like a compound file but its structure is damaged."""


def _sector(f: BinaryIO, size: int, number: int) -> bytes:
    f.seek((number + 1) * size)
    data = f.read(size)
    if len(data) != size:
        raise CompoundFileError("文件不完整")
    return data


def _fat(f: BinaryIO, header: bytes, size: int) -> list[int]:
    fat_count, first_difat, difat_count = (
        struct.unpack_from("<I", header, 44)[0],
        struct.unpack_from("<I", header, 68)[0],
        struct.unpack_from("<I", header, 72)[0],
    )
    locations = [n for n in struct.unpack_from("<109I", header, 76) if n not in (FREE, END_OF_CHAIN)]
    per_sector = size // 4
    next_difat = first_difat
    for _ in range(difat_count):
        if next_difat in (FREE, END_OF_CHAIN):
            break
        entries = struct.unpack(f"<{per_sector}I", _sector(f, size, next_difat))
        locations += [n for n in entries[:-1] if n not in (FREE, END_OF_CHAIN)]
        next_difat = entries[-1]
    fat: list[int] = []
    for number in locations[:fat_count]:
        fat += struct.unpack(f"<{per_sector}I", _sector(f, size, number))
    return fat


def stream_names(path: Path) -> set[str]:
    """Names of every stream and storage in the compound file at `path`."""
    with path.open("rb") as f:
        header = f.read(512)
        if len(header) < 512 or header[:8] != MAGIC:
            raise CompoundFileError("不是复合文档")
        shift = struct.unpack_from("<H", header, 30)[0]
        if shift not in (9, 12):
            raise CompoundFileError("扇区大小无效")
        size = 1 << shift
        fat = _fat(f, header, size)
        names: set[str] = set()
        sector = struct.unpack_from("<I", header, 48)[0]
        for _ in range(MAX_SECTORS):
            if sector in (END_OF_CHAIN, FREE):
                return names
            if sector >= len(fat):
                raise CompoundFileError("目录链损坏")
            data = _sector(f, size, sector)
            for offset in range(0, size, 128):
                length = struct.unpack_from("<H", data, offset + 64)[0]
                if 2 <= length <= 64:
                    names.add(data[offset : offset + length - 2].decode("utf-16-le", "replace"))
            sector = fat[sector]
        raise CompoundFileError("目录链循环")
