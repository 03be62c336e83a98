"""Rows of the curated tables: what researchers recorded in data/raw/, for the profiled countries.

Rows are sorted on stable keys and numbers keep the type the curator wrote, so the same
raw data always give the same bytes.
"""

from __future__ import annotations

from ..facts.dates import date_key
from ..facts.factbase import FactBase
from .inputs import TidyInput
from .presentation import decisions, present, weight

#: How the report presents a dated fact (tidy/presentation.py): its date as the source
#: supports it, and the quality record's decisions applied.
PRESENTATION_COLUMNS = ["report_date", "report_title", "shown", "roles", "cited_only", "amounts_only_in", "weight"]

OBSERVATION_COLUMNS = [
    "country",
    "indicator",
    "year",
    "value",
    "unit",
    "source",
    "fact_id",
    "out_of",
    "flag",
    "locator",
    "note",
]
EVENT_COLUMNS = [
    "country",
    "date",
    "year",
    "category",
    "title",
    "source",
    "fact_id",
    "actor",
    "actor_country",
    "basis",
    "serves",
    "dating",
    "period_start",
    "period_end",
    "tags",
    "planned",
    "locator",
    "note",
    *PRESENTATION_COLUMNS,
]
CONTEXT_COLUMNS = [
    "scope",
    "date",
    "year",
    "category",
    "title",
    "actors",
    "countries",
    "source",
    "fact_id",
    "basis",
    "dating",
    "locator",
    "note",
    "report_date",
    "report_title",
    "cited_only",
    "weight",
]
PRACTICE_COLUMNS = ["country", "goal", "evidence", "evidence_count", "evidence_strong", "evidence_weak", "note"]
SOURCE_COLUMNS = [
    "source",
    "kind",
    "authors",
    "authors_unstated",
    "producer",
    "title",
    "outlet",
    "issue",
    "published",
    "doi",
    "url",
    "language",
    "licence",
    "reliability",
    "note",
]
QUALITY_COLUMNS = ["issue", "title", "kind", "countries", "facts", "summary", "handling", "sources", "locators"]
INDICATOR_COLUMNS = ["indicator", "label", "unit", "kind", "higher_is_better", "description"]
GOAL_COLUMNS = ["framework", "id", "label", "definition", "source", "locator"]
#: A fact's amounts, one a row. An amount belongs to an event or to a context fact: the id
#: is repeated in the column of the table that holds the fact, so the data package can declare
#: a foreign key to each table (Frictionless skips a key whose cells are all empty).
AMOUNT_COLUMNS = ["fact_id", "position", "value", "unit", "what", "event_id", "context_id"]
PARTNER_COLUMNS = ["fact_id", "position", "partner", "partner_country"]


def _observation_row(fb: FactBase, iso3: str, rec: dict) -> dict:
    return {
        "country": iso3,
        "indicator": rec["indicator"],
        "year": rec["year"],
        "value": rec["value"],
        "unit": fb.indicators[rec["indicator"]]["unit"],
        "source": rec["source"],
        "fact_id": rec["id"],
        "out_of": rec.get("out_of"),
        "flag": rec.get("flag"),
        "locator": rec["locator"],
        "note": rec.get("note"),
    }


def curated_observation_rows(src: TidyInput) -> list[dict]:
    return [_observation_row(src.fb, iso3, rec) for iso3 in src.countries for rec in src.country(iso3)["observations"]]


def event_rows(src: TidyInput) -> list[dict]:
    decided = decisions(src.fb)
    rows = []
    for iso3 in src.countries:
        for rec in src.country(iso3)["events"]:
            period = rec.get("period") or {}
            rows.append(
                {
                    "country": iso3,
                    "date": str(rec["date"]),
                    "year": date_key(rec["date"])[0],
                    "category": rec["category"],
                    "title": rec["title"],
                    "source": rec["source"],
                    "fact_id": rec["id"],
                    "actor": rec["actor"]["name"],
                    "actor_country": rec["actor"]["country"],
                    "basis": rec["basis"],
                    "serves": rec["serves"],
                    "dating": rec.get("dating", "stated"),
                    "period_start": str(period["start"]) if period else None,
                    "period_end": str(period["end"]) if period else None,
                    "tags": sorted(rec.get("tags") or []),
                    "planned": bool(rec.get("planned", False)),
                    "locator": rec["locator"],
                    "note": rec.get("note"),
                    **present(rec, decided),
                }
            )
    rows.sort(key=lambda r: (r["country"], date_key(r["date"]), r["fact_id"]))
    return rows


def context_rows(src: TidyInput) -> list[dict]:
    decided = decisions(src.fb)
    rows = []
    for rec in src.fb.context:
        shown = present(rec, decided)
        rows.append(
            {
                "scope": rec["scope"],
                "date": str(rec["date"]) if rec.get("date") is not None else None,
                "year": date_key(rec["date"])[0] if rec.get("date") is not None else None,
                "category": rec["category"],
                "title": rec["title"],
                "actors": rec["actors"],
                "countries": rec.get("countries") or [],
                "source": rec["source"],
                "fact_id": rec["id"],
                "basis": rec["basis"],
                "dating": rec.get("dating", "stated"),
                "locator": rec["locator"],
                "note": rec.get("note"),
                **{k: shown[k] for k in ("report_date", "report_title", "cited_only", "weight")},
            }
        )
    rows.sort(key=lambda r: (r["scope"], date_key(r["date"] or "9999"), r["fact_id"]))
    return rows


