#!/usr/bin/env python3
"""Subsets Noto Sans CJK SC for OpenCabin's bundled fonts.

Usage: python3 tools/subset-cjk-font.py [--wide] SOURCE.ttc OUT.otf
SOURCE is Debian's fonts-noto-cjk NotoSansCJK-{Regular,Bold}.ttc; face 2 of it is "Noto Sans CJK SC".
Needs fontTools (pip install fonttools). The results are committed under assets/fonts/:

  NotoSansCJKsc-Bold-GB2312.otf     tools/subset-cjk-font.py        NotoSansCJK-Bold.ttc    ...
  NotoSansCJKsc-Regular-Wide.otf    tools/subset-cjk-font.py --wide NotoSansCJK-Regular.ttc ...

Without --wide: GB 2312 (6763 hanzi and its symbols), enough for every string of the UI itself.
With --wide: all 20,992 CJK Unified Ideographs (traditional hanzi and rare ones such as 喆 in
track titles and artists) plus hiragana and katakana. A bold character outside GB 2312 is drawn
from the regular face. docs/ARCHITECTURE.md ("Fonts") has the measured size of each choice.
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


def wide_characters():
    """GB 2312, every CJK Unified Ideograph (U+4E00-U+9FFF) and the kana blocks."""
    ideographs = set(map(chr, range(0x4E00, 0xA000)))
    kana = set(map(chr, range(0x3040, 0x3100)))
    return gb2312_characters() | ideographs | kana


def main():
    args = sys.argv[1:]
    wide = "--wide" in args
    source, out = [a for a in args if a != "--wide"]
    font = TTCollection(source)[SC_FACE]
    assert "CJK SC" in font["name"].getDebugName(4), "face 2 is not Noto Sans CJK SC"
    chars = wide_characters() if wide else gb2312_characters()
    text = "".join(sorted(chars)) + "".join(map(chr, range(0x20, 0x7F)))
    # CJK punctuation, full-width forms and the degree/arrow symbols the UI uses.
    text += "".join(map(chr, range(0x3000, 0x3040))) + "".join(map(chr, range(0xFF00, 0xFFF0)))
    text += "°℃℉·–—‘’“”…←↑→↓"
    options = subset.Options()
    # Horizontal text only: no vertical or regional alternates, which would double the glyph count.
    options.layout_features = ["kern", "ccmp", "mark", "mkmk"]
    options.hinting = False  # the renderers do not use TrueType/CFF hints at these sizes
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True  # the box drawn for a character no font has
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    font.save(out)
    print(f"{out}: {len(font.getGlyphOrder())} glyphs")


if __name__ == "__main__":
    main()
