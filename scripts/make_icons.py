#!/usr/bin/env python3
"""Draws onedoor's app icons (a white door on the civil-affairs red) as PNGs, with no image
library: the icons are geometry, and the standard library's zlib is enough to write PNG.

Run once after changing the design; the PNGs are committed under public/icons/.
"""
import struct
import sys
import zlib
from pathlib import Path

RED = (180, 35, 42, 255)
WHITE = (255, 255, 255, 255)
GOLD = (246, 196, 69, 255)
CLEAR = (0, 0, 0, 0)


def door_pixel(x, y, size, scale, rounded):
    """Colour at (x, y): door of `scale` of the icon, background rounded unless maskable."""
    u, v = (x + 0.5) / size, (y + 0.5) / size
    if rounded:
        r = 0.18
        cx, cy = min(max(u, r), 1 - r), min(max(v, r), 1 - r)
        if (u - cx) ** 2 + (v - cy) ** 2 > r * r:
            return CLEAR
    # door: width 0.36, height 0.5 of `scale`, centred, arched top
    w, h = 0.36 * scale, 0.52 * scale
    left, top = 0.5 - w / 2, 0.5 - h / 2 + 0.02 * scale
    arch_cy = top + w / 2
    inside_rect = left <= u <= left + w and arch_cy <= v <= top + h
    inside_arch = (u - 0.5) ** 2 + (v - arch_cy) ** 2 <= (w / 2) ** 2 and v < arch_cy
    if inside_rect or inside_arch:
        # the knob
        if (u - (left + w * 0.78)) ** 2 + (v - (top + h * 0.6)) ** 2 <= (0.028 * scale) ** 2:
            return GOLD
        return WHITE
    # threshold step
    if left - 0.06 * scale <= u <= left + w + 0.06 * scale and top + h <= v <= top + h + 0.05 * scale:
        return GOLD
    return RED


def png(size, scale, rounded):
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            row.extend(door_pixel(x, y, size, scale, rounded))
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def main(out):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "icon-192.png").write_bytes(png(192, 1.0, True))
    (out / "icon-512.png").write_bytes(png(512, 1.0, True))
    # maskable: full bleed, the door inside the central safe zone
    (out / "maskable-512.png").write_bytes(png(512, 0.7, False))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "public/icons")
