"""One country's fact slice: everything its notebook reads, as canonical JSON."""

from __future__ import annotations

import json

from ..facts.factbase import FactBase
from .tables import context_rows, event_rows, observation_rows, practice_rows, quality_rows


def source_numbers(fb: FactBase) -> dict[str, int]:
    """Bibliography number of every source: its position in the id-sorted sources table."""
    return {sid: i for i, sid in enumerate(sorted(fb.sources), start=1)}


def country_slice(fb: FactBase, iso3: str) -> str:
    """Everything one country's notebook needs, as canonical JSON (sorted keys)."""
    facts = fb.facts_by_id()
    obs = observation_rows(fb, [iso3])
    events = event_rows(fb, [iso3])
    practices = practice_rows(fb, [iso3])
    context = [r for r in context_rows(fb) if iso3 in r["countries"]]
    quality = quality_rows(fb, [iso3])
    quality = [
        q for q in quality if iso3 in q["countries"] or any(facts.get(f, {}).get("country") == iso3 for f in q["facts"])
    ]
    cited = sorted({r["source"] for r in obs + events + context})
    payload = {
        "country": fb.countries[iso3]["country"],
        "observations": obs,
        "events": events,
        "practices": practices,
        "context": context,
        "quality": quality,
        "sources": {s: fb.sources[s] for s in cited},
        "source_numbers": source_numbers(fb),
        "indicators": {r["indicator"]: fb.indicators[r["indicator"]] for r in obs},
        "goals": [{k: g[k] for k in ("id", "label", "definition")} for g in fb.goals],
        "evidence_facts": {
            f: {
                "title": facts[f].get("title")
                or f"{facts[f].get('indicator')} {facts[f].get('year')}: {facts[f].get('value')}",
                "source": facts[f]["source"],
            }
            for p in practices
            for f in p["evidence"]
        },
    }
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, indent=1) + "\n"
