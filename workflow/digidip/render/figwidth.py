"""How wide a figure must be drawn on screen for its smallest text to stay readable.

A figure is an SVG drawn at its natural size in points; a browser shrinks it to the column's
width, and on a phone (a 390 px column) a 9 pt label would shrink to about 4 px. Each figure
is therefore given a least width, from its own drawing: the width at which its smallest text
is ``MIN_TEXT_PX`` CSS pixels; narrower screens scroll the figure inside its frame instead.
The text sizes are read from the drawing, not from the style, so a label a figure draws
smaller than the style's size still counts.
"""

from __future__ import annotations

import math
import re

#: The least size, in CSS pixels, of any text in a figure as the reader sees it.
MIN_TEXT_PX = 9.0
#: matplotlib draws text as glyph paths (style.RC: svg.fonttype "path") in a group scaled by
#: the font size over its path scale of 100 (matplotlib.textpath.TextToPath.FONT_SCALE).
_GLYPH_GROUP = re.compile(rb'<g transform="translate\([^)]*\)(?: rotate\([^)]*\))? scale\(([0-9.]+) -\1\)">')
#: Text written as text (svg.fonttype "none", the print copies): the size in the style.
_FONT_STYLE = re.compile(rb"font(?:-size)?: (?:[a-z]+ )*?([0-9.]+)px")
_WIDTH_PT = re.compile(rb'<svg[^>]*?\swidth="([0-9.]+)pt"')
_FONT_SCALE = 100.0


def text_sizes(svg: bytes) -> list[float]:
    """The size, in points, of every piece of text the drawing holds."""
    sizes = [float(s) * _FONT_SCALE for s in _GLYPH_GROUP.findall(svg)] + [float(s) for s in _FONT_STYLE.findall(svg)]
    return [round(s, 3) for s in sizes]  # 0.07 * 100 is 7.000000000000001


def least_width_px(svg: bytes) -> int:
    """The CSS width below which the figure's smallest text would be under ``MIN_TEXT_PX``
    (0 for a drawing without text). A point is 4/3 CSS pixels, and the SVG's user unit a point."""
    sizes = text_sizes(svg)
    if not sizes:  # nothing to read, so no least width (and no need of the drawing's width)
        return 0
    width = _WIDTH_PT.search(svg)
    if width is None:
        raise ValueError("the figure's SVG states no width in points (matplotlib writes one)")
    # Drawn D px wide, text of s points (s user units of a W-unit drawing) is s * D / W px.
    return math.ceil(MIN_TEXT_PX * float(width.group(1)) / min(sizes))
