"""One country's fact slice: everything its notebook reads, as canonical JSON."""

from __future__ import annotations

import json

from ..facts.factbase import FactBase
from ..official.benchmarks import peer_groups
from ..official.data import Official
from ..official.egdi import PLACEHOLDERS
from .curated import (
    amount_rows,
    amounts_by_fact,
    context_rows,
    event_rows,
    partner_rows,
    partners_by_fact,
    practice_rows,
    quality_rows,
)
from .inputs import TidyInput
from .presentation import decisions, present
from .tables import observation_rows
from .world import change_rows


def source_numbers(fb: FactBase) -> dict[str, int]:
    """Bibliography number of every source: its position in the id-sorted sources table."""
    return {sid: i for i, sid in enumerate(sorted(fb.sources), start=1)}


def official_facts(official: Official) -> dict[str, dict]:
    """Every official value of a country, as a fact by id."""
    return {r["fact_id"]: {**r, "id": r["fact_id"]} for r in official.observations if r["entity_kind"] == "country"}


def _all_facts(src: TidyInput) -> dict[str, dict]:
    """Every fact by id, curated and official, each with its country."""
    return official_facts(src.official) | src.fb.facts_by_id()


def evidence_facts(fb: FactBase, facts: dict[str, dict], practices: list[dict]) -> dict[str, dict]:
    """Each fact a coded practice cites (an event: facts/evidence.py), titled as the report
    prints it (the quality record's title rules and cited-only marks applied, as in the
    tables), with its basis and weight."""
    decided = decisions(fb)
    out = {}
    for f in (f for p in practices for f in p["evidence"]):
        fact = facts[f]
        shown = present(fact, decided)
        out[f] = {
            "title": shown["report_title"],
            "source": fact["source"],
            "cited_only": shown["cited_only"],
            "basis": fact["basis"],
            "weight": shown["weight"],
        }
    return out


#: A year is compared with the world only if at least this share of the members reports it
#: (as analysis.standing.MIN_COVERAGE).
MIN_COVERAGE = 0.5


def peers(src: TidyInput, iso3: str, obs: list[dict]) -> dict[str, dict]:
    """For each official indicator, in the latest year the country and most members report:
    the country's percentile and its peers' statistics."""
    half = MIN_COVERAGE * len(src.official.members())
    broad = {
        (b["indicator"], b["year"])
        for b in src.official.benchmarks
        if b["scope"] == "world" and b["statistic"] == "median" and b["n"] >= half
    }
    latest: dict[str, int] = {}
    for o in obs:
        official = src.fb.sources[o["source"]]["kind"] == "official-dataset"
        if official and o.get("flag") not in PLACEHOLDERS and (o["indicator"], o["year"]) in broad:
            latest[o["indicator"]] = max(latest.get(o["indicator"], o["year"]), o["year"])
    wanted = {y: peer_groups(iso3, src.official.classes_in(iso3, y)) for y in set(latest.values())}
    out: dict[str, dict] = {}
    for b in src.official.benchmarks:
        year = latest.get(b["indicator"])
        if year == b["year"] and (b["scope"], b["group"]) in wanted[year] and b["statistic"] != "publisher-aggregate":
            key = "percentile" if b["scope"] == "country" else f"{b['scope']}_{b['statistic']}"
            out.setdefault(b["indicator"], {"year": b["year"]})[key] = {
                "value": b["value"],
                "n": b["n"],
                "group": b["group"],
            }
    return out


def with_lists(one: TidyInput, events: list[dict], context: list[dict]) -> tuple[list[dict], list[dict]]:
    """Events and context facts with their amounts ({value, unit, what}) and partners, in the
    curator's order: the rows of amounts.csv and partners.csv put back on their facts."""
    amounts, partners = amounts_by_fact(amount_rows(one)), partners_by_fact(partner_rows(one))
    events = [
        {**e, "amounts": amounts.get(e["fact_id"], []), "partners": partners.get(e["fact_id"], [])} for e in events
    ]
    context = [{**c, "amounts": amounts.get(c["fact_id"], [])} for c in context]
    return events, context


def country_slice(src: TidyInput, iso3: str) -> str:
    """Everything one country's notebook needs, as canonical JSON (sorted keys)."""
    one = TidyInput(src.fb, [iso3], src.official, src.snapshots)
    facts = _all_facts(src)
    obs = observation_rows(one)
    obs = [o for o in obs if o["country"] == iso3]
    practices = practice_rows(one)
    context = [r for r in context_rows(one) if iso3 in r["countries"]]
    events, context = with_lists(one, event_rows(one), context)
    quality = [
        q
        for q in quality_rows(one)
        if iso3 in q["countries"] or any(facts.get(f, {}).get("country") == iso3 for f in q["facts"])
    ]
    cited = sorted({r["source"] for r in obs + events + context})
    payload = {
        "country": {**one.country(iso3)["country"], **src.official.classifications().get(iso3, {})},
        "observations": obs,
        "events": events,
        "practices": practices,
        "context": context,
        "quality": quality,
        # Titles of every item, so a note pointing at another country's item reads as its title.
        "quality_titles": {q["id"]: q["title"] for q in src.fb.quality},
        "sources": {s: src.fb.sources[s] for s in cited},
        "source_numbers": source_numbers(src.fb),
        "indicators": {r["indicator"]: src.fb.indicators[r["indicator"]] for r in obs},
        "goals": [{k: g[k] for k in ("id", "label", "definition")} for g in src.fb.goals],
        "peers": peers(src, iso3, obs),
        # Each official value beside the previous one of its series (changes.csv's rows).
        "changes": [r for r in change_rows(one) if r["country"] == iso3 and r["previous_year"] is not None],
        "evidence_facts": evidence_facts(src.fb, facts, practices),
    }
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, indent=1) + "\n"
