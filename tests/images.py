"""Real image files for uploads: Discord (and the loopback) read an image's size from its bytes."""

from __future__ import annotations

import struct
import zlib


def png(width: int = 64, height: int = 48, *, padding: int = 0) -> bytes:
    """A PNG of `width` × `height` grey pixels, with `padding` bytes after its end."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        checksum = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", checksum)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
        + bytes(padding)
    )


def jpeg(width: int = 64, height: int = 48, *, padding: int = 0) -> bytes:
    """A JPEG's start (its frame header names the size), with `padding` bytes of data."""
    frame = struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8\xff\xc0" + frame + bytes(padding) + b"\xff\xd9"
