"""The consistency pass over data/raw/stated-values.yaml: what its schema cannot check.

Each record is a value of the UN survey as a published page states it. Which fields a record
needs depends on what it states: a country's index, rank or group names the country, a
survey-wide mean or group count names none (and a count names its group); an index or mean
says how many decimals the page writes, and its value has no more than those; a rank or count
is a whole number; a group is one of the survey's four. The file is optional: without it, no
stated values are compared.
"""

from __future__ import annotations

import math

import pycountry

from .checks import Checker, records

FILE = "stated-values.yaml"
#: Indicators stated about one state; the others are survey-wide.
OF_A_COUNTRY = ("egdi", "egdi_rank", "egdi_group")
SURVEY_WIDE = ("egdi_mean", "egdi_group_count")
#: Indicators stated at a precision (``decimals``).
INDICES = ("egdi", "egdi_mean")
WHOLE = ("egdi_rank", "egdi_group_count")
GROUPS = ("Very High", "High", "Middle", "Low")


def check(doc: dict | None, name: str, chk: Checker, sources: dict) -> None:
    """Every record's fields against what it states; known sources and codes; no duplicates."""
    seen: dict[tuple, str] = {}
    for label, rec in records(doc, "stated"):
        chk.source(name, label, rec, sources)
        indicator, country, value = rec.get("indicator"), rec.get("country"), rec.get("value")
        if indicator not in OF_A_COUNTRY + SURVEY_WIDE:
            continue  # the schema pass names the unknown indicator
        for fld, needed in (
            ("country", indicator in OF_A_COUNTRY),
            ("decimals", indicator in INDICES),
            ("group", indicator == "egdi_group_count"),
        ):
            if needed and fld not in rec:
                chk.add(name, label, fld, f"missing: a record of {indicator} needs its {fld}")
            elif not needed and fld in rec:
                chk.add(name, label, fld, f"not used by a record of {indicator}; remove it")
        if isinstance(country, str) and pycountry.countries.get(alpha_3=country) is None:
            chk.add(name, label, "country", f"unknown country code {country!r}")
        if msg := _value_problem(indicator, value, rec.get("decimals")):
            chk.add(name, label, "value", msg)
        key = (rec.get("edition"), country, indicator, rec.get("group"), rec.get("source"))
        if key in seen:
            chk.add(name, label, "source", f"the same statement as {seen[key]}: record each value a page states once")
        seen.setdefault(key, label)


def _value_problem(indicator: object, value: object, decimals: object) -> str | None:
    """Why ``value`` cannot be what a record of ``indicator`` states (None when it can)."""
    if indicator == "egdi_group":
        return None if value in GROUPS else f"{value!r} is not a group of the survey: {', '.join(GROUPS)}"
    number = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if indicator in WHOLE:
        whole = number and isinstance(value, int) and value >= 0
        return None if whole else f"expected a whole number, got {value!r}"
    if indicator in INDICES:
        if not number or not 0 <= value <= 1:
            return f"expected an index between 0 and 1, got {value!r}"
        if isinstance(decimals, int) and round(value, decimals) != value:
            return f"{value!r} has more than the {decimals} decimals the record says the page writes"
    return None
