"""The loopback reads an upload's size in pixels as Discord does, or gives it none."""

from __future__ import annotations

import pytest

from sandbox.media import image_size
from tests.images import jpeg, png

# The smallest lossless WebP and GIF files, as published byte for byte.
WEBP_1X1 = bytes.fromhex("524946461a000000574542505650384c0d0000002f00000010071011118888fe0700")
GIF_1X1 = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c000000000100010000020144003b"
)


@pytest.mark.parametrize(
    ("data", "size"),
    [
        (png(640, 480), (640, 480)),
        (png(1, 1, padding=4096), (1, 1)),
        (jpeg(4032, 3024), (4032, 3024)),
        # An APP0 segment, then a fill byte before the frame header, as JPEG allows.
        (b"\xff\xd8\xff\xe0\x00\x10" + bytes(14) + b"\xff" + jpeg(640, 480)[2:], (640, 480)),
        (GIF_1X1, (1, 1)),
        (WEBP_1X1, (1, 1)),
    ],
)
def test_an_image_has_the_size_its_header_gives(data: bytes, size: tuple[int, int]) -> None:
    assert image_size(data) == size


@pytest.mark.parametrize(
    "data",
    [
        b"not an image",  # a text file named .png
        b"\x89PNG" + bytes(2048),  # a PNG's first bytes and nothing after
        b"\xff\xd8\xff" + bytes(64),  # likewise a JPEG
        b"%PDF-1.4",
        png(0, 10),
        b"",
    ],
)
def test_anything_else_has_no_size(data: bytes) -> None:
    assert image_size(data) is None
