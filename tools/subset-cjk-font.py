#!/usr/bin/env python3
"""Subsets Noto Sans CJK SC to the GB 2312 character set (6763 hanzi plus its symbols) and ASCII.

Usage: python3 tools/subset-cjk-font.py SOURCE.ttc OUT.otf
SOURCE is Debian's fonts-noto-cjk NotoSansCJK-{Regular,Bold}.ttc; face 2 of it is "Noto Sans CJK SC".
Needs fontTools (pip install fonttools). The result is committed under assets/fonts/.
"""
import sys
from fontTools import subset
from fontTools.ttLib import TTCollection

SC_FACE = 2


def gb2312_characters():
    """Every character GB 2312 encodes, decoded from its two-byte code table."""
    chars = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def main():
    source, out = sys.argv[1], sys.argv[2]
    font = TTCollection(source)[SC_FACE]
    assert "CJK SC" in font["name"].getDebugName(4), "face 2 is not Noto Sans CJK SC"
    text = "".join(sorted(gb2312_characters())) + "".join(map(chr, range(0x20, 0x7F)))
    # CJK punctuation, full-width forms and the degree/arrow symbols the UI uses.
    text += "".join(map(chr, range(0x3000, 0x3040))) + "".join(map(chr, range(0xFF00, 0xFFF0)))
    text += "°℃℉·–—‘’“”…←↑→↓"
    options = subset.Options()
    # Horizontal text only: no vertical or regional alternates, which would double the glyph count.
    options.layout_features = ["kern", "ccmp", "mark", "mkmk"]
    options.hinting = False  # the renderers do not use TrueType/CFF hints at these sizes
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    font.save(out)
    print(f"{out}: {len(font.getGlyphOrder())} glyphs")


if __name__ == "__main__":
    main()
