"""ICO entries are judged at their own directory offsets, whatever order the file stores them in.

The ICO format imposes no order. Pillow writes entries ascending and CPython's own idle.ico
holds 16, 32, 48, 256; a checker that paired directory record i with a decoder's frame i
reported such valid files as broken.
"""

from __future__ import annotations

import io
import itertools
import shutil
import struct
import sys
from pathlib import Path

import pytest
from helpers import build_site
from logos import encoded, raster_logo
from PIL import Image

from mkdocs_favicons.check import check_site
from mkdocs_favicons.check.images import Asset, ico_entries
from mkdocs_favicons.ico import IcoProblem, read_directory
from mkdocs_favicons.preview import ico_entries as preview_entries

SIZES = (16, 32, 48)


# The entries hold the test logo, not a flat square: the visibility rule reads them too.
def entry_png(size: int) -> bytes:
    return encoded(raster_logo(size, size))


def entry_bmp(size: int) -> bytes:
    """A 32-bit BMP entry: BITMAPINFOHEADER (height doubled for the AND mask), pixels, mask."""
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rgba = raster_logo(size, size).transpose(Image.Transpose.FLIP_TOP_BOTTOM).tobytes()
    pixels = bytes(
        channel for i in range(0, len(rgba), 4) for channel in (*rgba[i : i + 3][::-1], rgba[i + 3])
    )
    mask_row = ((size + 31) // 32) * 4
    return header + pixels + b"\0" * mask_row * size


def hand_ico(sizes: tuple[int, ...], make: object = entry_png) -> bytes:
    """An ICO with its directory in the given order and the payloads in the reverse order."""
    payloads = [make(size) for size in sizes]  # type: ignore[operator]
    offset = 6 + 16 * len(sizes)
    offsets = {}
    for index in reversed(range(len(sizes))):  # data order differs from directory order too
        offsets[index] = offset
        offset += len(payloads[index])
    directory = b"".join(
        struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(p), offsets[i])
        for i, (size, p) in enumerate(zip(sizes, payloads, strict=True))
    )
    data = b"".join(payloads[i] for i in reversed(range(len(sizes))))
    return struct.pack("<HHH", 0, 1, len(sizes)) + directory + data


def pillow_ico(sizes: tuple[int, ...]) -> bytes:
    return encoded(raster_logo(256, 256), "ICO", sizes=[(s, s) for s in sizes])


def idle_ico() -> bytes:
    """CPython's own idle.ico (16, 32, 48, 256), from this interpreter's installation."""
    base = Path(sys.base_prefix)
    found = sorted(base.glob("lib/python3*/idlelib/Icons/idle.ico")) + sorted(
        base.glob("Lib/idlelib/Icons/idle.ico")
    )
    assert found, f"no idle.ico below {base}"
    return found[0].read_bytes()


@pytest.mark.parametrize("order", list(itertools.permutations(SIZES)), ids=str)
@pytest.mark.parametrize("make", [entry_png, entry_bmp], ids=["png", "bmp"])
def test_hand_written_entries_in_every_order(order: tuple[int, ...], make: object) -> None:
    entries = ico_entries(hand_ico(order, make))
    assert [(e.width, e.height, e.error) for e in entries] == [(s, s, "") for s in order]


@pytest.mark.parametrize("sizes", [(16, 32, 48), (48, 32, 16), (16, 24, 32, 48, 64, 256)])
def test_pillow_written_icos_are_valid(sizes: tuple[int, ...]) -> None:
    data = pillow_ico(sizes)
    stored = [(r.width, r.height) for r in read_directory(data)]  # type: ignore[union-attr]
    entries = ico_entries(data)
    assert [(e.width, e.height) for e in entries] == stored
    assert all(not e.error for e in entries), entries
    assert Asset("favicon.ico", data).sizes == {(s, s) for s in sizes}


def test_cpython_idle_ico_is_valid() -> None:
    entries = ico_entries(idle_ico())
    assert sorted((e.width, e.height) for e in entries) == [(s, s) for s in (16, 32, 48, 256)]
    assert all(not e.error for e in entries), entries


def test_a_lying_directory_record_is_still_caught() -> None:
    data = bytearray(hand_ico((16, 32, 48)))
    data[6 + 16 * 1] = data[6 + 16 * 1 + 1] = 64  # record 2 claims 64x64, holds 32x32
    entries = ico_entries(bytes(data))
    assert [e.error for e in entries] == ["", "it decodes as 32x32", ""]


def test_truncated_and_empty_directories() -> None:
    assert isinstance(read_directory(b"\0\0\1\0"), IcoProblem)
    assert isinstance(read_directory(struct.pack("<HHH", 0, 1, 0)), IcoProblem)
    assert isinstance(read_directory(struct.pack("<HHH", 0, 1, 5) + b"\0" * 16), IcoProblem)
    outside = struct.pack("<HHH", 0, 1, 1) + struct.pack("<BBBBHHII", 16, 16, 0, 0, 1, 32, 99, 22)
    assert [e.error for e in ico_entries(outside)] == ["its data lies outside the file"]


def test_preview_reads_the_same_directory() -> None:
    data = hand_ico((48, 16, 32))
    entries = preview_entries(data)
    assert sorted(entries) == [16, 32, 48]
    for size, record in entries.items():
        assert record.is_png
        assert Image.open(io.BytesIO(record.payload)).size == (size, size)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("ico-site"))


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(lambda: pillow_ico((16, 32, 48)), id="pillow-ascending"),
        pytest.param(lambda: hand_ico((32, 16, 48), entry_bmp), id="hand-bmp-mixed"),
        pytest.param(idle_ico, id="idle.ico"),
    ],
)
def test_a_site_keeping_a_valid_ico_of_its_own_passes(
    built: Path, tmp_path: Path, data: object
) -> None:
    site = tmp_path / "site"
    shutil.copytree(built, site)
    (site / "favicon.ico").write_bytes(data())  # type: ignore[operator]
    findings = check_site(site)
    # Its colours are the visibility rule's business (a flat blue square is faint on dark tabs).
    about_the_file = [f for f in findings if f.rule == "ico" or f.page == "favicon.ico"]
    assert [f for f in about_the_file if f.rule != "visibility"] == []
