"""Unit tests of the analysis modules on the two-country fixture (no Snakemake)."""

from __future__ import annotations

import json

import pytest

from conftest import FIXTURES
from digidip.analysis import comparison, figspecs, figures, profile
from digidip.analysis.numbers import num
from digidip.facts.validate import load_factbase
from digidip.render import profile_html
from digidip.tidy import tables as tidy
from digidip.tidy.read import read_tables
from digidip.tidy.slices import country_slice


@pytest.fixture(scope="module")
def fb():
    return load_factbase(FIXTURES / "mini" / "raw")


@pytest.fixture(scope="module")
def tables(fb, tmp_path_factory):
    out = tmp_path_factory.mktemp("tidy")
    for name, text in tidy.build_tables(fb, tidy.selected(fb, [])).items():
        (out / name).write_text(text, encoding="utf-8")
    return read_tables(out)


def test_latest_prefers_official_series_and_skips_placeholders(tables):
    cell = comparison.latest(tables, "ISL", "internet_users_pct")
    assert (cell["value"], cell["year"], cell["source"]) == (97.25, 2021, "fixture-series")
    in_2020 = comparison.latest(tables, "ISL", "internet_users_pct", year=2020)
    assert (in_2020["value"], in_2020["source"]) == (95.5, "fixture-series")  # official beats the article's 90
    assert comparison.latest(tables, "MLT", "egdi") is None


def test_key_table_carries_tagged_strategy_and_launch(tables):
    rows = {r["country"]: r for r in comparison.key_table(tables)}
    assert rows["ISL"]["strategy"]["period"] == "2019–2024"
    assert rows["ISL"]["egov_launch"]["date"] == "2010"
    assert rows["MLT"]["strategy"] is None
    assert rows["ISL"]["egdi_rank_latest"]["text"] == "5 of 193"


def test_findings_compute_ranks_moves_and_gaps(tables):
    f = comparison.findings(tables)
    assert f["edition"] == 2022 and f["best"]["country"] == "ISL" and f["worst"]["country"] == "MLT"
    moves = {m["country"]: m["gain"] for m in f["moves"]}
    assert moves == {"ISL": 7, "MLT": -11}
    assert f["internet_high"]["country"] == "ISL" and f["internet_low"]["country"] == "MLT"
    assert f["goal_most"]["countries"] == 1 and f["goals_uncoded"] == []
    assert f["quality_counts"] == {"disagreement": 1}


def test_goal_matrix_counts_distinct_evidence(tables):
    m = comparison.goal_matrix(tables)
    assert m.loc["public-diplomacy", "ISL"] == 1 and m.loc["public-diplomacy", "MLT"] == 0
    assert list(m.index) == ["public-diplomacy", "policy-planning"]  # curated order kept


@pytest.mark.parametrize("name", sorted(figspecs.SPECS))
def test_every_figure_draws_deterministic_svg(tables, name):
    first = figures.draw(name, tables, top_n=8)
    assert first.startswith(b"<?xml") and b"<svg" in first
    assert b"<dc:date>" not in first  # no creation date
    assert figures.draw(name, tables, top_n=8) == first


def test_figures_stay_within_top_n(tables):
    svg_all = figures.draw("egdi_rank", tables, top_n=8)
    svg_one = figures.draw("egdi_rank", tables, top_n=1)
    assert svg_one != svg_all and len(svg_one) < len(svg_all)


def test_profile_gaps_and_key_figures(fb, tmp_path):
    path = tmp_path / "ISL.json"
    path.write_text(country_slice(fb, "ISL"))
    p = profile.load(path)
    rows = {r["indicator"]["id"]: r for r in profile.key_figures(p)}
    assert rows["internet_users_pct"]["obs"]["value"] == 97.25
    assert [o["value"] for o in rows["internet_users_pct"]["stated"]] == [90]
    gaps = " ".join(profile.gaps(p))
    assert "1 of 2 goals: Policy planning" in gaps and "ends in 2021" in gaps
    html = profile_html.key_figures_html(p)
    assert 'href="../report.html#fact-ISL-internet-2020-article"' in html
    data = json.loads(path.read_text())
    assert data["source_numbers"] == {"fixture-article": 1, "fixture-series": 2}


@pytest.mark.parametrize(
    "value, kind, text",
    [
        (92.8785, "percent", "92.9"),
        (0.90093, "index", "0.901"),
        (24, "rank", "24"),
        (600000, "amount", "600 000"),
        (126.706, "count", "126.7"),
    ],
)
def test_numbers_are_rounded_by_kind(value, kind, text):
    assert num(value, kind) == text.replace(" ", "\u2009")
