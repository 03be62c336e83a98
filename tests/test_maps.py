"""The maps (analysis/maps.py): each state filled by its own group, Crimea as Ukraine, readable in
grey; the CSV of each map holds exactly the fills it draws, for the latest edition or another."""

from __future__ import annotations

import io
from itertools import pairwise

import pandas as pd
import pytest
from matplotlib import rc_context
from matplotlib.colors import to_rgb

from conftest import ROOT, SNAPSHOTS
from digidip.analysis import maps, style
from digidip.analysis.figdata import Plotted
from digidip.official import geometry, snapshots

CRIMEA = (34.1, 44.95)


@pytest.fixture(scope="module")
def shapes():
    snaps, problems = snapshots.read_dataset(SNAPSHOTS / "naturalearth" / "admin0-countries-110m", ROOT)
    assert problems == []
    return geometry.outlines(snaps[0])


@pytest.fixture(scope="module")
def groups():
    return pd.read_csv(ROOT / "data" / "tidy" / "egdi-groups.csv", keep_default_na=False, na_values=[""])


FOCUS = {
    "KAZ": "Kazakhstan",
    "KGZ": "Kyrgyzstan",
    "TJK": "Tajikistan",
    "TKM": "Turkmenistan",
    "UKR": "Ukraine",
    "UZB": "Uzbekistan",
}


def _fills(fig) -> list[tuple]:
    """(face colour, hatch, path) of every filled patch of the map's axes (a state's part)."""
    return [(p.get_facecolor()[:3], p.get_hatch(), p.get_path()) for p in fig.axes[0].patches if p.get_fill()]


def drawn_fills(fig) -> dict[str, set[str]]:
    """Code -> how the map fills its outline, read from the drawn patches: the group whose
    grey it has, or "hatched"."""
    by_grey = {to_rgb(c): g for g, c in maps.CLASSES.items()}
    out: dict[str, set[str]] = {}
    for patch in fig.axes[0].patches:
        if not patch.get_fill():  # the compared states' outlines, drawn again on top
            continue
        code = patch.get_label().removeprefix("_")
        face = tuple(round(v, 6) for v in patch.get_facecolor()[:3])
        grey = next((g for rgb, g in by_grey.items() if face == tuple(round(v, 6) for v in rgb)), None)
        out.setdefault(code, set()).add("hatched" if patch.get_hatch() else grey)
    return out


def recorded_fills(rec) -> dict[str, str]:
    """Code -> how the CSV says the map draws it (states not drawn left out)."""
    return {
        r["country"]: "hatched" if r["mark"] == maps.HATCHED else r["mark"]
        for r in rec.rows
        if r["mark"] != maps.NOT_DRAWN
    }


def test_the_classes_differ_in_grey_alone():
    grey = [0.299 * r + 0.587 * g + 0.114 * b for r, g, b in map(to_rgb, maps.CLASSES.values())]
    assert grey == sorted(grey, reverse=True)  # Low lightest, Very High darkest
    assert min(a - b for a, b in pairwise(grey)) > 0.15


def test_crimea_is_filled_as_ukraine(shapes, groups):
    _, rows = maps.latest_groups(groups)
    ukr = rows.set_index("country").loc["UKR", "group"]
    fig = maps.world_egdi(shapes, groups)
    at = [(face, hatch) for face, hatch, path in _fills(fig) if path.contains_point(CRIMEA)]
    assert at == [(pytest.approx(to_rgb(maps.CLASSES[ukr])), None)]


def test_every_state_has_its_groups_fill_and_the_rest_are_hatched(shapes, groups):
    _, rows = maps.latest_groups(groups)
    by_code = dict(zip(rows["country"], rows["group"], strict=True))
    fig = maps.world_egdi(shapes, groups)
    patches = iter(_fills(fig))
    for code in sorted(shapes):
        for poly in shapes[code]:
            for _ring in poly:
                face, hatch, _ = next(patches)
                group = by_code.get(code)
                if isinstance(group, str) and group in maps.CLASSES:
                    assert face == pytest.approx(to_rgb(maps.CLASSES[group])), code
                else:
                    assert hatch == maps.NO_DATA["hatch"], code


def test_the_value_table_holds_every_member_once(shapes, groups):
    table = maps.values_table(shapes, groups)
    assert len(table) == table["country"].nunique() == 193
    assert table["drawn"].sum() > 150 and set(table["group"].dropna()) <= set(maps.CLASSES)


def test_the_maps_draw_the_same_svg_twice(shapes, groups):
    for draw in (lambda: maps.world_egdi(shapes, groups), lambda: maps.region(shapes, FOCUS, groups)):
        out = []
        for _ in range(2):
            buf = io.StringIO()
            with rc_context(style.RC):  # as the figure rule draws: a fixed hash salt
                draw().savefig(buf, format="svg", metadata={"Date": None})
            out.append(buf.getvalue())
        assert out[0] == out[1] and "<svg" in out[0]


