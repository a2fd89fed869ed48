"""Reading an ICO's directory: one record per entry, each read at its own offset.

The format imposes no order on entries (Pillow writes them ascending, CPython's idle.ico holds
16, 32, 48, 256), so nothing here pairs directory record *i* with any decoder's frame *i*.
"""

from __future__ import annotations

import struct
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
        width, height = self.width % 256, self.height % 256
        header = HEADER.pack(0, 1, 1)
        record = RECORD.pack(width, height, 0, 0, 1, 32, len(self.payload), 6 + 16)
        return header + record + self.payload


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
