"""Unit tests of the analysis modules on the two-country fixture (no Snakemake).

The fixture's curated facts are made up; its official series are the project's real
snapshots, so expected official values are read here straight from the publishers' files.
"""

from __future__ import annotations

import json

import matplotlib.pyplot as plt
import pytest

from conftest import FIXTURES, NAMES, ROOT, SNAPSHOTS, egdi_rank, tidy_input, wdi_internet
from digidip.analysis import comparison, components, figspecs, figures, palette, profile
from digidip.analysis.comparison import FIRST_EGDI_EDITION
from digidip.analysis.findings import findings
from digidip.analysis.numbers import num
from digidip.official import geometry, snapshots
from digidip.render import profile_html
from digidip.tidy import tables as tidy
from digidip.tidy.read import read_tables
from digidip.tidy.slices import country_slice


@pytest.fixture(scope="module")
def src(tmp_path_factory):
    return tidy_input(FIXTURES / "mini" / "raw", tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")
def tables(src, tmp_path_factory):
    out = tmp_path_factory.mktemp("tidy")
    for name, text in tidy.build_tables(src).items():
        (out / name).write_text(text, encoding="utf-8")
    return read_tables(out)


def test_latest_prefers_official_series_and_skips_placeholders(tables):
    net = wdi_internet("ISL")
    cell = comparison.latest(tables, "ISL", "internet_users_pct")
    assert (cell["value"], cell["year"], cell["source"]) == (net[max(net)], max(net), "worldbank-wdi-internet")
    in_2020 = comparison.latest(tables, "ISL", "internet_users_pct", year=2020)
    assert (in_2020["value"], in_2020["source"]) == (net[2020], "worldbank-wdi-internet")  # beats the article's 90
    assert comparison.latest(tables, "MLT", "social_media_users_pct") is None


def test_key_table_carries_tagged_strategy_and_launch(tables):
    rows = {r["country"]: r for r in comparison.key_table(tables)}
    assert rows["ISL"]["strategy"]["period"] == "2019–2024"
    assert rows["ISL"]["egov_launch"]["date"] == "2010"
    assert rows["MLT"]["strategy"] is None
    assert rows["ISL"]["egdi_rank_latest"]["text"] == f"{egdi_rank('ISL', 2024)} of 193"


def test_findings_compute_ranks_moves_and_gaps(tables):
    f = findings(tables)
    ranks = {c: egdi_rank(c, 2024) for c in NAMES}
    best, worst = sorted(NAMES, key=ranks.get)
    assert f["edition"] == 2024 and [r["country"] for r in f["best"]] == [best]
    assert [r["country"] for r in f["worst"]] == [worst]
    moves = {m["country"]: m["gain"] for m in f["moves"]}
    assert moves == {c: egdi_rank(c, FIRST_EGDI_EDITION) - ranks[c] for c in NAMES}
    net = {c: wdi_internet(c) for c in NAMES}
    common = max(set(net["ISL"]) & set(net["MLT"]))
    assert f["common_year"] == common
    assert [r["country"] for r in f["high"]] == [max(NAMES, key=lambda c: net[c][common])]
    assert [r["country"] for r in f["low"]] == [min(NAMES, key=lambda c: net[c][common])]
    # Each goal is coded for one country, but only Iceland's code rests on a fact read in
    # full; Malta's rests on a reference title: listed apart, never a finding of its own.
    assert [(g["goal"], g["countries"]) for g in f["goal_most"]] == [("public-diplomacy", 1)]
    assert f["weak_only"] == [{"goal": "policy-planning", "country": "MLT", "facts": 1}]
    assert f["goals_uncoded"] == []
    assert f["quality_counts"] == {"disagreement": 1}


def test_goal_matrix_counts_distinct_evidence(tables):
    m = comparison.goal_matrix(tables)
    assert m.loc["public-diplomacy", "ISL"] == 1 and m.loc["public-diplomacy", "MLT"] == 0
    assert list(m.index) == ["public-diplomacy", "policy-planning"]  # curated order kept
    strong, weak = comparison.goal_matrix(tables, "strong"), comparison.goal_matrix(tables, "weak")
    assert (strong + weak).equals(m)
    assert (strong.loc["public-diplomacy", "ISL"], weak.loc["policy-planning", "MLT"]) == (1, 1)
    assert strong.loc["policy-planning", "MLT"] == 0


def test_the_goals_figure_shows_weak_evidence_apart(tables):
    """Malta's code rests on a reference title: its cell is hatched and its count bracketed."""
    svg = figures.draw("goals_matrix", tables, top_n=8).decode()
    assert "(1)" in svg and "weak evidence alone" in svg
    assert figures._cell_text(2, 0) == "2" and figures._cell_text(0, 3) == "(3)"
    assert figures._cell_text(1, 2) == "1 (+2)" and figures._cell_text(0, 0) == "–"


@pytest.fixture(scope="module")
def outlines():
    snaps, problems = snapshots.read_dataset(SNAPSHOTS / "naturalearth" / "admin0-countries-110m", ROOT)
    assert problems == []
    return figures.MapInput(geometry.outlines(snaps[0]))


@pytest.mark.parametrize("name", sorted(figspecs.SPECS))
def test_every_figure_draws_deterministic_svg(tables, outlines, name):
    first = figures.draw(name, tables, top_n=8, outlines=outlines)
    assert first.startswith(b"<?xml") and b"<svg" in first
    assert b"<dc:date>" not in first  # no creation date
    if name in figspecs.MAPS:
        assert b"<image" not in first  # vector: no part drawn as pixels
    assert figures.draw(name, tables, top_n=8, outlines=outlines) == first


def test_a_map_without_its_outlines_is_refused(tables):
    with pytest.raises(ValueError, match="outlines"):
        figures.draw("egdi_map", tables, top_n=8)


def palette_colours(svg: bytes) -> set[str]:
    """The country colours a figure uses (strokes and fills of the palette)."""
    text = svg.decode().lower()
    return {c for c in palette.PALETTE if c != "#000000" and c.lower() in text}  # black also draws axes


def test_figures_stay_within_top_n(tables):
    """With room for one country, one line in one colour; with room for both, two."""
    assert len(palette_colours(figures.draw("egdi_rank", tables, top_n=8))) == 2
    assert len(palette_colours(figures.draw("egdi_rank", tables, top_n=1))) == 1


def test_profile_gaps_and_key_figures(src, tmp_path):
    path = tmp_path / "ISL.json"
    path.write_text(country_slice(src, "ISL"))
    p = profile.load(path)
    rows = {r["indicator"]["id"]: r for r in profile.key_figures(p)}
    net = wdi_internet("ISL")
    assert rows["internet_users_pct"]["obs"]["value"] == net[max(net)]
    assert [o["value"] for o in rows["internet_users_pct"]["stated"]] == [90]
    gaps = " ".join(profile.gaps(p))
    assert "no practice for 1 of the 2 goals (Policy planning)" in gaps and f"ends in {max(net)}" in gaps
    html = profile_html.key_figures_html(p)
    assert 'href="../report.html#fact-ISL-internet-2020-article"' in html
    data = json.loads(path.read_text())
    assert list(data["source_numbers"]) == sorted(src.fb.sources) and data["source_numbers"]["fixture-article"] == 1


def test_a_profile_leads_each_value_with_its_change_and_names_the_weakest_component(src, tmp_path):
    path = tmp_path / "ISL.json"
    path.write_text(country_slice(src, "ISL"))
    p = profile.load(path)
    rows = {r["indicator"]["id"]: r for r in profile.key_figures(p)}
    net = wdi_internet("ISL")
    latest, before = sorted(net)[-1], sorted(net)[-2]
    ch = rows["internet_users_pct"]["change"]
    assert (ch["previous_year"], ch["previous_value"]) == (before, net[before])
    rank = rows["egdi_rank"]["change"]
    assert rank["rank_change"] == egdi_rank("ISL", rank["previous_year"]) - egdi_rank("ISL", 2024)
    assert latest == rows["internet_users_pct"]["obs"]["year"]
    w = profile.weakest_component(p)
    assert w["year"] == 2024 and w["rule"] == components.rule_text()
    html = profile_html.key_figures_html(p)
    assert "Since the previous edition or year" in html and w["words"] in html


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


def test_timeline_labels_keep_every_title_whole():
    """A long title wraps onto more lines; no label is cut short with an ellipsis."""
    from digidip.analysis.profile import timeline_labels

    long = "Programme for the development of the digital economy and of e-government services " * 2
    events = [{"report_title": long.strip()}, {"report_title": "Short law", "cited_only": True}]
    labels = timeline_labels(events)
    assert labels[0] == "Cited: Short law"
    assert " ".join(labels[1].split()) == long.strip() and "…" not in labels[1]
    assert max(len(line) for line in labels[1].splitlines()) <= 48


def test_a_profile_timelines_csv_holds_every_mark_it_draws(src, tmp_path):
    """Iceland's strategy: its period as a bar and its date as a dot, both rows of the CSV."""
    import csv
    import io

    from matplotlib.collections import PathCollection
    from matplotlib.patches import Rectangle

    from digidip.analysis import plotting

    path = tmp_path / "ISL.json"
    path.write_text(country_slice(src, "ISL"))
    p = profile.load(path)
    fig, rec = profile.timeline_figure(p)
    (ax,) = fig.axes
    dots = sorted(
        round(float(x), 9) for c in ax.collections if isinstance(c, PathCollection) for x, _ in c.get_offsets()
    )
    # The axes' patches are the bars (the legend's keys belong to the legend).
    bars = sorted((round(b.get_x(), 9), round(b.get_x() + b.get_width(), 9)) for b in ax.patches)
    assert all(isinstance(b, Rectangle) for b in ax.patches)
    plt.close(fig)
    text = profile.timeline_csv(p, "2025-07")
    assert rec.csv("ISL-timeline", "2025-07") == text
    rows = list(csv.DictReader(io.StringIO(text)))
    dated = sorted(round(plotting.point_year(r["year"]), 9) for r in rows if r["unit"] == "date")
    periods = sorted(
        (round(plotting.frac_year(a), 9), round(plotting.frac_year(b, end=True), 9))
        for a, b in (r["year"].split("/") for r in rows if r["unit"] == "period")
    )
    assert dots == dated and bars == periods and dots and bars
    assert {r["series"] for r in rows} == {"ISL-strategy"} and {r["edition"] for r in rows} == {"2025-07"}


def test_a_profile_draws_its_timeline_in_the_countrys_palette_colour():
    """One colour per country everywhere: Kazakhstan's timeline is in Kazakhstan's colour."""
    from matplotlib.colors import to_hex

    law = {"category": "law", "report_title": "A law", "date": "2021-11-30", "dating": "stated"}
    plan = {
        "category": "strategy",
        "report_title": "A plan",
        "date": "2019",
        "dating": "inferred",
        "period_start": "2019",
        "period_end": "2024",
    }
    p = profile.Profile({"country": {"iso3": "KAZ", "name": "Kazakhstan"}, "events": [law, plan]}, "")
    assert profile.colour(p) == palette.COUNTRY_COLOURS["KAZ"]
    fig, _ = profile.timeline_figure(p)
    (ax,) = fig.axes
    faces = {to_hex(c) for coll in ax.collections for c in coll.get_facecolors()} - {"#ffffff"}  # hollow
    edges = {to_hex(c) for coll in ax.collections for c in coll.get_edgecolors()}
    bars = {to_hex(b.get_facecolor()[:3]) for b in ax.patches}
    outlines = {to_hex(b.get_edgecolor()) for b in ax.patches}
    plt.close(fig)
    want = palette.COUNTRY_COLOURS["KAZ"].lower()
    assert faces == {want} and bars == {want}
    # Outlined in the dark ink, which every colour of the palette is seen against.
    assert edges == outlines == {palette.BENCHMARK.lower()}
