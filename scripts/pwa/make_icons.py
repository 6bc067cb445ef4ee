#!/usr/bin/env python3
"""Draws the app icons in public/icons/ (run once; the PNGs are committed).

The design: the brand colour (style/main.css `--brand`) filling the square, with a
white "T" inside the central 80 % circle, so the same picture also serves as a
maskable icon. Python standard library only (zlib + struct): no image tools.

    python3 scripts/pwa/make_icons.py
"""

import struct
import zlib
from pathlib import Path

BRAND = (0x1D, 0x4E, 0x89)
WHITE = (0xFF, 0xFF, 0xFF)
# The "T" as rectangles (x0, y0, x1, y1) in units of the icon's side.
T_SHAPE = [
    (0.25, 0.25, 0.75, 0.37),  # the bar
    (0.43, 0.25, 0.57, 0.75),  # the stem
]
SAMPLES = 4  # per axis: 16 samples a pixel smooth the edges

ICONS = Path(__file__).resolve().parents[2] / "public" / "icons"


def inside(x, y):
    return any(x0 <= x < x1 and y0 <= y < y1 for x0, y0, x1, y1 in T_SHAPE)


def pixel(px, py, size):
    hits = sum(
        inside((px + (i + 0.5) / SAMPLES) / size, (py + (j + 0.5) / SAMPLES) / size)
        for i in range(SAMPLES)
        for j in range(SAMPLES)
    )
    a = hits / SAMPLES**2
    return bytes(round(b + (w - b) * a) for b, w in zip(BRAND, WHITE))


def png(size):
    rows = b"".join(b"\0" + b"".join(pixel(x, y, size) for x in range(size)) for y in range(size))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def svg():
    rects = "".join(
        f'<rect x="{x0 * 512:g}" y="{y0 * 512:g}" width="{(x1 - x0) * 512:g}" height="{(y1 - y0) * 512:g}"/>'
        for x0, y0, x1, y1 in T_SHAPE
    )
    colour = "#%02x%02x%02x" % BRAND
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">'
        f'<rect width="512" height="512" fill="{colour}"/><g fill="#fff">{rects}</g></svg>\n'
    )


def main():
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "icon.svg").write_text(svg())
    for size in (192, 512):
        (ICONS / f"icon-{size}.png").write_bytes(png(size))
    print(f"wrote {ICONS}/icon.svg, icon-192.png, icon-512.png")


if __name__ == "__main__":
    main()
