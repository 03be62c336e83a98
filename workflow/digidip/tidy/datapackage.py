"""Describe the tidy tables as a Frictionless Data Package (data/tidy/datapackage.json)."""

from __future__ import annotations

import json

from ..facts.factbase import FactBase
from ..official import benchmarks, changes, egdi_groups
from .tables import FOREIGN_KEYS, LIST_COLUMNS, PRIMARY_KEYS, TABLES

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
    "flag": (
        "string",
        "estimate or year-inferred (curated facts); for the survey files' placeholders, which no statistic counts: not-assessed, not-computed, missing (a 0 that stands for no value) or not-ranked (not yet a UN member).",
    ),
    "locator": ("string", "Where in the source the fact stands."),
    "note": ("string", "Curator's note."),
    "date": ("string", "Date as YYYY, YYYY-MM or YYYY-MM-DD."),
    "category": ("string", "Kind of dated fact."),
    "title": ("string", "What happened, in our words."),
    "evidence_count": ("integer", "Number of distinct facts supporting the code."),
    "evidence_strong": ("integer", "Of those, facts read in full text that the quality record does not count weak."),
    "evidence_weak": (
        "integer",
        "Of those, facts resting on an abstract, a reference title or a second-hand report, or counted weak by the quality record.",
    ),
    "actor": ("string", "Who acts in the fact, as the source names it."),
    "actor_country": (
        "string",
        "ISO3 code of the state the actor belongs to (empty for an international body); the country's own act when it equals country.",
    ),
    "basis": (
        "string",
        "What the fact rests on as we read it: full-text, abstract (only the abstract), reference-title (only the title of an item the source cites) or second-hand (the source relays a text we have not read).",
    ),
    "serves": (
        "string",
        "foreign-policy (the source ties the fact to the country's foreign relations) or domestic (a measure at home; never a diplomatic action).",
    ),
    "weight": (
        "string",
        "strong (read in full text, not counted weak by the quality record) or weak; no finding rests on weak evidence alone.",
    ),
    "amounts_only_in": (
        "string",
        "Where alone the report prints the fact's amounts, when the quality record restricts it (notable-actions); empty otherwise.",
    ),
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
    "un_region": ("string", "UN M49 region (UNSD), the grouping of the UN E-Government Survey."),
    "un_subregion": ("string", "UN M49 sub-region (UNSD), e.g. Central Asia."),
    "wdi_income_group": ("string", "World Bank income group at the time of the WDI download."),
    "un_member": ("boolean", "True for the 193 UN member states (the states the UN E-Government Survey ranks)."),
    "profiled": ("boolean", "True for the countries this edition profiles."),
    "bytes": ("integer", "Size of the file in bytes."),
    "position": ("integer", "Order of the item within its fact, from 1, as the curator listed it."),
    "authors_unstated": ("string", "Why no author is named for an authored text (empty when authors are named)."),
}

