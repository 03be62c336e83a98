"""Colours of the figures: of the comparative ones and of each country profile's timeline.

One colour per country, the same in every figure, whichever countries a figure draws, so a
reader who learns Kazakhstan's colour in one figure finds it in the next, on the country's
own page and in the PDF (a change here reruns the country notebooks as well). The
six and the benchmarks' ink were chosen (by a search over an sRGB grid, then fixed here) so
that every pair stays apart under simulated deuteranopia, protanopia and tritanopia and in
greyscale; ``tests/test_palette.py`` measures the distances against the thresholds below.
"""

from __future__ import annotations

#: Each of the six countries' colour, fixed by its ISO3 code.
COUNTRY_COLOURS = {
    "KAZ": "#1177AA",
    "KGZ": "#DD6666",
    "TJK": "#00DDBB",
    "TKM": "#552288",
    "UKR": "#AA99FF",
    "UZB": "#665533",
}

#: The ink of the benchmarks (the members' median and other reference lines).
BENCHMARK = "#222222"

#: The colours in order: a country outside the six takes the first one no drawn country holds.
PALETTE = list(COUNTRY_COLOURS.values())

#: Least CAM02-UCS distance between any two of the palette's colours (the six and the
#: benchmark) as seen with normal vision, under each simulated colour-vision deficiency
#: (severity 100) and in greyscale. About 10 is a difference readily seen between two lines;
#: greyscale keeps only lightness, and seven inks that must stay darker than the white page
#: leave about 10 of it between neighbours.
MIN_DISTANCE = {"normal": 20.0, "deuteranomaly": 15.0, "protanomaly": 15.0, "tritanomaly": 15.0, "greyscale": 10.0}

#: The timeline's colour for each kind of document.
CATEGORY_COLOURS = {"strategy": "#0072B2", "programme": "#009E73", "law": "#D55E00", "decree": "#CC79A7"}


def colour_map(countries: list[str]) -> dict[str, str]:
    """Each country's colour: its own if it is one of the six; another country's (a build of
    other countries) the palette's free colours in sorted order, cycling past them."""
    fixed = {c: COUNTRY_COLOURS[c] for c in countries if c in COUNTRY_COLOURS}
    free = [p for p in PALETTE if p not in fixed.values()] or PALETTE
    others = sorted(c for c in countries if c not in COUNTRY_COLOURS)
    return fixed | {c: free[i % len(free)] for i, c in enumerate(others)}
