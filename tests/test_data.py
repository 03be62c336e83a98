"""The real fact base: every file validates, every reference resolves, disagreements are recorded."""

from __future__ import annotations

import pytest

from conftest import ROOT, tidy_input
from digidip.facts.schemas import validator
from digidip.facts.yamlio import load_yaml

RAW = ROOT / "data" / "raw"
FILES = sorted(RAW.rglob("*.yaml"))
SCHEMA_FOR = {
    "sources.yaml": "sources",
    "indicators.yaml": "indicators",
    "frameworks.yaml": "frameworks",
    "context.yaml": "context",
    "quality.yaml": "quality",
    "country-names.yaml": "country-names",
    "un-membership.yaml": "un-membership",
    "stated-values.yaml": "stated-values",
}


def schema_of(path):
    if path.parent.name == "countries":
        return "country"
    return SCHEMA_FOR[path.name]


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(RAW)))
def test_file_matches_its_schema(path):
    """Read as the workflow reads it (the strict loader: dates stay text, no duplicate keys)."""
    doc, problems = load_yaml(path)
    assert problems == [] and doc is not None
    errors = list(validator(schema_of(path)).iter_errors(doc))
    assert not errors, "\n".join(e.message for e in errors)


@pytest.fixture(scope="module")
def src(tmp_path_factory):
    return tidy_input(RAW, tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")
def fb(src):
    return src.fb


@pytest.fixture(scope="module")
def official(src):
    return {
        (o["country"], o["indicator"], o["year"]): o for o in src.official.observations if o["entity_kind"] == "country"
    }


def test_whole_fact_base_is_consistent(fb):
    assert set(fb.countries) >= {"KAZ", "KGZ", "TJK", "TKM", "UZB", "UKR"}


def test_every_fact_cites_a_known_source_and_a_locator(fb):
    for fid, fact in fb.facts_by_id().items():
        assert fact["source"] in fb.sources, fid
        assert fact["locator"].strip(), fid


def test_official_series_cover_egdi_and_internet_use_for_all_six(official):
    editions = (2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024)
    for iso3 in ("KAZ", "KGZ", "TJK", "TKM", "UZB", "UKR"):
        for year in editions:
            assert (iso3, "egdi_rank", year) in official and (iso3, "egdi", year) in official
        assert sum(1 for c, i, _ in official if c == iso3 and i == "internet_users_pct") >= 15


def test_article_figures_agree_with_official_series_or_are_in_the_quality_record(fb, official):
    """Each article value with an official counterpart either matches it or is recorded."""
    recorded = {f for q in fb.quality for f in q["facts"]}
    checked = 0
    for iso3, doc in fb.countries.items():
        for obs in doc["observations"]:
            ref = official.get((iso3, obs["indicator"], obs["year"]))
            if ref is None:
                continue
            checked += 1
            if abs(float(ref["value"]) - float(obs["value"])) > 1e-9:
                assert obs["id"] in recorded, (
                    f"{obs['id']} = {obs['value']} disagrees with {ref['fact_id']} = {ref['value']} and is not in quality.yaml"
                )
    assert checked >= 5


def test_every_inferred_date_is_explained(fb):
    recorded = {f for q in fb.quality for f in q["facts"]}
    for iso3, doc in fb.countries.items():
        for ev in doc["events"]:
            if ev.get("dating") == "inferred":
                assert ev.get("note") or ev["id"] in recorded, f"{iso3} {ev['id']}: inferred date without a note"


def test_goal_coding_has_evidence_for_every_cell(fb, official):
    goals = {g["id"] for g in fb.goals}
    assert len(goals) == 8
    assert len(fb.directions) == 5
    facts = set(fb.facts_by_id()) | {o["fact_id"] for o in official.values()}
    for doc in fb.countries.values():
        for p in doc["practices"]:
            assert p["goal"] in goals and p["evidence"] and all(e in facts for e in p["evidence"])
