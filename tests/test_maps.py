"""The maps (analysis/maps.py): each state filled by its own group, Crimea as Ukraine, readable in grey."""

from __future__ import annotations

import io
from itertools import pairwise

import pandas as pd
import pytest
from matplotlib import rc_context
from matplotlib.colors import to_rgb

from conftest import ROOT, SNAPSHOTS
from digidip.analysis import maps, style
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


def _fills(fig) -> list[tuple]:
    """(face colour, hatch, path) of every patch of the map's axes."""
    return [(p.get_facecolor()[:3], p.get_hatch(), p.get_path()) for p in fig.axes[0].patches]


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
    focus = {"KAZ": "Kazakhstan", "KGZ": "Kyrgyzstan", "TJK": "Tajikistan", "TKM": "Turkmenistan", "UZB": "Uzbekistan"}
    for draw in (lambda: maps.world_egdi(shapes, groups), lambda: maps.region(shapes, focus, groups)):
        out = []
        for _ in range(2):
            buf = io.StringIO()
            with rc_context(style.RC):  # as the figure rule draws: a fixed hash salt
                draw().savefig(buf, format="svg", metadata={"Date": None})
            out.append(buf.getvalue())
        assert out[0] == out[1] and "<svg" in out[0]
