"""Rows of the tables built from the official statistics: countries, observations, benchmarks, snapshots.

The published edition carries every official series of the profiled countries, and for
every other UN member the EGDI and its rank (so the report can place the profiled
countries among all members); the extraction tables in data/interim/official/ keep the rest.
"""

from __future__ import annotations

from ..official import benchmarks, crosscheck, stated
from ..official.names import display_name
from .curated import OBSERVATION_COLUMNS
from .inputs import TidyInput

#: Official indicators published for every UN member, not only the profiled countries.
WORLD_INDICATORS = ("egdi", "egdi_rank")
COUNTRY_COLUMNS = [
    "country",
    "name",
    "region",
    "wdi_region",
    "wdi_income_group",
    "un_member",
    "profiled",
    "synthetic",
    "source_file",
]
BENCHMARK_COLUMNS = benchmarks.COLUMNS
AGREEMENT_COLUMNS = crosscheck.AGREEMENT_COLUMNS
DIFFERENCE_COLUMNS = crosscheck.DIFFERENCE_COLUMNS
STATED_COLUMNS = stated.STATED_COLUMNS
SNAPSHOT_COLUMNS = [
    "file",
    "source",
    "producer",
    "title",
    "published",
    "url",
    "licence",
    "licence_url",
    "citation",
    "copied_from",
    "changes_by_copier",
    "checked",
    "sha256",
    "bytes",
]


def country_rows(src: TidyInput) -> list[dict]:
    """Every UN member and every profiled country, with its groups and whether this edition profiles it."""
    members = set(src.official.members())
    classes = src.official.classifications()
    rows = []
    for iso3 in sorted(members | set(src.countries)):
        profiled = iso3 in src.countries
        doc = src.country(iso3)["country"] if profiled else {"name": display_name(iso3)}
        groups = classes.get(iso3, {})
        rows.append(
            {
                "country": iso3,
                "name": doc["name"],
                "region": doc.get("region") or groups.get("wdi_region"),
                "wdi_region": groups.get("wdi_region"),
                "wdi_income_group": groups.get("wdi_income_group"),
                "un_member": iso3 in members,
                "profiled": profiled,
                "synthetic": bool(doc.get("synthetic", False)),
                "source_file": src.fb.countries[iso3]["file"] if iso3 in src.fb.countries else None,
            }
        )
    return rows


def official_observation_rows(src: TidyInput) -> list[dict]:
    profiled, members = set(src.countries), set(src.official.members())
    rows = []
    for r in src.official.observations:
        iso3 = r["country"]
        if r["entity_kind"] != "country":
            continue
        if iso3 in profiled or (iso3 in members and r["indicator"] in WORLD_INDICATORS):
            unit = src.fb.indicators[r["indicator"]]["unit"]
            rows.append({**{c: r.get(c) for c in OBSERVATION_COLUMNS}, "unit": unit, "note": None})
    return rows


def benchmark_rows(src: TidyInput) -> list[dict]:
    """Group statistics for every indicator and year; percentiles of the profiled countries."""
    profiled = set(src.countries)
    return [b for b in src.official.benchmarks if b["scope"] != "country" or b["group"] in profiled]


def snapshot_rows(src: TidyInput) -> list[dict]:
    rows = []
    for m in src.snapshots:
        copied = m["copied_from"]
        rows.append(
            {
                "file": m["path"],
                "source": m["extract"]["source"],
                **{
                    k: m[k]
                    for k in (
                        "producer",
                        "title",
                        "published",
                        "url",
                        "citation",
                        "changes_by_copier",
                        "checked",
                        "sha256",
                        "bytes",
                    )
                },
                "licence": m["licence"]["name"],
                "licence_url": m["licence"]["url"],
                "copied_from": f"{copied['repository']}@{copied['commit']}:{copied['path']}",
            }
        )
    return sorted(rows, key=lambda r: r["file"])


def agreement_rows(src: TidyInput) -> list[dict]:
    """Per edition, indicator and independent copy (or page stating values): values compared,
    agreeing and differing."""
    rows = src.crosscheck.get("agreement", [])
    return sorted(rows, key=lambda r: (r["edition"], r["indicator"], r["copy"]))


def difference_rows(src: TidyInput) -> list[dict]:
    """Every value an independent copy or a page gives otherwise, with the quality item deciding it."""
    rows = src.crosscheck.get("differences", [])
    return sorted(rows, key=lambda r: (r["edition"], r["country"] or "", r["indicator"], r["copy"]))


def stated_rows(src: TidyInput) -> list[dict]:
    """Every value a published page states, beside the snapshot's, and whether they agree."""
    rows = src.crosscheck.get("stated", [])
    return sorted(
        rows, key=lambda r: (r["edition"], r["country"] or "~", r["indicator"], r["group"] or "", r["source"])
    )
