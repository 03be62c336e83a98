"""The data behind each figure: the CSV of a figure holds exactly the values it draws.

Each figure is drawn from the committed tidy tables (the real six countries); the values are
then read back from the drawn matplotlib artists (lines, dots, bars, bands, the heat map) and
compared with the rows the drawer recorded for its CSV. The record is not trusted: a value
drawn and not recorded, or recorded and not drawn, fails.
"""

from __future__ import annotations

import csv
import io
import math
from collections import Counter

import matplotlib.pyplot as plt
import pytest
from matplotlib.collections import LineCollection, PathCollection, PolyCollection
from matplotlib.image import AxesImage
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from conftest import ROOT
from digidip.analysis import figdata, figspecs, figures
from digidip.tidy.read import read_tables

TOP_N = 8


@pytest.fixture(scope="module")
def tables():
    return read_tables(ROOT / "data" / "tidy")


def _r(v: float) -> float:
    return round(float(v), 9)


def drawn_values(fig: plt.Figure, name: str) -> Counter:
    """The values a figure draws, read from its artists in data coordinates (axis lines, spans
    and the legend are drawn in other coordinates and are left out)."""
    out: Counter = Counter()
    for ax in fig.axes:
        for line in ax.lines:
            if line.get_transform() != ax.transData:
                continue
            x, y = line.get_xdata(), line.get_ydata()
            # On the pillars' bar chart a line is the tick of a zero: its value is on the x axis.
            values = x if name == "gci_pillars" else y
            out.update(_r(v) for v in values if v is not None and not math.isnan(float(v)))
        for coll in ax.collections:
            if isinstance(coll, PathCollection):
                out.update(_r(y) for _, y in coll.get_offsets())
            elif isinstance(coll, LineCollection):  # vlines (pillars' median) or hlines (EGDI medians)
                axis = 0 if name == "gci_pillars" else 1
                out.update(_r(seg[0][axis]) for seg in coll.get_segments() if not math.isnan(seg[0][axis]))
            elif isinstance(coll, PolyCollection):  # the band between two series: each vertex once
                out.update({_r(y) for path in coll.get_paths() for _, y in path.vertices})
        if name == "gci_pillars":
            out.update(_r(p.get_width()) for p in ax.patches if isinstance(p, Rectangle))
        for image in ax.get_images():
            if isinstance(image, AxesImage):
                out.update(_r(v) for v in image.get_array().ravel())
    return out


def recorded(rec: figdata.Plotted, name: str) -> Counter:
    rows = [r for r in rec.rows if r["value"] is not None]
    if name == "goals_matrix":  # colour shows the strong evidence; the weak is in the cells' text
        rows = [r for r in rows if r["mark"] == "strong evidence"]
    if name == "gci_pillars":  # a zero is a bar of width zero and its tick
        rows = rows + [r for r in rows if r["mark"] == "zero"]
    if name == "internet_peers":  # the band: the quartiles, each value once
        band = {_r(r["value"]) for r in rows if "quartile" in r["series"]}
        rows = [r for r in rows if "quartile" not in r["series"]]
        return Counter(_r(r["value"]) for r in rows) + Counter(band)
    return Counter(_r(r["value"]) for r in rows)


#: The maps' CSVs are compared with the fills they draw in tests/test_maps.py (and below, as published).
@pytest.mark.parametrize("name", [n for n in sorted(figspecs.SPECS) if n != "timeline" and n not in figspecs.MAPS])
def test_each_csv_holds_the_drawn_values(tables, name):
    fig, rec = figures.draw_figure(name, tables, TOP_N)
    try:
        drawn = drawn_values(fig, name)
    finally:
        plt.close(fig)
    want = recorded(rec, name)
    if name == "internet_peers":  # a band shared by every panel: compared as a set
        assert set(drawn) == set(want)
    else:
        assert drawn == want, (drawn - want, want - drawn)
    assert rec.rows, f"{name} records nothing"


def test_timeline_csv_holds_every_dated_mark(tables):
    fig, rec = figures.draw_figure("timeline", tables, TOP_N)
    try:
        (ax,) = fig.axes
        xs = sorted(_r(x) for c in ax.collections if isinstance(c, PathCollection) for x, _ in c.get_offsets())
    finally:
        plt.close(fig)
    from digidip.analysis.plotting import point_year

    dated = sorted(_r(point_year(r["year"])) for r in rec.rows if r["unit"] == "date")
    assert xs == dated and xs