def _events(src: TidyInput) -> list[dict]:
    """The profiled countries' events, as recorded."""
    return [rec for iso3 in src.countries for rec in src.country(iso3)["events"]]


def amount_rows(src: TidyInput) -> list[dict]:
    """One row per amount of the profiled countries' events and of the context facts, in the
    order the curator listed them (``position`` from 1); the value keeps its type."""
    owners = [(rec, "event_id") for rec in _events(src)] + [(rec, "context_id") for rec in src.fb.context]
    rows = [
        {
            "fact_id": rec["id"],
            "position": i,
            "value": a["value"],
            "unit": a["unit"],
            "what": a["what"],
            column: rec["id"],
        }
        for rec, column in owners
        for i, a in enumerate(rec.get("amounts") or [], start=1)
    ]
    return sorted(rows, key=lambda r: (r["fact_id"], r["position"]))


def partner_rows(src: TidyInput) -> list[dict]:
    """One row per partner the profiled countries' events name, in the curator's order."""
    rows = [
        {"fact_id": rec["id"], "position": i, "partner": partner["name"], "partner_country": partner["country"]}
        for rec in _events(src)
        for i, partner in enumerate(rec.get("partners") or [], start=1)
    ]
    return sorted(rows, key=lambda r: (r["fact_id"], r["position"]))


def amounts_by_fact(rows: list[dict]) -> dict[str, list[dict]]:
    """Rows of amounts.csv put back on their facts: fact id -> its amounts ({value, unit, what}),
    in the curator's order."""
    out: dict[str, list[dict]] = {}
    for a in sorted(rows, key=lambda r: (r["fact_id"], int(r["position"]))):
        out.setdefault(a["fact_id"], []).append({k: a[k] for k in ("value", "unit", "what")})
    return out


def partners_by_fact(rows: list[dict]) -> dict[str, list[str]]:
    """Rows of partners.csv put back on their facts: fact id -> the partners it names, in order."""
    out: dict[str, list[str]] = {}
    for p in sorted(rows, key=lambda r: (r["fact_id"], int(r["position"]))):
        out.setdefault(p["fact_id"], []).append(p["partner"])
    return out


def practice_rows(src: TidyInput) -> list[dict]:
    """Each coded practice with its evidence counted whole, strong (read in full, not in
    doubt) and weak (tidy/presentation.py)."""
    order = {g["id"]: i for i, g in enumerate(src.fb.goals)}
    decided = decisions(src.fb)
    facts = src.fb.facts_by_id()
    rows = []
    for iso3 in src.countries:
        for rec in src.country(iso3)["practices"]:
            cited = sorted(set(rec["evidence"]))
            strong = sum(1 for f in cited if f in facts and weight(facts[f], decided) == "strong")
            rows.append(
                {
                    "country": iso3,
                    "goal": rec["goal"],
                    "evidence": sorted(rec["evidence"]),
                    "evidence_count": len(cited),
                    "evidence_strong": strong,
                    "evidence_weak": len(cited) - strong,
                    "note": rec["note"],
                }
            )
    rows.sort(key=lambda r: (r["country"], order.get(r["goal"], 99)))
    return rows


def source_rows(src: TidyInput) -> list[dict]:
    rows = [{"source": s["id"], **{k: s.get(k) for k in SOURCE_COLUMNS[1:]}} for s in src.fb.sources.values()]
    return sorted(rows, key=lambda r: r["source"])


def quality_rows(src: TidyInput) -> list[dict]:
    keep = set(src.countries)
    rows = [
        {
            "issue": q["id"],
            "title": q["title"],
            "kind": q["kind"],
            "countries": q.get("countries") or [],
            "facts": q["facts"],
            "summary": q["summary"],
            "handling": q["handling"],
            # The outside pages the item rests on, and where in each (two lists, one order).
            "sources": [c["source"] for c in q.get("sources") or []],
            "locators": [c["locator"] for c in q.get("sources") or []],
        }
        for q in src.fb.quality
        if not q.get("countries") or keep & set(q["countries"])
    ]
    return sorted(rows, key=lambda r: r["issue"])


def indicator_rows(src: TidyInput) -> list[dict]:
    return sorted(
        ({"indicator": i["id"], **{k: i[k] for k in INDICATOR_COLUMNS[1:]}} for i in src.fb.indicators.values()),
        key=lambda r: r["indicator"],
    )


def framework_rows(src: TidyInput) -> list[dict]:
    fb = src.fb
    cites = fb.concept["citations"]
    rows = [
        {
            "framework": "concept",
            "id": "digital-diplomacy",
            "label": "Digital diplomacy",
            "definition": fb.concept["definition"],
            "source": [c["source"] for c in cites],
            "locator": [c["locator"] for c in cites],
        }
    ]
    if fb.concept.get("goals_credit"):
        rows.append(
            {"framework": "credit", "id": "goals", "label": "Whose goals", "definition": fb.concept["goals_credit"]}
            | {"source": [], "locator": []}
        )
    for framework, entries in (("goal", fb.goals), ("direction", fb.directions)):
        for e in entries:
            # Every row cites a list of sources (the concept cites several; a goal, one).
            row = {"framework": framework, **{k: e.get(k) for k in GOAL_COLUMNS[1:]}}
            rows.append({**row, "source": [e["source"]], "locator": [e["locator"]]})
    return rows  # curated order is meaningful (the article's order); keep it
