"""Matplotlib set up for byte-identical SVG: fixed hash salt, no dates, bundled fonts only, and
no character the font cannot draw (matplotlib would only warn and leave a gap)."""

from __future__ import annotations

import io
import re
import warnings
from typing import TYPE_CHECKING

import matplotlib

matplotlib.use("agg")

import matplotlib.pyplot as plt

from .style import PRINT_RC, RC

if TYPE_CHECKING:
    import pandas as pd


def setup() -> None:
    """Apply the deterministic style to the current process.

    From matplotlib's own defaults first, so a user's matplotlibrc (or anything set before)
    never reaches a figure.
    """
    matplotlib.rcdefaults()
    matplotlib.rcParams.update(RC)


#: matplotlib's warning for a character its font has no glyph for (it draws nothing there).
MISSING_GLYPH = r"Glyph (\d+) .*missing from font"


class UndrawableText(ValueError):
    """A figure's text holds a character its font cannot draw."""


def _undrawable(fig: plt.Figure, warning: Warning) -> UndrawableText:
    """Name the character and the texts of ``fig`` that hold it."""
    from matplotlib.text import Text

    from ..common.fonts import describe

    char = chr(int(re.match(MISSING_GLYPH, str(warning)).group(1)))
    texts = sorted({t.get_text() for t in fig.findobj(Text) if char in t.get_text()})
    where = "; ".join(repr(t) for t in texts) or "(a text of the figure)"
    return UndrawableText(
        f"a figure's text has {describe(char)}, which its font ({RC['font.family']}) cannot draw: {where}."
        " Validation refuses such text in the raw data (facts/glyphs.py), so this came from elsewhere:"
        " another data source or the code"
    )


def _svg(fig: plt.Figure) -> bytes:
    buf = io.BytesIO()
    with warnings.catch_warnings():
        # matplotlib would only warn and leave a gap in the figure: a defect, so it stops here.
        warnings.filterwarnings("error", message=MISSING_GLYPH, category=UserWarning)
        try:
            fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "digidip"}, bbox_inches="tight")
        except UserWarning as warning:
            if not re.match(MISSING_GLYPH, str(warning)):
                raise
            raise _undrawable(fig, warning) from None
    return buf.getvalue()


def to_svg(fig: plt.Figure) -> bytes:
    """Render ``fig`` to SVG bytes without a creation date, then close it."""
    try:
        return _svg(fig)
    finally:
        plt.close(fig)


def to_svgs(fig: plt.Figure) -> tuple[bytes, bytes]:
    """``fig`` for the screen and for print (text as text, style.PRINT_RC), then close it."""
    try:
        screen = _svg(fig)
        with matplotlib.rc_context(PRINT_RC):
            return screen, _svg(fig)
    finally:
        plt.close(fig)


def yearly(obs) -> pd.Series:
    """Values by year with every missing year in between as NaN, so a line breaks at a gap
    instead of bridging it."""
    import pandas as pd

    s = obs.set_index("year")["value"].sort_index()
    if s.empty:
        return s
    return s.reindex(pd.RangeIndex(int(s.index.min()), int(s.index.max()) + 1))


def frac_year(date: str, end: bool = False) -> float:
    """A partial date as a position on a year axis: "2019" spans 2019.0-2020.0, "2019-03" a month."""
    from ..facts.dates import date_key

    y, m, _ = date_key(date, end=end)
    if m in (0, 99):
        return y + (1.0 if end else 0.0)
    return y + (m - 1) / 12 + (1 / 12 if end else 0)


def point_year(date: str) -> float:
    """Where a dated fact is marked: mid-year for a bare year, mid-month for a month."""
    start, end = frac_year(date), frac_year(date, end=True)
    return (start + end) / 2


def year_axis(ax, lo: float, hi: float) -> None:
    """Whole years on the x axis, with a year's margin either side."""
    from matplotlib.ticker import MaxNLocator

    ax.set_xlim(int(lo) - 1, int(hi) + 1)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))


#: How a dated fact is marked on a timeline, by how the source supports its date.
DATING_MARKS = {
    "stated": {"marker": "o", "filled": True, "label": "date stated by the source"},
    "inferred": {"marker": "o", "filled": False, "label": "date we inferred"},
    "attested": {"marker": "<", "filled": False, "label": "in force or under way by this date (own date unknown)"},
}


def mark_date(ax, x: float, y: float, dating: str, colour: str, size: float = 30, edge: str | None = None) -> None:
    """Mark a dated fact: a filled dot, a hollow dot, or a hollow arrowhead for "by" dates
    (outlined in ``edge``, default its own colour)."""
    style = DATING_MARKS[dating]
    face = colour if style["filled"] else "white"
    ax.scatter([x], [y], s=size, marker=style["marker"], color=face, edgecolors=edge or colour, zorder=3)


def dating_handles(colour: str = "#444444", edge: str | None = None) -> tuple[list, list[str]]:
    """Legend handles explaining the three date marks."""
    from matplotlib.lines import Line2D

    handles = [
        Line2D(
            [],
            [],
            ls="",
            marker=s["marker"],
            markersize=6,
            markerfacecolor=colour if s["filled"] else "white",
            markeredgecolor=edge or colour,
        )
        for s in DATING_MARKS.values()
    ]
    return handles, [s["label"] for s in DATING_MARKS.values()]


def plain(text: str) -> str:
    """Text from the data as matplotlib should draw it: literally, never as mathtext."""
    return text.replace("$", r"\$")


def label_ends(ax, ends: list[tuple[float, str, str]], size: float = 8) -> None:
    """Name each line at its end, by a stroke of its colour, just right of the plot (``ends``: the last
    value, the text, the colour), instead of a legend a reader must match by colour alone.
    Labels closer than a line of text are spread apart, keeping their order."""
    lo, hi = ax.get_ylim()
    height = ax.get_window_extent().height * 72 / ax.figure.dpi  # points
    gap = (size * 1.25) / max(height, 1.0)
    placed = sorted(((y - lo) / (hi - lo), text, colour) for y, text, colour in ends)
    positions: list[float] = []
    for frac, _, _ in placed:
        positions.append(max(frac, positions[-1] + gap) if positions else frac)
    overshoot = max(positions[-1] - 1.0, 0.0) if positions else 0.0
    for pos, (_, text, colour) in zip(positions, placed, strict=True):
        # A short stroke in the line's colour, then the name in dark ink: the lighter colours
        # of the palette would be too faint as text on white.
        y = pos - overshoot
        ax.plot([1.01, 1.04], [y, y], transform=ax.transAxes, color=colour, lw=2.4, clip_on=False)
        ax.text(1.05, y, text, transform=ax.transAxes, color="#222222", fontsize=size, va="center")
