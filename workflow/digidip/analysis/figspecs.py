"""Names, captions and alt texts of the comparative figures (no plotting imports, cheap to load)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FigureSpec:
    """What the report says about a figure: its caption and alternative text."""

    caption: str
    alt: str


SPECS = {
    "egdi_rank": FigureSpec(
        caption="UN E-Government Development Index rank by survey edition, 2003–2024 (1 = best; lower is better). Crosses mark editions in which the UN did not assess the country (a tied bottom placeholder, not a rank); lines are not drawn through them.",
        alt="Line chart of each country's EGDI rank per UN survey edition from 2003 to 2024, with the rank axis inverted so that better positions are higher.",
    ),
    "internet_use": FigureSpec(
        caption="Individuals using the Internet, % of population, by year.",
        alt="Line chart of the share of each country's population using the Internet, by year.",
    ),
    "timeline": FigureSpec(
        caption="Timeline of national strategies, programmes, laws and decrees. Bars show the period a document covers; dots mark dated adoptions and other dated facts; hollow dots are dates we inferred.",
        alt="Timeline with one row per country: horizontal bars for strategy periods and dots for dated events.",
    ),
    "goals_matrix": FigureSpec(
        caption="Documented evidence of practice by goal of digital diplomacy: number of curated facts coded to each goal. This counts what the sources document, not how well a country performs; an empty cell is a gap in the evidence.",
        alt="Heat map with goals of digital diplomacy as rows and countries as columns; each cell shows the number of supporting facts.",
    ),
}

#: The event categories the timeline figure draws (the report cites their sources).
TIMELINE_CATEGORIES = ("strategy", "programme", "law", "decree")