def test_csv_columns_and_edition(tables):
    fig, rec = figures.draw_figure("gci_pillars", tables, TOP_N)
    plt.close(fig)
    text = rec.csv("gci_pillars", figdata.edition(tables))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(figdata.COLUMNS)
    assert {r["edition"] for r in rows} == {figdata.edition(tables)}
    assert all(r["unit"] == "score (0-20)" and r["source"] for r in rows)


def test_a_measured_zero_is_drawn_and_labelled(tables):
    """Tajikistan's technical and cooperation pillars are 0: each gets a tick and a "0";
    a missing pillar would read "no data"."""
    fig, rec = figures.draw_figure("gci_pillars", tables, TOP_N)
    try:
        (ax,) = fig.axes
        ticks = [line for line in ax.lines if line.get_transform() == ax.transData]
        zeros = [t for t in ax.texts if isinstance(t, Text) and t.get_text() == "0"]
        missing = [t for t in ax.texts if t.get_text() == "no data"]
    finally:
        plt.close(fig)
    tjk = {r["indicator"]: r for r in rec.rows if r["series"] == "TJK"}
    assert tjk["itu_gci_technical"]["value"] == 0 and tjk["itu_gci_technical"]["mark"] == "zero"
    assert tjk["itu_gci_cooperation"]["value"] == 0 and tjk["itu_gci_cooperation"]["mark"] == "zero"
    n_zero = sum(r["mark"] == "zero" for r in rec.rows)
    assert n_zero >= 2 and len(ticks) == n_zero and len(zeros) == n_zero
    assert len(missing) == sum(r["mark"] == "missing" for r in rec.rows)


def test_missing_pillar_reads_no_data(tables):
    """A country without a score gets the words, not a zero."""
    obs = tables.observations
    tables.observations = obs[~((obs["country"] == "KAZ") & (obs["indicator"] == "itu_gci_legal"))]
    try:
        fig, rec = figures.draw_figure("gci_pillars", tables, TOP_N)
        texts = [t.get_text() for t in fig.axes[0].texts]
        plt.close(fig)
    finally:
        tables.observations = obs
    kaz = {r["indicator"]: r for r in rec.rows if r["series"] == "KAZ"}
    assert kaz["itu_gci_legal"]["value"] is None and kaz["itu_gci_legal"]["mark"] == "missing"
    assert texts.count("no data") == 1


def test_line_charts_name_their_lines_at_the_ends(tables):
    for name in ("egdi_rank", "internet_use"):
        fig, _ = figures.draw_figure(name, tables, TOP_N)
        (ax,) = fig.axes
        labels = {t.get_text() for t in ax.texts}
        plt.close(fig)
        assert set(tables.countries["name"]) <= labels, name


