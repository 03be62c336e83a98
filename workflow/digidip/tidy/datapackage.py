"""Describe the tidy tables as a Frictionless Data Package (data/tidy/datapackage.json)."""

from __future__ import annotations

import json

from ..facts.factbase import FactBase
from ..official.benchmarks import METHOD
from .tables import LIST_COLUMNS, TABLES

#: Column -> (Frictionless type, description). Columns not listed are strings.
COLUMN_META = {
    "country": ("string", "ISO 3166-1 alpha-3 country code."),
    "indicator": ("string", "Indicator id (see indicators.csv)."),
    "year": ("integer", "Calendar year the value or fact refers to."),
    "value": ("number", "The value as the source states it."),
    "unit": ("string", "Unit of the value."),
    "source": ("string", "Source id (see sources.csv)."),
    "fact_id": ("string", "Stable id of the raw record."),
    "out_of": ("integer", "For ranks: how many countries were ranked."),
    "flag": ("string", "not-assessed, estimate or year-inferred."),
    "locator": ("string", "Where in the source the fact stands."),
    "note": ("string", "Curator's note."),
    "date": ("string", "Date as YYYY, YYYY-MM or YYYY-MM-DD."),
    "category": ("string", "Kind of dated fact."),
    "title": ("string", "What happened, in our words."),
    "evidence_count": ("integer", "Number of distinct facts supporting the code."),
    "synthetic": ("boolean", "True for generated test data."),
    "higher_is_better": ("boolean", "Whether a higher value is a better position (empty for a classification)."),
    "dating": (
        "string",
        "stated (the source gives the date), inferred (we derived it; see note) or attested (the source shows it existed by this date; the event itself is earlier or undated).",
    ),
    "planned": ("boolean", "True for a plan the source states, not something done."),
    "report_date": (
        "string",
        "The date as the report prints it: as stated, marked inferred, 'by <date>' when attested, or the quality record's wording.",
    ),
    "report_title": ("string", "The title as the report prints it (the quality record may set an official name)."),
    "shown": ("boolean", "False when the quality record leads with another fact telling the same thing."),
    "roles": ("string", "The roles (tags) the report may give the fact, after the quality record's decisions."),
    "cited_only": ("boolean", "True when the fact rests only on a reference title the article cites."),
    "wdi_region": ("string", "World Bank region (from the WDI download's country metadata)."),
    "wdi_income_group": ("string", "World Bank income group at the time of the WDI download."),
    "un_member": ("boolean", "True for the 193 UN member states (the states the UN E-Government Survey ranks)."),
    "profiled": ("boolean", "True for the countries this edition profiles."),
    "bytes": ("integer", "Size of the file in bytes."),
}

#: Columns whose meaning differs in one table: table -> column -> (type, description).
TABLE_COLUMN_META = {
    "benchmarks.csv": {
        "scope": ("string", "world, region, income-group (a group statistic) or country (a percentile)."),
        "group": ("string", "World, a World Bank region or income group, or a country's ISO3 code."),
        "statistic": (
            "string",
            "median, q1, q3 (over UN members), percentile (100 = best), or publisher-aggregate (the publisher's own figure).",
        ),
        "value": ("number", "The statistic's value, in the indicator's unit (a percentile: 0-100)."),
        "n": ("integer", "UN member states with a value that the statistic covers; empty for a publisher's aggregate."),
        "source": ("string", "For a publisher's aggregate: its source id (see sources.csv); empty for our statistics."),
        "fact_id": ("string", "For a publisher's aggregate: the id of the value in the extraction."),
        "locator": ("string", "For a publisher's aggregate: file, row and column of the snapshot."),
    },
    "snapshots.csv": {
        "file": ("string", "The snapshot's path in the project (data/snapshots/...)."),
        "published": ("string", "When the producer published the data."),
        "url": ("string", "The producer's page for the data."),
        "copied_from": ("string", "repository@commit:path of the public copy this file was taken from, byte for byte."),
        "sha256": ("string", "SHA-256 of the file (verified on every build)."),
    },
}

LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}


def build(fb: FactBase) -> str:
    resources = []
    for name, (_, columns, description) in TABLES.items():
        meta = COLUMN_META | TABLE_COLUMN_META.get(name, {})
        fields = []
        for col in columns:
            ftype, desc = meta.get(col, ("string", col.replace("_", " ").capitalize() + "."))
            if col in LIST_COLUMNS.get(name, ()):
                ftype, desc = "array", f"{desc.rstrip('.')} (a JSON array)."
            fields.append({"name": col, "type": ftype, "description": desc})
        if name == "benchmarks.csv":
            description += " Method: " + " ".join(METHOD.split())
        resources.append(
            {
                "name": name.removesuffix(".csv"),
                "path": name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": description,
                "schema": {"fields": fields},
            }
        )
    package = {
        "profile": "tabular-data-package",
        "name": "digital-diplomacy-central-asia-ukraine",
        "title": "Digital diplomacy in Central Asia and Ukraine: curated facts and official series",
        "licenses": [LICENCE],
        "sources": [
            {"title": s["title"], "path": s["url"]} if s.get("url") else {"title": s["title"]}
            for s in sorted(fb.sources.values(), key=lambda s: s["id"])
        ],
        "keywords": ["digital diplomacy", "e-government", "Central Asia", "Ukraine"],
        "resources": resources,
    }
    return json.dumps(package, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
