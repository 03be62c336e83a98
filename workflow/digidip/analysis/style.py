"""The matplotlib style of every figure, comparative or in a country profile.

Kept apart from the figures' captions (figspecs.py) and colours (palette.py): the country
notebooks import this module and the palette (a country's timeline is drawn in its colour),
so a change here or to a colour reruns them, a new caption does not.
"""

from __future__ import annotations

#: The matplotlib settings every figure is drawn with, over matplotlib's defaults (the
#: manifest records them). Deterministic SVG: fixed hash salt, glyphs as paths, bundled font.
RC = {
    "svg.hashsalt": "digidip",  # element ids derive from this, not from a random salt
    "svg.fonttype": "path",  # glyphs as paths: no dependence on the reader's fonts
    "font.family": "DejaVu Sans",  # ships with matplotlib, so every machine draws the same
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "figure.dpi": 100,
    # Parts drawn as an image inside an SVG (a cloud of 2,000 dots): sharp in print.
    "savefig.dpi": 300,
}

#: What the PDF's copy of a figure changes: text as text, which Typst sets in the same DejaVu
#: Sans the repository carries (render/fonts/), so the PDF's figure text is real, searchable
#: text. Browsers get glyphs as paths, having no such font.
PRINT_RC = {"svg.fonttype": "none"}
