"""Describe the tidy tables as a Frictionless Data Package (data/tidy/datapackage.json)."""

from __future__ import annotations

import json

from ..facts.factbase import FactBase
from .tables import TABLES

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
    "higher_is_better": ("boolean", "Whether a higher value is a better position."),
}

LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}


def build(fb: FactBase, countries: list[str]) -> str:
    resources = []
    for name, (_, columns, description) in TABLES.items():
        fields = []
        for col in columns:
            ftype, desc = COLUMN_META.get(col, ("string", col.replace("_", " ").capitalize() + "."))
            fields.append({"name": col, "type": ftype, "description": desc})
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