@pytest.mark.workflow
def test_every_figure_links_its_data_published_beside_the_report(mini_build):
    """Each figure's Data link leads, from the published folder and offline, to its CSV; the
    CSVs are in the manifest and in the figures' data package."""
    import json
    import re

    reports = mini_build / "reports"
    html = (reports / "report.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="(figures/[a-z_]+\.csv)" type="text/csv">Data</a>', html)
    assert sorted(links) == sorted(f"figures/{n}.csv" for n in figspecs.SPECS)
    listed = json.loads((reports / "manifest.json").read_text(encoding="utf-8"))["files"]
    package = json.loads((reports / "figures" / "datapackage.json").read_text(encoding="utf-8"))
    report_figures = {r["path"] for r in package["resources"] if not r["path"].startswith("countries/")}
    assert report_figures == {link.removeprefix("figures/") for link in links}
    assert "reports/figures/datapackage.json" in listed
    for link in links:
        rows = list(csv.DictReader(io.StringIO((reports / link).read_text(encoding="utf-8"))))
        assert f"reports/{link}" in listed and rows, link
        assert {r["edition"] for r in rows} == {package["version"]}


def test_component_panels_name_their_lines_at_the_ends(tables):
    fig, _ = figures.draw_figure("egdi_components", tables, TOP_N)
    try:
        panels = [ax for ax in fig.axes if ax.get_visible()]
        names = [{t.get_text() for t in ax.texts} for ax in panels]
    finally:
        plt.close(fig)
    assert len(panels) == len(tables.countries)
    assert all(n == {"Online", "Human", "Telecom"} for n in names), names


@pytest.fixture(scope="module")
def outlines():
    from digidip.official import geometry, snapshots

    snaps, problems = snapshots.read_dataset(ROOT / "data/snapshots/naturalearth/admin0-countries-110m", ROOT)
    assert problems == []
    return figures.MapInput(geometry.outlines(snaps[0]), None, geometry.names(snaps[0]))


@pytest.mark.parametrize("name", figspecs.MAPS)
def test_the_published_map_csvs_are_what_the_maps_draw(tables, outlines, name):
    """Drawn again from the committed tables and outlines, each map records exactly the rows
    its published CSV holds, and every state it fills is in the CSV with that fill."""
    from test_maps import drawn_fills, recorded_fills

    fig, rec = figures.draw_figure(name, tables, TOP_N, outlines)
    try:
        drawn = drawn_fills(fig)
    finally:
        plt.close(fig)
    assert {c: {g} for c, g in recorded_fills(rec).items()} == drawn
    published = (ROOT / "reports" / "figures" / f"{name}.csv").read_text(encoding="utf-8")
    assert rec.csv(name, figdata.edition(tables)) == published


def test_internet_peer_panels_name_their_lines_at_the_ends(tables):
    """Each panel names its three lines beside the plot, at the height each line ends (labels
    closer than a line of text are spread apart, so within a few lines' height)."""
    from digidip.analysis.world_figures import PEER_SHORT

    fig, _ = figures.draw_figure("internet_peers", tables, TOP_N)
    try:
        panels = [ax for ax in fig.axes if ax.get_visible() and ax.lines]
        names = dict(zip(tables.countries["country"], tables.countries["name"], strict=True))
        assert len(panels) == len(names)
        for ax, iso3 in zip(panels, names, strict=True):
            labels = {t.get_text(): t for t in ax.texts}
            assert set(labels) == {names[iso3], *PEER_SHORT.values()}, labels
            lo, hi = ax.get_ylim()
            ends = {}
            for line in ax.lines:
                if line.get_transform() != ax.transData:
                    continue
                y = [v for v in line.get_ydata() if not math.isnan(float(v))]
                text = {"The country": names[iso3], "Median of its UN region": PEER_SHORT["region"]}.get(
                    line.get_label(), PEER_SHORT["income"]
                )
                ends[text] = (y[-1] - lo) / (hi - lo)
            for text, t in labels.items():
                x, y = t.get_position()
                assert t.get_transform() == ax.transAxes and x > 1.0, text  # right of the plot
                assert abs(y - ends[text]) < 0.3, (iso3, text, y, ends[text])
    finally:
        plt.close(fig)


@pytest.mark.workflow
def test_country_pages_link_the_data_of_their_timelines(mini_build):
    """Each country page's timeline has a Data link to a CSV beside the report's figures'
    data, holding exactly what the page's timeline draws, listed in the manifest and package."""
    import json

    from digidip.analysis import profile

    reports = mini_build / "reports"
    listed = json.loads((reports / "manifest.json").read_text(encoding="utf-8"))["files"]
    package = json.loads((reports / "figures" / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["path"] for r in package["resources"]}
    for iso3 in ("ISL", "MLT"):
        page = (reports / "countries" / f"{iso3}.html").read_text(encoding="utf-8")
        link = f"../figures/countries/{iso3}-timeline.csv"
        assert f'<a href="{link}" type="text/csv">Data</a>' in page
        csv_path = (reports / "countries" / link).resolve()
        assert f"reports/figures/countries/{iso3}-timeline.csv" in listed
        assert f"countries/{iso3}-timeline.csv" in paths
        slice_ = profile.load(mini_build / "data" / "interim" / "countries" / f"{iso3}.json")
        assert csv_path.read_text(encoding="utf-8") == profile.timeline_csv(slice_, package["version"])
        rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
        assert rows and {r["country"] for r in rows} == {iso3}
    report = (reports / "report.html").read_text(encoding="utf-8")
    assert 'href="figures/countries/ISL-timeline.csv"' in report  # the profile in the report links it too
