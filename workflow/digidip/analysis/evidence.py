"""How much the coded practice rests on: each coded goal of each country with its facts.

A fact is strong evidence when it was read in full and the quality record does not count it
weak (tidy/presentation.py: ``weight``; practices.csv counts each code's strong and weak
facts); a fact known only from an abstract, a reference title or second hand is weak. A
coded goal resting on fewer than ``MIN_FACTS`` strong facts is *thin*, and every place that
states a finding on practice (the summary, the readings, the Discussion, the Conclusion)
says so.
"""

from __future__ import annotations

from ..tidy.read import Tables

#: A coded goal of a country rests on thin evidence when fewer than this many of its facts
#: are strong evidence (read in full, not counted weak by the quality record).
MIN_FACTS = 2


def practice_evidence(t: Tables) -> dict:
    """Each coded goal of each country: its facts, how many are strong evidence, and whether
    it is thin (fewer than ``MIN_FACTS`` strong facts); the facts coded per country, and the
    countries with no coded goal."""
    source = dict(zip(t.events["fact_id"], t.events["source"], strict=True))
    source |= dict(zip(t.context["fact_id"], t.context["source"], strict=True))
    cells = []
    for _, p in t.practices.sort_values(["country", "goal"]).iterrows():
        facts = [f for f in p["evidence"] if f in source]
        read = int(p["evidence_strong"])
        cells.append(
            {
                "country": p["country"],
                "goal": p["goal"],
                "facts": len(facts),
                "read": read,
                "thin": read < MIN_FACTS,
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
