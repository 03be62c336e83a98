"""Colours of the comparative figures (not of the country profiles: changing one reruns no notebook)."""

from __future__ import annotations

#: Colours for up to eight countries (Okabe-Ito, distinguishable with colour-blindness).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]

#: The timeline's colour for each kind of document.
CATEGORY_COLOURS = {"strategy": "#0072B2", "programme": "#009E73", "law": "#D55E00", "decree": "#CC79A7"}


def colour_map(countries: list[str]) -> dict[str, str]:
    """Stable colour per country code (by sorted position, cycling past eight)."""
    return {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(sorted(countries))}
