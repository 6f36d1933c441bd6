#!/usr/bin/env python3
"""Makes assets/fonts/OpenCabinLastResort.ttf: one hollow box mapped to every character that is
drawn (cmap format 13, many characters to one glyph), the last font in OpenCabin's fallback
chain. A character that neither the bundled fonts nor the machine's fonts have is then shown as
a box, never as nothing (Slint's renderers skip a font's .notdef glyph). Control, format and
other invisible characters (joiners, variation selectors, bidi marks, tags) are left unmapped, so
that they stay invisible.

Made from scratch here; released under CC0-1.0 like the demo library.
Needs fontTools (pip install fonttools). Usage: python3 tools/make-last-resort-font.py [OUT.ttf]
"""
import sys
from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

OUT = Path(__file__).resolve().parent.parent / "assets" / "fonts" / "OpenCabinLastResort.ttf"
FAMILY = "OpenCabin Last Resort"
UPEM = 1000
ADVANCE = 600

# Invisible or non-characters: controls, format characters, joiners, bidi controls, variation
# selectors, tags, surrogates, private-use-free specials and noncharacters.
UNMAPPED = [
    (0x0000, 0x001F), (0x007F, 0x009F), (0x00AD, 0x00AD), (0x034F, 0x034F),
    (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
    (0x200B, 0x200F), (0x2028, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xD800, 0xDFFF), (0xFDD0, 0xFDEF), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0), (0xFFF0, 0xFFFB), (0xFFFE, 0xFFFF), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
] + [(plane * 0x10000 + 0xFFFE, plane * 0x10000 + 0xFFFF) for plane in range(1, 17)]


def mapped_ranges():
    """The ranges of code points that get the box: everything but UNMAPPED."""
    ranges, start = [], 0x0020
    for low, high in sorted(UNMAPPED):
        if high < start:
            continue
        if low > start:
            ranges.append((start, low - 1))
        start = max(start, high + 1)
    if start <= 0x10FFFF:
        ranges.append((start, 0x10FFFF))
    return ranges


def box_glyph():
    """A hollow rectangle, 0.44 em wide and as tall as a capital, with 60-unit strokes."""
    pen = TTGlyphPen(None)
    left, right, bottom, top, stroke = 80, 520, 0, 720, 60
    for x0, y0, x1, y1, clockwise in [
        (left, bottom, right, top, True),
        (left + stroke, bottom + stroke, right - stroke, top - stroke, False),
    ]:
        corners = [(x0, y0), (x0, y1), (x1, y1), (x1, y0)]
        if not clockwise:
            corners.reverse()
        pen.moveTo(corners[0])
        for corner in corners[1:]:
            pen.lineTo(corner)
        pen.closePath()
    return pen.glyph()


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    builder = FontBuilder(UPEM, isTTF=True)
    builder.setupGlyphOrder([".notdef", "box"])
    builder.setupCharacterMap({0x25A1: "box"})  # replaced by the format 13 table below
    builder.setupGlyf({".notdef": TTGlyphPen(None).glyph(), "box": box_glyph()})
    builder.setupHorizontalMetrics({".notdef": (ADVANCE, 0), "box": (ADVANCE, 80)})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": FAMILY, "styleName": "Regular",
                            "uniqueFontIdentifier": f"{FAMILY} 1.0",
                            "fullName": f"{FAMILY} Regular", "psName": "OpenCabinLastResort-Regular",
                            "version": "Version 1.0",
                            "licenseDescription": "CC0-1.0: no rights reserved"})
    builder.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120,
                     sxHeight=500, sCapHeight=720)
    builder.setupPost()
    table = CmapSubtable.newSubtable(13)
    table.platformID, table.platEncID, table.language = 3, 10, 0
    table.cmap = {}
    font = builder.font
    # fontTools writes format 13 from a code point -> glyph dict, grouping runs of one glyph.
    for low, high in mapped_ranges():
        for code in range(low, high + 1):
            table.cmap[code] = "box"
    font["cmap"].tables = [table]
    font.save(out)
    print(f"{out}: {out.stat().st_size} bytes, {len(mapped_ranges())} ranges")


if __name__ == "__main__":
    main()
