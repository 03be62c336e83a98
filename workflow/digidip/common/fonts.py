"""The fonts the edition draws text in, and the characters every one of them can draw.

Text from the data reaches a reader through two programs, each with its own copy of DejaVu
Sans: matplotlib draws the figures' text in the one it bundles (``analysis/style.py``), and
Typst sets the PDF in the files under ``render/fonts/`` (``templates/report.typ``, with no
fallback font). Neither handles a character its font lacks well: matplotlib only warns
and leaves a gap, and Typst, writing PDF/A, stops the last job of the build with an error that
names the character but not the record it came from. So the raw data's validation refuses text
holding a character outside what all of these files draw (``facts/glyphs.py``), and a figure
stops on matplotlib's warning (``analysis/plotting.py``) should such text come from elsewhere.

DejaVu Sans Mono, also under ``render/fonts/``, sets only identifiers, paths and hashes,
which the schemas keep to ASCII; it lacks letters the Sans has (Tajik ҷ), so it is not
counted here. The HTML pages need nothing of this: a browser falls back on the reader's fonts.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from functools import cache
from pathlib import Path

#: The PDF's fonts (read by render/pdf.py; the files carry their licence).
FONT_DIR = Path(__file__).resolve().parents[1] / "render" / "fonts"
#: The family every text from the data is set in, in the figures and in the PDF.
FAMILY = "DejaVu Sans"
#: Layout, never drawn as a glyph: YAML's folded and literal text may hold them.
LAYOUT = frozenset("\n\r\t")


def _family_files(folder: Path) -> list[Path]:
    # DejaVuSans.ttf and its styles (-Bold, -Oblique, -BoldOblique), not DejaVuSansMono*.
    return sorted([*folder.glob("DejaVuSans.ttf"), *folder.glob("DejaVuSans-*.ttf")])


def figure_font_dir() -> Path:
    """Where matplotlib keeps the fonts it bundles, found without importing matplotlib (a
    third of a second that validation, which runs on every workflow load, need not pay)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or spec.origin is None:
        raise RuntimeError("matplotlib is not installed; run 'make install'")
    return Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"


def text_fonts() -> list[Path]:
    """Every font file text from the data may be drawn in: the PDF's and the figures'."""
    files = _family_files(FONT_DIR) + _family_files(figure_font_dir())
    if len(files) < 2:
        raise RuntimeError(f"no {FAMILY} files found in {FONT_DIR} and {figure_font_dir()}")
    return files


@cache
def drawable() -> frozenset[str]:
    """The characters every one of ``text_fonts()`` has a glyph for, and the layout ones."""
    from fontTools.ttLib import TTFont

    common: set[int] | None = None
    for path in text_fonts():
        with TTFont(path, lazy=True) as font:
            mapped = set(font["cmap"].getBestCmap())
        common = mapped if common is None else common & mapped
    return frozenset(map(chr, common or ())) | LAYOUT


def undrawable(text: str) -> list[str]:
    """The distinct characters of ``text`` some font of the edition cannot draw, in order."""
    if text.isascii() and text.isprintable():
        return []  # every DejaVu file draws printable ASCII (tests/test_glyphs.py checks)
    known = drawable()
    return list(dict.fromkeys(c for c in text if c not in known))


def describe(char: str) -> str:
    """A character as a reader can look it up: 中 (U+4E2D CJK UNIFIED IDEOGRAPH-4E2D)."""
    name = unicodedata.name(char, "unnamed character")
    shown = char if char.isprintable() else ""
    return f"{shown} (U+{ord(char):04X} {name})".lstrip()