@pytest.mark.parametrize("edition", [None, 2018])
def test_the_world_maps_csv_holds_exactly_the_fills_it_draws(shapes, groups, edition):
    """Each outline's fill, read back from the patches, is the group its CSV row names; every
    member without an outline is in the CSV as not drawn; the rows are of the edition asked for."""
    rec = Plotted()
    fig = maps.world_egdi(shapes, groups, rec, edition)
    want_year, rows = maps.edition_groups(groups, edition)
    drawn = drawn_fills(fig)
    assert {c: {g} for c, g in recorded_fills(rec).items()} == drawn
    assert {r["year"] for r in rec.rows} == {want_year}
    by_code = rows.set_index("country")
    for r in rec.rows:
        if r["country"] in by_code.index:
            assert r["value"] == pytest.approx(by_code.loc[r["country"], "value"]), r
            want = by_code.loc[r["country"], "group"]
            assert r["mark"] in (want, maps.NOT_DRAWN) if isinstance(want, str) and want else True
    not_drawn = {r["country"] for r in rec.rows if r["mark"] == maps.NOT_DRAWN}
    assert not_drawn == set(rows["country"]) - set(shapes) and "MLT" in not_drawn
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert fig.legends[0].get_title().get_text().endswith(str(want_year))
    assert legend[:4] == list(maps.CLASSES)


def test_another_edition_draws_that_editions_groups(shapes, groups):
    """2018 is not the latest edition: a state whose group changed since is filled as it was."""
    _, latest = maps.edition_groups(groups)
    _, old = maps.edition_groups(groups, 2018)
    now, then = (
        dict(zip(latest["country"], latest["group"], strict=True)),
        dict(zip(old["country"], old["group"], strict=True)),
    )
    moved = sorted(c for c in shapes if c in now and now[c] != then.get(c) and isinstance(then.get(c), str))
    assert moved  # groups did change between the editions
    drawn = drawn_fills(maps.world_egdi(shapes, groups, Plotted(), 2018))
    assert all(drawn[c] == {then[c]} for c in moved)


def test_an_edition_without_groups_is_refused_by_name(shapes, groups):
    with pytest.raises(maps.NoGroups, match="2016"):
        maps.world_egdi(shapes, groups, Plotted(), 2012)


def test_the_regional_map_frames_names_and_records_the_compared_states(shapes, groups):
    rec = Plotted()
    fig = maps.region(shapes, FOCUS, groups, rec)
    (x0, x1), (y0, y1) = fig.axes[0].get_xlim(), fig.axes[0].get_ylim()
    for code in FOCUS:
        xs = [x for poly in shapes[code] for x, _ in poly[0]]
        ys = [y for poly in shapes[code] for _, y in poly[0]]
        assert x0 <= min(xs) and max(xs) <= x1 and y0 <= min(ys) and max(ys) <= y1, code
    names = {t.get_text() for t in fig.axes[0].texts}
    assert names == set(FOCUS.values())
    assert {c: {g} for c, g in recorded_fills(rec).items()} == drawn_fills(fig)
    assert set(FOCUS) <= set(recorded_fills(rec)) and {"RUS", "CHN", "AFG", "IRN"} <= set(recorded_fills(rec))


def test_a_compared_state_without_an_outline_is_recorded_not_drawn(shapes, groups):
    """The mini fixture's Malta is too small for the 1:110m outlines: Iceland frames the map."""
    rec = Plotted()
    fig = maps.region(shapes, {"ISL": "Iceland", "MLT": "Malta"}, groups, rec)
    marks = {r["country"]: r["mark"] for r in rec.rows}
    assert marks["MLT"] == maps.NOT_DRAWN and marks["ISL"] in maps.CLASSES
    assert {t.get_text() for t in fig.axes[0].texts} == {"Iceland"}


def test_the_legend_and_the_no_data_hatch_read_in_greyscale(shapes, groups):
    """The legend's keys are the fills' greys in order, and the hatch is drawn in ink that
    differs from white in lightness alone."""
    fig = maps.world_egdi(shapes, groups, Plotted())
    handles = fig.legends[0].legend_handles
    keys = [to_rgb(h.get_facecolor()) for h in handles[:4]]
    assert keys == [to_rgb(c) for c in maps.CLASSES.values()]
    hatched = handles[4]
    assert hatched.get_hatch() == maps.NO_DATA["hatch"]
    r, g, b = to_rgb(maps.NO_DATA["edgecolor"])
    assert 0.299 * r + 0.587 * g + 0.114 * b < 0.7


@pytest.mark.workflow
def test_a_build_draws_the_maps_of_the_edition_the_configuration_names(mini_build, tmp_path):
    """As make world MAP_EDITION=2018 asks: the fixture built with report.map_edition 2018
    publishes (under builds/, never over the edition) maps of the 2018 groups, and says so.
    It starts from a copy of the built fixture, whose edition must stay as it is."""
    import csv
    import shutil

    from conftest import published_bytes, snakemake

    project = tmp_path / "project"
    shutil.copytree(mini_build, project, symlinks=True)
    edition = published_bytes(project)
    snakemake(project, "--config", "report={map_edition: 2018}", "build=maps-2018")
    reports = project / "builds" / "maps-2018" / "reports"
    groups = pd.read_csv(project / "builds" / "maps-2018" / "data" / "tidy" / "egdi-groups.csv", keep_default_na=False)
    then = {r["country"]: r["group"] for _, r in groups[groups["year"] == 2018].iterrows()}
    for name in ("egdi_map", "region_map"):
        rows = list(csv.DictReader((reports / "figures" / f"{name}.csv").open(encoding="utf-8")))
        assert {r["year"] for r in rows} == {"2018"}
        assert all(r["mark"] == then[r["country"]] for r in rows if r["mark"] in maps.CLASSES)
    html = (reports / "report.html").read_text(encoding="utf-8")
    assert "Edition shown: 2018." in html and "EGDI 2018</th>" in html
    assert published_bytes(project) == edition  # the edition is not touched