#: Columns whose meaning differs in one table: table -> column -> (type, description).
TABLE_COLUMN_META = {
    "amounts.csv": {
        "fact_id": ("string", "The event (events.csv) or context fact (context.csv) the amount belongs to."),
        "value": ("number", "The amount as the source states it: an integer or a decimal, no thousands separators."),
        "unit": ("string", "Currency code (e.g. USD) or the thing counted (e.g. monoculars)."),
        "what": ("string", "What the amount is, in our words."),
        "event_id": ("string", "The fact_id again when the fact is an event (events.csv); empty otherwise."),
        "context_id": ("string", "The fact_id again when the fact is a context fact (context.csv); empty otherwise."),
    },
    "quality.csv": {
        "sources": (
            "string",
            "The outside pages the item rests on beyond its facts' own sources: source ids (see sources.csv).",
        ),
        "locators": ("string", "Where in each of those pages the point stands, in the same order as sources."),
    },
    "partners.csv": {
        "fact_id": ("string", "The event (events.csv) that names the partner."),
        "partner": ("string", "An organisation or state the actor works with, as the source names it."),
        "partner_country": (
            "string",
            "ISO3 code of the state the partner belongs to; empty for an international body or a group of states.",
        ),
    },
    "classifications.csv": {
        "classification": (
            "string",
            "un_region, un_subregion (UNSD M49), wdi_region, wdi_income_group (World Bank, at the WDI download) or wb_income_group (World Bank, by year).",
        ),
        "year": (
            "integer",
            "For the income group by year: the calendar year it applies to (the classification in force on 1 July of that year); empty for a classification that does not change.",
        ),
        "value": ("string", "The group's name as the publisher writes it."),
        "source": ("string", "Source id of the file (see sources.csv)."),
        "locator": ("string", "File and row or cell the group is read from."),
    },
    "benchmarks.csv": {
        "scope": (
            "string",
            "world, un-region, un-subregion (UNSD M49), wb-region (World Bank region), income-group (World Bank, as classified for that year), a publisher's region (region) or country (a percentile).",
        ),
        "group": ("string", "World, the region or income group, or a country's ISO3 code."),
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
    "egdi-groups.csv": {
        "value": ("number", "The state's EGDI in that edition (0-1), as the survey file gives it."),
        "group": ("string", "Very High, High, Middle or Low; empty when no_group says why there is none."),
        "lower": ("number", "The group's lower bound (inclusive)."),
        "upper": ("number", "The group's upper bound (exclusive, but 1 belongs to Very High)."),
        "no_group": (
            "string",
            "Why the value has no group: an edition before the first one a source shows using the groups, or a placeholder (a 0 that is no score).",
        ),
        "fact_id": ("string", "The EGDI value's id in observations.csv."),
    },
    "changes.csv": {
        "value": ("number", "The value in this year, as in observations.csv."),
        "flag": ("string", "The value's placeholder flag, if it is one (then nothing is compared)."),
        "previous_year": (
            "integer",
            "The latest earlier year (survey edition) in which the same indicator of the state has a real value; empty if none.",
        ),
        "previous_value": ("number", "The value in previous_year."),
        "change": (
            "number",
            "value - previous_value, in the indicator's unit; empty (never 0) when there is no previous value. The UN survey normalises its indices within each edition: a change of the EGDI or its components is a change of relative position, not of an absolute level.",
        ),
        "rank_change": (
            "integer",
            "For ranks: previous_value - value, the places moved; positive = moved up (the rank number fell).",
        ),
        "group": ("string", "For the EGDI: the value's group (see egdi-groups.csv)."),
        "previous_group": ("string", "For the EGDI: the group of the previous value."),
        "group_changed": (
            "boolean",
            "For the EGDI: whether the group differs from the previous one; empty when either has none.",
        ),
        "fact_id": ("string", "The value's id in observations.csv."),
        "previous_fact_id": ("string", "The previous value's id in observations.csv."),
    },
    "snapshots.csv": {
        "file": ("string", "The snapshot's path in the project (data/snapshots/...)."),
        "published": ("string", "When the producer published the data."),
        "url": ("string", "The producer's page for the data."),
        "copied_from": ("string", "repository@commit:path of the public copy this file was taken from, byte for byte."),
        "changes_by_copier": ("string", "How the copy differs from the publisher's own file, as far as is known."),
        "checked": ("string", "How the copy was checked against other copies, or that it was not."),
    },
    "crosscheck.csv": {
        "edition": ("integer", "The survey edition compared."),
        "copy": (
            "string",
            "The independent copy's repository (its file and commit: its sidecar in data/crosscheck/), or the source id of a page stating values (see sources.csv).",
        ),
        "compared": ("integer", "Countries whose value either file gives."),
    },
    "crosscheck-differences.csv": {
        "country": ("string", "ISO 3166-1 alpha-3 country code; empty for a survey-wide statement."),
        "fact_id": (
            "string",
            "The snapshot value's fact id (a group statement: the EGDI's); empty for a survey-wide statement.",
        ),
        "ours": (
            "string",
            "The value in our snapshot, as compared (a number, or the group of its EGDI; empty: no value).",
        ),
        "theirs": ("string", "The value in the independent copy (empty: a blank cell) or as the page states it."),
        "copy": ("string", "The independent copy's repository, or the source id of the page (see sources.csv)."),
        "issue": ("string", "The data-quality item that records the decision on this difference."),
        "sha256": ("string", "SHA-256 of the file (verified on every build)."),
    },
    "crosscheck-stated.csv": {
        "edition": ("integer", "The survey edition the page states a value of."),
        "country": ("string", "ISO 3166-1 alpha-3 code of the state; empty for a survey-wide statement."),
        "indicator": (
            "string",
            "egdi, egdi_rank, egdi_group (the EGDI's group), egdi_mean (the mean EGDI) or egdi_group_count (states in a group).",
        ),
        "group": ("string", "For egdi_group_count: the group counted (Very High, High, Middle, Low)."),
        "stated": ("string", "The value as the page states it (an index with the decimals the page writes)."),
        "decimals": (
            "integer",
            "For an index or mean: the decimals the page writes, at which the values are compared.",
        ),
        "snapshot": (
            "string",
            "What the snapshot of the edition gives, computed as the page states it (empty: no value).",
        ),
        "agrees": ("boolean", "True when the two agree: equal, an index rounded half up to the page's decimals."),
        "fact_id": (
            "string",
            "The snapshot value's fact id (a group statement: the EGDI's); empty for a survey-wide statement.",
        ),
        "source": ("string", "The page (see sources.csv)."),
        "locator": ("string", "Where on the page the value stands, with a short quotation."),
    },
}

#: Tables whose description ends with the method that computes them.
METHODS = {
    "egdi-groups.csv": egdi_groups.METHOD,
    "changes.csv": changes.METHOD,
    "benchmarks.csv": benchmarks.METHOD,
}

LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}


#: Columns every row fills besides the primary key's (table -> columns).
REQUIRED = {"amounts.csv": ("value", "unit", "what"), "partners.csv": ("partner",)}


def _name(file: str) -> str:
    return file.removesuffix(".csv")


def schema(name: str, columns: list[str]) -> dict:
    """One table's Table Schema: typed, described fields, and its keys where it has them."""
    meta = COLUMN_META | TABLE_COLUMN_META.get(name, {})
    required = set(PRIMARY_KEYS.get(name, ())) | set(REQUIRED.get(name, ()))
    fields = []
    for col in columns:
        ftype, desc = meta.get(col, ("string", col.replace("_", " ").capitalize() + "."))
        if col in LIST_COLUMNS.get(name, ()):
            ftype, desc = "array", f"{desc.rstrip('.')} (a JSON array)."
        field = {"name": col, "type": ftype, "description": desc}
        fields.append(field | ({"constraints": {"required": True}} if col in required else {}))
    out: dict = {"fields": fields}
    if name in PRIMARY_KEYS:
        out["primaryKey"] = PRIMARY_KEYS[name]
    if name in FOREIGN_KEYS:
        # Lists, not bare strings: the one form every Frictionless version reads alike.
        out["foreignKeys"] = [
            {"fields": [col], "reference": {"resource": _name(table), "fields": [ref]}}
            for col, table, ref in FOREIGN_KEYS[name]
        ]
    return out


def build(fb: FactBase) -> str:
    resources = []
    for name, (_, columns, description) in TABLES.items():
        if name in METHODS:
            description += " Method: " + " ".join(METHODS[name].split())
        resources.append(
            {
                "name": _name(name),
                "path": name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": description,
                "schema": schema(name, columns),
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
