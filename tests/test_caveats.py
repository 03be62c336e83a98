"""Caveats where the data break, as the published report prints them: gaps in a series stay
gaps, the yearly 2003-2005 editions are marked apart from those ranks are compared from, a note explains
a mark only where the mark is used, and the limitations are stated."""

from __future__ import annotations

import re
from functools import cache

import pandas as pd

from conftest import ROOT
from digidip.analysis import plotting
from digidip.analysis.comparison import FIRST_EGDI_EDITION
from digidip.analysis.numbers import num


@cache
def report() -> str:
    return (ROOT / "reports/report.html").read_text(encoding="utf-8")


def test_a_missing_year_breaks_the_line():
    obs = pd.DataFrame({"year": [2016, 2017, 2020], "value": [1.0, 2.0, 5.0]})
    s = plotting.yearly(obs)
    assert list(s.index) == [2016, 2017, 2018, 2019, 2020]
    assert s.loc[[2018, 2019]].isna().all() and s.loc[2020] == 5.0


def grid_tables() -> list[str]:
    series = report().split('<section id="series">')[1].split("</section>")[0]
    return re.findall(r"<table.*?</table>", series, re.S)


def test_a_dagger_note_appears_exactly_under_the_grids_that_use_the_dagger():
    tables = grid_tables()
    assert tables
    for table in tables:
        caption = re.search(r"<caption[^>]*>(.*?)</caption>", table, re.S).group(1)
        body = table.split("</caption>", 1)[1]
        assert ("†" in body) == ("A dagger (†)" in caption), caption[:80]


def test_the_editions_before_the_compared_ones_are_marked_in_the_grids_of_the_un_indices():
    marked = 0
    for table in grid_tables():
        caption = re.search(r"<caption[^>]*>(.*?)</caption>", table, re.S).group(1)
        # A grid has a row per edition (the maps' tables of values, a row per state, have none).
        years = {int(y) for y in re.findall(r'<th scope="row">(\d{4})</th>', table)}
        if "E-Government" in caption and years and min(years) < FIRST_EGDI_EDITION:
            assert f"Ranks are compared from the {FIRST_EGDI_EDITION} edition" in caption
            assert "another method" not in caption  # 2008 measured the same three components
            marked += 1
    assert marked  # the report's EGDI grids reach back to 2003


def test_figure_1_marks_the_yearly_editions_and_ranks_never_cross_the_break_silently():
    caption = re.search(r'<figure id="fig-egdi_rank">.*?<figcaption>(.*?)</figcaption>', report(), re.S).group(1)
    assert "shaded 2003–2005 editions were yearly" in caption


def test_numbers_of_one_kind_print_with_the_same_decimals():
    assert num(1, "index") == "1.000" and num(0.5, "index") == "0.500"
    assert num(50, "percent") == "50.0" and num(93.15, "score") == "93.2"


def test_the_method_section_states_the_limitations():
    section = report().split("<h2>Limitations</h2>")[-1] if "<h2>Limitations</h2>" in report() else ""
    section = section or report().split(">Limitations<")[1]
    text = re.sub(r"<[^>]+>", " ", section.split("<h2")[0])
    for point in ("questionnaire", "not their capability", "abstract", "readiness", "gap in the sources"):
        assert point in text, point
