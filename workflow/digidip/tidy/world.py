"""Rows of the tables built from the official statistics: countries, observations, EGDI groups,
changes since the previous edition, benchmarks, snapshots.

The published edition carries every official series of the profiled countries, and for
every other UN member the EGDI and its rank (so the report can place the profiled
countries among all members); the extraction tables in data/interim/official/ keep the rest.
The EGDI groups and the changes cover the same values as the published observations.
"""

from __future__ import annotations

from ..official import benchmarks, changes, crosscheck, egdi_groups, stated
from ..official.names import display_name
from .curated import OBSERVATION_COLUMNS
from .inputs import TidyInput

#: Official indicators published for every UN member, not only the profiled countries.
WORLD_INDICATORS = ("egdi", "egdi_rank")
COUNTRY_COLUMNS = [
    "country",
    "name",
    "region",
    "un_region",
    "un_subregion",
    "wdi_region",
    "wdi_income_group",
    "un_member",
    "profiled",
    "synthetic",
    "source_file",
]
BENCHMARK_COLUMNS = benchmarks.COLUMNS
CLASSIFICATION_COLUMNS = ["country", "classification", "year", "value", "source", "locator"]
GROUP_COLUMNS = egdi_groups.COLUMNS
CHANGE_COLUMNS = changes.COLUMNS
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
                "region": doc.get("region") or groups.get("un_subregion"),
                "un_region": groups.get("un_region"),
                "un_subregion": groups.get("un_subregion"),
                "wdi_region": groups.get("wdi_region"),
                "wdi_income_group": groups.get("wdi_income_group"),
                "un_member": iso3 in members,
                "profiled": profiled,
                "synthetic": bool(doc.get("synthetic", False)),
                "source_file": src.fb.countries[iso3]["file"] if iso3 in src.fb.countries else None,
            }
        )
    return rows


def published_official(src: TidyInput) -> list[dict]:
    """The extracted official values of states that the edition publishes: every series of the
    profiled countries, the EGDI and its rank of every other UN member."""
    profiled, members = set(src.countries), set(src.official.members())
    return [
        r
        for r in src.official.observations
        if r["entity_kind"] == "country"
        and (r["country"] in profiled or (r["country"] in members and r["indicator"] in WORLD_INDICATORS))
    ]


def official_observation_rows(src: TidyInput) -> list[dict]:
    return [
        {**{c: r.get(c) for c in OBSERVATION_COLUMNS}, "unit": src.fb.indicators[r["indicator"]]["unit"], "note": None}
        for r in published_official(src)
    ]


def egdi_group_rows(src: TidyInput) -> list[dict]:
    """The EGDI group of every published state and edition (or why it has none)."""
    return egdi_groups.group_rows(published_official(src))


def change_rows(src: TidyInput) -> list[dict]:
    """Every published official value beside the previous real value of its series."""
    ranks = {i for i, ind in src.fb.indicators.items() if ind.get("kind") == "rank"}
    return changes.compute(published_official(src), ranks)


def classification_rows(src: TidyInput) -> list[dict]:
    """The groups of every UN member and profiled country, each with its file and cell; a
    classification set anew each year (the income group) has one row per year."""
    keep = set(src.official.members()) | set(src.countries)
    rows = [{c: g[c] for c in CLASSIFICATION_COLUMNS} for g in src.official.groups if g["country"] in keep]
    rows.sort(key=lambda r: (r["country"], r["classification"], r["year"] or 0))
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
