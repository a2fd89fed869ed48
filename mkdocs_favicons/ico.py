"""The ICO directory, written and read in one place: one record per entry, each read at its
own offset.

The format imposes no order on entries (Pillow writes them ascending, CPython's idle.ico holds
16, 32, 48, 256), so nothing here pairs directory record *i* with any decoder's frame *i*.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass

HEADER = struct.Struct("<HHH")  # reserved, type (1 = icon), count
RECORD = struct.Struct("<BBBBHHII")  # width, height, colours, reserved, planes, bpp, size, offset
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class IcoProblem:
    """Why a file's directory cannot be read at all."""

    message: str


@dataclass(frozen=True)
class IcoRecord:
    """One directory entry: the size it claims and where its bytes lie in the file."""

    width: int  # 0 in the file means 256
    height: int
    offset: int
    length: int
    payload: bytes  # the entry's bytes; empty when they lie outside the file

    @property
    def is_png(self) -> bool:
        return self.payload.startswith(PNG_MAGIC)

    def as_single_ico(self) -> bytes:
        """This entry alone, as a one-entry ICO a decoder can open whatever the original order."""
        return pack([(self.width, self.height, self.payload)])


def pack(entries: Sequence[tuple[int, int, bytes]]) -> bytes:
    """An ICO of (width, height, payload) entries, its directory in the order given."""
    offset = HEADER.size + RECORD.size * len(entries)
    records = []
    for width, height, payload in entries:
        records.append(RECORD.pack(width % 256, height % 256, 0, 0, 1, 32, len(payload), offset))
        offset += len(payload)
    return HEADER.pack(0, 1, len(entries)) + b"".join(records) + b"".join(p for *_, p in entries)


def pack_pngs(pngs: Sequence[bytes]) -> bytes:
    """An ICO whose entries are PNGs, in the order given (largest first); each entry's size is
    read from its PNG header."""
    return pack([(*struct.unpack(">II", png[16:24]), png) for png in pngs])


def read_directory(data: bytes) -> list[IcoRecord] | IcoProblem:
    """Every directory record in file order, or why the directory cannot be read."""
    if len(data) < HEADER.size:
        return IcoProblem("the file is shorter than an ICO header")
    _reserved, _kind, count = HEADER.unpack_from(data)
    if count == 0:
        return IcoProblem("the ICO has no entries")
    if HEADER.size + RECORD.size * count > len(data):
        return IcoProblem(f"its header claims {count} entries, more than the file holds")
    records = []
    for index in range(count):
        width, height, *_, length, offset = RECORD.unpack_from(data, 6 + 16 * index)
        inside = length > 0 and offset + length <= len(data)
        payload = data[offset : offset + length] if inside else b""
        records.append(IcoRecord(width or 256, height or 256, offset, length, payload))
    return records
