"""Raw fact base -> long tidy tables, written as deterministic CSV.

One observation a row; events, practices, context facts, sources and the quality record
each get their own table. Rows are sorted on stable keys and numbers keep the type the
curator wrote (an integer stays an integer, a float prints in its shortest round-trip form),
so the same raw data always give the same bytes.
"""

from __future__ import annotations

import csv
import io

from ..facts.dates import date_key
from ..facts.factbase import FactBase

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
    "dating",
    "period_start",
    "period_end",
    "tags",
    "partners",
    "amounts",
    "locator",
    "note",
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
    "dating",
    "amounts",
    "locator",
    "note",
]
PRACTICE_COLUMNS = ["country", "goal", "evidence", "evidence_count", "note"]
SOURCE_COLUMNS = [
    "source",
    "kind",
    "authors",
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
QUALITY_COLUMNS = ["issue", "kind", "countries", "facts", "summary", "handling"]
INDICATOR_COLUMNS = ["indicator", "label", "unit", "kind", "higher_is_better", "description"]
GOAL_COLUMNS = ["framework", "id", "label", "definition", "source", "locator"]
COUNTRY_COLUMNS = ["country", "name", "region", "synthetic", "source_file"]

LIST_SEP = "; "


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return LIST_SEP.join(_cell(v) for v in value)
    return str(value)


def _amounts(amounts: list[dict] | None) -> str:
    return LIST_SEP.join(f"{_cell(a['value'])} {a['unit']} ({a['what']})" for a in amounts or [])


def to_csv(rows: list[dict], columns: list[str]) -> str:
    """Rows -> CSV text with "\\n" line ends and minimal quoting."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return buf.getvalue()


def selected(fb: FactBase, countries: list[str] | None) -> list[str]:
    """The countries to build: all with a file, or the configured subset (in code order)."""
    if not countries:
        return sorted(fb.countries)
    unknown = sorted(set(countries) - set(fb.countries))
    if unknown:
        raise ValueError(f"configured countries have no file in data/raw/countries/: {', '.join(unknown)}")
    return sorted(set(countries))


def observation_rows(fb: FactBase, countries: list[str]) -> list[dict]:
    rows = []
    for iso3 in countries:
        for rec in fb.countries[iso3]["observations"]:
            rows.append(_observation_row(fb, iso3, rec))
    keep = set(countries)
    rows += [_observation_row(fb, rec["country"], rec) for rec in fb.official if rec["country"] in keep]
    rows.sort(key=lambda r: (r["country"], r["indicator"], r["year"], r["source"], r["fact_id"]))
    return rows


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


def event_rows(fb: FactBase, countries: list[str]) -> list[dict]:
    rows = []
    for iso3 in countries:
        for rec in fb.countries[iso3]["events"]:
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
                    "dating": rec.get("dating", "stated"),
                    "period_start": str(period["start"]) if period else None,
                    "period_end": str(period["end"]) if period else None,
                    "tags": sorted(rec.get("tags") or []),
                    "partners": rec.get("partners") or [],
                    "amounts": _amounts(rec.get("amounts")),
                    "locator": rec["locator"],
                    "note": rec.get("note"),
                }
            )
    rows.sort(key=lambda r: (r["country"], date_key(r["date"]), r["fact_id"]))
    return rows


def context_rows(fb: FactBase) -> list[dict]:
    rows = []
    for rec in fb.context:
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
                "dating": rec.get("dating", "stated"),
                "amounts": _amounts(rec.get("amounts")),
                "locator": rec["locator"],
                "note": rec.get("note"),
            }
        )
    rows.sort(key=lambda r: (r["scope"], date_key(r["date"] or "9999"), r["fact_id"]))
    return rows


def practice_rows(fb: FactBase, countries: list[str]) -> list[dict]:
    order = {g["id"]: i for i, g in enumerate(fb.goals)}
    rows = [
        {
            "country": iso3,
            "goal": rec["goal"],
            "evidence": sorted(rec["evidence"]),
            "evidence_count": len(set(rec["evidence"])),
            "note": rec["note"],
        }
        for iso3 in countries
        for rec in fb.countries[iso3]["practices"]
    ]
    rows.sort(key=lambda r: (r["country"], order.get(r["goal"], 99)))
    return rows


def source_rows(fb: FactBase) -> list[dict]:
    rows = [{"source": s["id"], **{k: s.get(k) for k in SOURCE_COLUMNS[1:]}} for s in fb.sources.values()]
    return sorted(rows, key=lambda r: r["source"])


def quality_rows(fb: FactBase, countries: list[str]) -> list[dict]:
    keep = set(countries)
    rows = [
        {
            "issue": q["id"],
            "kind": q["kind"],
            "countries": q.get("countries") or [],
            "facts": q["facts"],
            "summary": q["summary"],
            "handling": q["handling"],
        }
        for q in fb.quality
        if not q.get("countries") or keep & set(q["countries"])
    ]
    return sorted(rows, key=lambda r: r["issue"])


def indicator_rows(fb: FactBase) -> list[dict]:
    return sorted(
        ({"indicator": i["id"], **{k: i[k] for k in INDICATOR_COLUMNS[1:]}} for i in fb.indicators.values()),
        key=lambda r: r["indicator"],
    )


def framework_rows(fb: FactBase) -> list[dict]:
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
    for framework, entries in (("goal", fb.goals), ("direction", fb.directions)):
        for e in entries:
            rows.append({"framework": framework, **{k: e.get(k) for k in GOAL_COLUMNS[1:]}})
    return rows  # curated order is meaningful (the article's order); keep it


def country_rows(fb: FactBase, countries: list[str]) -> list[dict]:
    return [
        {
            "country": iso3,
            "name": fb.countries[iso3]["country"]["name"],
            "region": fb.countries[iso3]["country"]["region"],
            "synthetic": bool(fb.countries[iso3]["country"].get("synthetic", False)),
            "source_file": fb.countries[iso3]["file"],
        }
        for iso3 in countries
    ]


#: Published tidy tables: file name -> (row builder, columns, description).
TABLES = {
    "countries.csv": (
        country_rows,
        COUNTRY_COLUMNS,
        "The countries in this edition, with the raw file each comes from.",
    ),
    "observations.csv": (
        observation_rows,
        OBSERVATION_COLUMNS,
        "Numeric observations, one per country, indicator, year and source.",
    ),
    "events.csv": (
        event_rows,
        EVENT_COLUMNS,
        "Dated facts per country: strategies, programmes, laws, agreements, diplomatic actions.",
    ),
    "practices.csv": (
        practice_rows,
        PRACTICE_COLUMNS,
        "Each country's documented practices coded against the eight goals of digital diplomacy, with evidence.",
    ),
    "context.csv": (
        lambda fb, c: context_rows(fb),
        CONTEXT_COLUMNS,
        "Regional programmes and international examples cited by the articles.",
    ),
    "quality.csv": (
        quality_rows,
        QUALITY_COLUMNS,
        "Data-quality record: disagreements, doubts and inferred dates, with the facts involved.",
    ),
    "sources.csv": (lambda fb, c: source_rows(fb), SOURCE_COLUMNS, "Bibliography: every source a fact cites."),
    "indicators.csv": (lambda fb, c: indicator_rows(fb), INDICATOR_COLUMNS, "Indicator dictionary."),
    "frameworks.csv": (
        lambda fb, c: framework_rows(fb),
        GOAL_COLUMNS,
        "The eight goals of digital diplomacy and the five directions of practice.",
    ),
}


def build_tables(fb: FactBase, countries: list[str]) -> dict[str, str]:
    """Every tidy table as CSV text, by file name."""
    return {name: to_csv(builder(fb, countries), columns) for name, (builder, columns, _) in TABLES.items()}
