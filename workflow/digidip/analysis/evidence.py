"""How much the coded practice rests on: each coded goal of each country with its facts.

A fact known only from the title of a work an article cites (``cited_only``, set by the
quality record's decision on reference titles) is not read beyond that title; a coded goal
resting on fewer than ``MIN_FACTS`` facts read beyond a reference title is *thin*, and every
place that states a finding on practice (the summary, the readings, the Discussion, the
Conclusion) says so.
"""

from __future__ import annotations

from ..tidy.read import Tables

#: A coded goal of a country rests on thin evidence when fewer than this many of its facts
#: rest on more than a reference title (``cited_only``: a work the article only cites).
MIN_FACTS = 2


def practice_evidence(t: Tables) -> dict:
    """Each coded goal of each country: its facts, how many rest on more than a reference
    title, and whether it is thin (fewer than ``MIN_FACTS`` such facts); the facts coded per
    country, and the countries with no coded goal."""
    cited = dict(zip(t.events["fact_id"], t.events["cited_only"], strict=True))
    cited |= dict(zip(t.context["fact_id"], t.context["cited_only"], strict=True))
    source = dict(zip(t.events["fact_id"], t.events["source"], strict=True))
    source |= dict(zip(t.context["fact_id"], t.context["source"], strict=True))
    cells = []
    for _, p in t.practices.sort_values(["country", "goal"]).iterrows():
        facts = [f for f in p["evidence"] if f in source]
        read = [f for f in facts if not cited[f]]
        cells.append(
            {
                "country": p["country"],
                "goal": p["goal"],
                "facts": len(facts),
                "read": len(read),
                "thin": len(read) < MIN_FACTS,
                "evidence": [{"fact_id": f, "source": source[f]} for f in facts],
            }
        )
    per_country: dict[str, int] = {}
    for c in cells:
        per_country[c["country"]] = per_country.get(c["country"], 0) + c["facts"]
    return {
        "cells": cells,
        "thin": [c for c in cells if c["thin"]],
        "countries": per_country,
        "uncoded": [c for c in t.countries["country"] if c not in per_country],
        "min_facts": MIN_FACTS,
    }
