"""What a figure's caption adds from the data: the parts of a caption that are findings.

``figspecs`` holds what each figure shows, in words that hold for any build; this module
the sentences that depend on the numbers (where a component's method broke, which
component is weakest by the report's rule), so a caption never states a finding by hand
and never by a rule of its own.
"""

from __future__ import annotations

from ..tidy.read import Tables
from . import components
from .standing import EGDI_COMPONENTS


def _years(years: list[int]) -> str:
    said = [str(y) for y in years]
    return said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]


def component_notes(t: Tables, weakest: dict | None, names: dict[str, str]) -> str:
    """The component figure's breaks and each country's weakest component, as the caption says them."""
    parts = []
    breaks = [(label, [b["year"] for b in components.method_breaks(t, ind)]) for ind, label in EGDI_COMPONENTS]
    found = [f"{label.lower()} before {_years(years)}" for label, years in breaks if years]
    rule = (
        f"where the members' median moved by more than {components.BREAK_SHARE:g} of the previous"
        " edition's interquartile range, which we read as a change of the Survey's method"
    )
    if found:
        parts.append(f"The lines break {rule}: {'; '.join(found)}.")
    else:
        parts.append(f"No line breaks: in no edition has the members' median moved so far ({rule}).")
    if weakest and weakest["countries"]:
        each = "; ".join(f"{names[iso3]}, {w['words']}" for iso3, w in weakest["countries"].items())
        parts.append(f"Weakest component in {weakest['year']} by the report's one rule ({weakest['rule']}): {each}.")
    return " ".join(parts)
