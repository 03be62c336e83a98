"""The published tidy tables: each one's rows, columns and description, written as deterministic CSV.

Curated rows come from ``curated`` (what researchers recorded), official ones from
``world`` (the extracted publishers' files); ``TABLES`` lists them in the order the data
package describes them.
"""

from __future__ import annotations

from ..common.csvtext import to_csv
from . import world
from .curated import (
    AMOUNT_COLUMNS,
    CONTEXT_COLUMNS,
    EVENT_COLUMNS,
    GOAL_COLUMNS,
    INDICATOR_COLUMNS,
    OBSERVATION_COLUMNS,
    PARTNER_COLUMNS,
    PRACTICE_COLUMNS,
    QUALITY_COLUMNS,
    SOURCE_COLUMNS,
    amount_rows,
    context_rows,
    curated_observation_rows,
    event_rows,
    framework_rows,
    indicator_rows,
    partner_rows,
    practice_rows,
    quality_rows,
    source_rows,
)
from .inputs import TidyInput

#: Columns holding lists (written as JSON arrays; the data package types them "array").
LIST_COLUMNS = {
    "events.csv": ("tags", "roles"),
    "context.csv": ("actors", "countries"),
    "practices.csv": ("evidence",),
    "quality.csv": ("countries", "facts", "sources", "locators"),
    "frameworks.csv": ("source", "locator"),
    "sources.csv": ("authors", "language"),
}

#: Primary keys (file name -> columns): a fact's amounts and partners are told apart by their position.
# classifications.csv has none: a key column may not be empty, and a group that does not
# change has no year (tests/test_regions.py checks that country, classification and year are unique).
PRIMARY_KEYS = {
    "events.csv": ["fact_id"],
    "context.csv": ["fact_id"],
    "amounts.csv": ["fact_id", "position"],
    "partners.csv": ["fact_id", "position"],
    "egdi-groups.csv": ["country", "year"],
    "changes.csv": ["country", "indicator", "year"],
}

#: Foreign keys (file name -> [(column, referenced file, its column)]): every amount and
#: partner belongs to a fact the published tables hold.
FOREIGN_KEYS = {
    "amounts.csv": [("event_id", "events.csv", "fact_id"), ("context_id", "context.csv", "fact_id")],
    "partners.csv": [("fact_id", "events.csv", "fact_id")],
}


def observation_rows(src: TidyInput) -> list[dict]:
    rows = curated_observation_rows(src) + world.official_observation_rows(src)
    rows.sort(key=lambda r: (r["country"], r["indicator"], r["year"], r["source"], r["fact_id"]))
    return rows


#: Published tidy tables: file name -> (row builder, columns, description).
TABLES = {
    "countries.csv": (
        world.country_rows,
        world.COUNTRY_COLUMNS,
        "Every UN member state and every country this edition profiles: name, region, UN (M49) region and sub-region, World Bank region and income group at the WDI download, and the raw file of its curated facts.",
    ),
    "classifications.csv": (
        world.classification_rows,
        world.CLASSIFICATION_COLUMNS,
        "The groups each UN member and profiled country belongs to, each traced to its file and cell: UN (M49) region and sub-region, World Bank region, and the World Bank income group of every year (the classification in force on 1 July of the year: fiscal year year+1, from GNI per capita of year-1).",
    ),
    "observations.csv": (
        observation_rows,
        OBSERVATION_COLUMNS,
        "Numeric observations, one per country, indicator, year and source: curated facts and every official series of the profiled countries, and the EGDI and its rank for every UN member.",
    ),
    "events.csv": (
        event_rows,
        EVENT_COLUMNS,
        "Dated facts per country: strategies, programmes, laws, agreements, diplomatic actions (their amounts are in amounts.csv, their partners in partners.csv).",
    ),
    "practices.csv": (
        practice_rows,
        PRACTICE_COLUMNS,
        "Each country's documented practices coded against the eight goals of digital diplomacy, with evidence.",
    ),
    "context.csv": (
        context_rows,
        CONTEXT_COLUMNS,
        "Regional programmes and international examples cited by the articles (their amounts are in amounts.csv).",
    ),
    "amounts.csv": (
        amount_rows,
        AMOUNT_COLUMNS,
        "Money amounts and counts the sources state for a dated fact or a context fact, one a row, as numbers.",
    ),
    "partners.csv": (
        partner_rows,
        PARTNER_COLUMNS,
        "Organisations and states a dated fact names as involved, one a row.",
    ),
    "quality.csv": (
        quality_rows,
        QUALITY_COLUMNS,
        "Data-quality record: disagreements, doubts and inferred dates, with the facts involved.",
    ),
    "sources.csv": (source_rows, SOURCE_COLUMNS, "Bibliography: every source a fact cites."),
    "indicators.csv": (indicator_rows, INDICATOR_COLUMNS, "Indicator dictionary."),
    "frameworks.csv": (
        framework_rows,
        GOAL_COLUMNS,
        "The eight goals of digital diplomacy and the five directions of practice.",
    ),
    "egdi-groups.csv": (
        world.egdi_group_rows,
        world.GROUP_COLUMNS,
        "The UN E-Government Survey's EGDI group (Very High, High, Middle, Low) of every state in observations.csv and every edition, computed from its EGDI, with the group's bounds and the value's fact id; empty where the Survey had no groups yet or the value is a placeholder (no_group says which).",
    ),
    "changes.csv": (
        world.change_rows,
        world.CHANGE_COLUMNS,
        "Every official value in observations.csv beside the previous real value of the same state and indicator (the previous survey edition, or the previous year with a value of an annual series): the change, for ranks the places moved, for the EGDI the previous group and whether it changed.",
    ),
    "benchmarks.csv": (
        world.benchmark_rows,
        world.BENCHMARK_COLUMNS,
        "Where countries stand among the UN member states, per indicator and year: world median and quartiles, medians of UN regions and sub-regions, World Bank regions and income groups of that year (computed over the states that were members then, placeholders left out), the profiled countries' percentiles, and the publishers' own aggregates.",
    ),
    "snapshots.csv": (
        world.snapshot_rows,
        world.SNAPSHOT_COLUMNS,
        "The copies of the publishers' files the official series are extracted from: the publisher, licence, which public copy we hold (repository@commit:path), what its maker changed, how it was checked, and its sha256.",
    ),
    "crosscheck.csv": (
        world.agreement_rows,
        world.AGREEMENT_COLUMNS,
        "Independent copies of the official files (data/crosscheck/), and values published pages state (crosscheck-stated.csv), compared with the snapshots: per edition, indicator and copy (a page: its source id), the values compared, agreeing and differing.",
    ),
    "crosscheck-differences.csv": (
        world.difference_rows,
        world.DIFFERENCE_COLUMNS,
        "Every value an independent copy or a published page gives otherwise than our snapshot (a blank is empty), with the data-quality item that records the decision on it.",
    ),
    "crosscheck-stated.csv": (
        world.stated_rows,
        world.STATED_COLUMNS,
        "Values of the UN survey as independent published pages state them (data/raw/stated-values.yaml), each beside the snapshot's value of the same edition and compared at the precision the page writes it.",
    ),
}


def build_tables(src: TidyInput) -> dict[str, str]:
    """Every tidy table as CSV text, by file name."""
    return {name: to_csv(builder(src), columns) for name, (builder, columns, _) in TABLES.items()}
