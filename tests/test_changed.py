"""The "What changed" table: every value traced back to its row in the published tables."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from conftest import ROOT
from digidip.analysis import change, changed
from digidip.tidy.read import Tables, read_tables


@pytest.fixture(scope="module")
def t() -> Tables:
    return read_tables(ROOT / "data" / "tidy")


@pytest.fixture(scope="module")
def result(t) -> dict:
    return changed.what_changed(t, change.edition_moves(t))


def test_one_row_per_profiled_country_in_the_tables_order(t, result):
    assert [r["country"] for r in result["rows"]] == list(t.countries["country"])
    assert result["facts_after"] == max(result["previous"]) < result["edition"]


def test_rank_egdi_and_group_are_the_rows_of_changes_csv(t, result):
    c = t.changes.set_index(["country", "indicator", "year"])
    for r in result["rows"]:
        assert r["rank"] is not None, r["country"]  # the six are ranked in both editions
        rank = c.loc[(r["country"], "egdi_rank", result["edition"])]
        assert (r["rank"]["value"], r["rank"]["previous_value"]) == (rank["value"], rank["previous_value"])
        assert r["rank"]["rank_change"] == int(rank["rank_change"])
        egdi = c.loc[(r["country"], "egdi", result["edition"])]
        assert (r["egdi"]["value"], r["egdi"]["group"], r["egdi"]["previous_group"]) == (
            egdi["value"],
            egdi["group"],
            egdi["previous_group"],
        )
        groups = t.egdi_groups.set_index(["country", "year"])
        assert r["egdi"]["group"] == groups.loc[(r["country"], result["edition"]), "group"]


def test_gci_tier_is_the_observation_or_none(t, result):
    o = t.observations
    for r in result["rows"]:
        sel = o[(o["country"] == r["country"]) & o["indicator"].str.startswith("itu_gci_tier")]
        if sel.empty:
            assert r["gci_tier"] is None
        else:
            assert r["gci_tier"]["fact_id"] == sel.iloc[-1]["fact_id"]
            assert r["gci_tier"]["value"] == int(sel.iloc[-1]["value"])
    assert any(r["gci_tier"] for r in result["rows"])


def test_new_facts_are_the_shown_events_dated_after_the_previous_edition(t, result):
    e = t.events
    for r in result["rows"]:
        mine = e[(e["country"] == r["country"]) & (e["year"] > result["facts_after"]) & e["shown"]]
        want = mine[mine["dating"] != "attested"]  # "by 2023": its own date unknown, maybe older
        assert sorted(f["fact_id"] for f in r["new_facts"]) == sorted(want["fact_id"])
        assert all(int(f["date"][:4]) > result["facts_after"] for f in r["new_facts"])
        assert not any(f["date"].startswith("by") for f in r["new_facts"])
    assert any(r["new_facts"] for r in result["rows"])


def test_a_country_unranked_in_either_edition_has_no_move(t):
    latest = change.latest_survey_edition(t)
    first = t.countries["country"].iloc[0]
    ch = t.changes
    drop = (ch["country"] == first) & (ch["year"] == latest) & (ch["indicator"] == "egdi_rank")
    t2 = dataclasses.replace(t, changes=ch[~drop])
    rows = {r["country"]: r for r in changed.what_changed(t2, change.edition_moves(t2))["rows"]}
    assert rows[first]["rank"] is None and rows[first]["egdi"] is None
    assert isinstance(rows[first]["new_facts"], list)


def test_no_survey_no_table(t):
    assert changed.what_changed(t, None) is None
    assert pd.notna(change.latest_survey_edition(t))


@pytest.mark.workflow
def test_the_fixture_report_and_pdf_carry_the_table(mini_build):
    """The HTML has the table, one row per country with each new fact cited; the PDF the section."""
    from conftest import pdftotext

    html = (mini_build / "reports" / "report.html").read_text(encoding="utf-8")
    table = html.split('id="table-changed"', 1)[1].split("</table>", 1)[0]
    t = read_tables(mini_build / "data" / "tidy")
    result = changed.what_changed(t, change.edition_moves(t))
    assert table.count('<tr><th scope="row">') == len(result["rows"]) == len(t.countries)
    for r in result["rows"]:
        for f in r["new_facts"]:
            assert f["title"] in table or f["title"].replace("'", "&#39;") in table
    assert "What changed since the previous edition" in pdftotext(mini_build / "reports" / "report.pdf")
