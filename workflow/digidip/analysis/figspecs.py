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
        caption="UN E-Government Development Index rank by survey edition, 2003–2024 (1 = best; lower is better). The shaded 2003–2005 editions were yearly, before the two-yearly editions from 2008 that the report compares ranks from. Crosses mark editions in which the UN did not assess the country (a tied bottom placeholder, not a rank); lines are not drawn through them.",
        alt="Line chart of each country's EGDI rank per UN survey edition from 2003 to 2024, with the rank axis inverted so that better positions are higher.",
    ),
    "internet_use": FigureSpec(
        caption="Individuals using the Internet, % of population, by year. A line breaks where the series has no value; each series ends in the last year the World Bank's file reports for that country.",
        alt="Line chart of the share of each country's population using the Internet, by year.",
    ),
    "timeline": FigureSpec(
        caption="Timeline of the strategies, programmes, laws and decrees the sources document (a ministry's as well as national ones). Bars show the period a document covers; a hatched bar, a document known only from the title of a work an article cites. Filled dots: dates the sources state; hollow dots: dates we inferred; hollow arrowheads: the latest date by which a source shows a document in force, its own date unknown (not an adoption). Plans are not drawn, and where the quality record leads with one of two facts about the same document, only that one is drawn.",
        alt="Timeline with one row per country: horizontal bars for strategy periods and dots for dated events.",
    ),
    "goals_matrix": FigureSpec(
        caption="Documented evidence of practice by goal of digital diplomacy. Colour and number count the strong evidence: the country's own acts that we read in full text and that the quality record does not doubt. In brackets, the weak evidence: facts resting on an abstract, the title of a work an article cites, a second-hand report or a doubted passage; a hatched cell rests on weak evidence alone, and no finding is drawn from it. This counts what the sources document, not how well a country performs; an empty cell is a gap in the evidence.",
        alt="Heat map with goals of digital diplomacy as rows and countries as columns; each cell shows the number of supporting facts read in full, with the number of weak ones in brackets, and cells supported only by weak evidence are hatched.",
    ),
    "egdi_map": FigureSpec(
        caption="Where each UN member state stood in the UN E-Government Survey: every state shaded by the EGDI group the Survey places it in (lightest: Low, below 0.25; darkest: Very High, 0.75 and above). A hatched outline has no group: a territory that is not a UN member state, or a member the Survey did not assess. Members too small for outlines at this scale (1:110 million) are not drawn; the table of the map's values lists every member. Outlines: Natural Earth, with Crimea drawn within Ukraine, as UN General Assembly resolution 68/262 holds. The boundaries and names shown imply no position on the legal status of any country, territory or area, nor on its borders.",
        alt="World map of the UN member states in four greys, from light (Low EGDI group) to dark (Very High), with hatched outlines where a territory has no group.",
    ),
    "region_map": FigureSpec(
        caption="The countries this report compares (outlined in black and named) among their neighbours, each state shaded by its EGDI group in the same edition of the Survey as the world map; hatched: no group. The frame follows the compared countries. Outlines: Natural Earth, with Crimea drawn within Ukraine, as UN General Assembly resolution 68/262 holds. The boundaries and names shown imply no position on the legal status of any country, territory or area, nor on its borders.",
        alt="Regional map of the compared countries outlined in black and named, and the states around them, each shaded in one of four greys by its EGDI group.",
    ),
    "egdi_world": FigureSpec(
        caption="The E-Government Development Index of every UN member state in each survey edition (grey dots; states the UN did not assess are left out), the median of the members (black bar) and the countries of this report (coloured). The index is normalised within each edition: compare a country's place within a column, not heights across columns.",
        alt="For each survey edition from 2003 to 2024, a column of grey dots for all UN member states' EGDI values with a black bar at the median, and coloured dots for the countries of this report.",
    ),
    "egdi_components": FigureSpec(
        caption="The three components of the EGDI by survey edition, one panel per country: online services, human capital and telecommunication infrastructure, each as the country's world percentile in that edition (100 = best; the dashed line is the median of the members in that edition). A percentile sets a component against the members of its own edition, so the three can be read side by side whatever their scales; the shaded 2003–2005 editions were readiness surveys.",
        alt="Small multiples, one per country: three coloured lines for the world percentile of the Online Service, Human Capital and Telecommunication Infrastructure indices across editions, a dashed line at the members' median, and gaps in a line where the Survey's method of that component changed.",
    ),
    "internet_peers": FigureSpec(
        caption="Internet use of each country (solid line) against the median of the UN member states in its UN region (M49: Asia for the five Central Asian states, Europe for Ukraine; dashed) and in the World Bank income group it belonged to that year (dotted; the classification in force on 1 July of the year), with the middle half of all members shaded (upper and lower quartiles). Medians are ours, over the states that were members then and have a value that year.",
        alt="Small multiples, one per country, of its internet-use line against a dashed median line for its UN region, a dotted median line for its income group of each year, and a grey band for the members' middle half.",
    ),
    "gci_pillars": FigureSpec(
        caption='The five pillars of the ITU Global Cybersecurity Index 2020 (0–20 each) for each country, with the median of the UN member states (black line). A score of 0 is drawn as a dot labelled 0 (a measured zero, not a missing bar); a missing score would read "no data". The index scores commitments that states report (laws, bodies, strategies, training, cooperation), not their actual capability.',
        alt="Horizontal grouped bar chart: for each of the five GCI pillars, one bar per country (a dot labelled 0 for a score of zero) and a black line at the members' median.",
    ),
}

#: The maps: drawn from the country outlines as well as the tables (analysis/maps.py).
MAPS = ("egdi_map", "region_map")
#: The snapshot dataset of the country outlines the maps draw.
OUTLINES = "naturalearth-admin0-countries-110m"

#: The event categories the timeline figure draws (the report cites their sources).
TIMELINE_CATEGORIES = ("strategy", "programme", "law", "decree")
