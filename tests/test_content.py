"""What the report says is one plain-data object (analysis/content.py), and the HTML is
written from that object alone."""

from __future__ import annotations

import json
from functools import cache

import pandas as pd
import pytest

from conftest import ROOT
from digidip.analysis.content import plain, report_content, to_json
from digidip.analysis.figspecs import SPECS
from digidip.render.references import read_items
from digidip.render.report import render_report
from digidip.tidy.read import read_tables

FIGURES = dict.fromkeys(SPECS, b"<svg xmlns='http://www.w3.org/2000/svg'/>")


@cache
def content() -> dict:
    t = read_tables(ROOT / "data" / "tidy")
    return report_content(t, "Test report", ROOT, list(t.countries["country"]))


def test_the_content_is_plain_data_that_survives_json():
    c = content()
    assert json.loads(to_json(c)) == c
    assert {"key", "f", "figs", "facts", "grids", "world", "quality", "sources", "edition_date"} <= set(c)


def test_the_html_is_written_from_the_content_alone():
    """The same HTML from the object as computed and from its JSON read back: no writer
    receives anything but plain data."""
    c, items = content(), read_items(ROOT / "data" / "tidy" / "sources.json")
    profiles = dict.fromkeys(c["profiled"], "<p>profile</p>")
    direct = render_report(c, FIGURES, profiles, items)
    assert direct == render_report(json.loads(to_json(c)), FIGURES, profiles, items)
    assert "Test report" in direct


def test_each_figure_has_its_caption_alt_text_and_sources_in_the_content():
    figs = content()["figs"]
    assert list(figs) == list(SPECS)
    assert [f["n"] for f in figs.values()] == list(range(1, len(SPECS) + 1))
    assert all(f["alt"] and f["caption"] and isinstance(f["sources"], list) for f in figs.values())


@pytest.mark.parametrize("value", [pd.DataFrame({"a": [1]}), object(), pd.Timestamp("2024-01-01")])
def test_anything_but_plain_data_is_refused(value):
    with pytest.raises(TypeError, match="not plain data"):
        plain({"x": [value]})


def test_missing_values_become_none():
    import numpy as np

    assert plain({"a": float("nan"), "b": np.int64(3), "c": (1, pd.NA)}) == {"a": None, "b": 3, "c": [1, None]}
