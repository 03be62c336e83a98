"""The report's reading of the numbers (issue 25, items 1-4): the change since the previous
edition first, like compared with like, one rule for the weakest component and method
breaks read off the data, and generated prose in which every sentence traces to a value
or a decision."""

from __future__ import annotations

import dataclasses
import re
from functools import cache

import pandas as pd
import pytest

from conftest import ROOT
from digidip.analysis import captions, change, components, discussion, evidence, standing
from digidip.analysis.content import report_content
from digidip.analysis.figspecs import SPECS
from digidip.analysis.findings import findings, rank_findings
from digidip.analysis.profile import Profile, weakest_component
from digidip.analysis.sentences import HandTypedNumber, say
from digidip.render.references import read_items
from digidip.render.report import render_report
from digidip.tidy.read import Tables, read_tables

FIGURES = dict.fromkeys(SPECS, b"<svg xmlns='http://www.w3.org/2000/svg'/>")


@cache
def published() -> Tables:
    return read_tables(ROOT / "data" / "tidy")


@cache
def content() -> dict:
    t = published()
    return report_content(t, "Test report", ROOT, list(t.countries["country"]))


@cache
def html() -> str:
    c = content()
    items = read_items(ROOT / "data" / "tidy" / "sources.json")
    return render_report(c, FIGURES, dict.fromkeys(c["profiled"], "<p>profile</p>"), items)


def text_of(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", fragment))


def section(start: str, end: str) -> str:
    h = html()
    i = h.index(start)
    return text_of(h[i : h.index(end, i)])


# Item 1: the change since the previous edition comes first.


def test_the_latest_edition_names_who_rose_and_the_only_one_that_fell():
    m = rank_findings(published())["latest_moves"]
    assert (m["edition"], m["previous"]) == (2024, [2022])
    assert m["fell"] == ["TKM"] and m["held"] == [] and sorted(m["rose"]) == ["KAZ", "KGZ", "TJK", "UKR", "UZB"]
    tkm = next(r for r in m["rows"] if r["country"] == "TKM")
    assert (tkm["rank"]["previous_value"], tkm["rank"]["value"], tkm["places"]) == (137, 145, -8)
    assert {"egdi", "osi", "epi"} <= set(tkm["own_fell"])  # its values fell with its rank
    assert m["fell_for_all"] == ["hci"]  # fell for all six: said once, not as anyone's own


def test_the_summary_leads_with_the_fall_from_137_to_145():
    summary = section('<section id="summary">', "</section>")
    since = summary.index("Since the previous edition (2022)")
    assert "Turkmenistan fell, the only one to fall" in summary
    assert "Turkmenistan 137 → 145" in summary
    assert since < summary.index("Over the longer run, from 2008")  # latest first, then the long run
    assert "Since the 2020 edition" not in summary and "two editions back" not in summary


def test_a_second_fall_is_named_and_the_only_one_is_no_longer_said():
    t = published()
    ch = t.changes.copy()
    sel = (ch["country"] == "KGZ") & (ch["indicator"] == "egdi_rank") & (ch["year"] == 2024)
    ch.loc[sel, "rank_change"] = -2
    m = change.edition_moves(dataclasses.replace(t, changes=ch))
    assert m["fell"] == ["KGZ", "TKM"] and "KGZ" not in m["rose"]


def test_the_key_table_shows_each_latest_value_with_its_change_and_a_stated_baseline():
    rows = {r["country"]: r for r in content()["key"]}
    tkm = rows["TKM"]
    assert tkm["egdi_rank_latest"]["change"]["rank_change"] == -8
    assert tkm["egdi_rank_latest"]["change"]["previous_year"] == 2022
    assert tkm["egdi_rank_base"]["year"] == 2008 and "egdi_rank_2020" not in tkm
    assert rows["KAZ"]["internet_latest"]["change"]["previous_year"] == rows["KAZ"]["internet_latest"]["year"] - 1
    table = section('id="table-key"', "</table>")
    assert "−8 since 2022" in table and "EGDI rank, 2008 (long-run baseline)" in table


# Item 2: like with like.


def test_every_standing_column_is_one_year_for_every_country():
    s = standing.standing(published())
    for ind, _ in standing.STANDING_INDICATORS:
        year = s["years"][ind]["year"]
        cells = [r["cells"][ind] for r in s["rows"] if r["cells"][ind]]
        assert year is not None and {c["year"] for c in cells} == {year}, ind


def test_internet_use_is_compared_in_turkmenistans_last_year_not_beside_later_ones():
    s = standing.standing(published())
    net = s["years"]["internet_users_pct"]
    assert net["year"] == 2017 and net["limited_by"] == ["TKM"]
    assert {x["country"] for x in net["later"]} == {"KAZ", "KGZ", "TJK", "UKR", "UZB"}
    pct = {r["country"]: r["cells"]["internet_users_pct"]["peers"]["percentile"]["value"] for r in s["rows"]}
    # In one year Tajikistan stands above Turkmenistan; its 2022 percentile beside
    # Turkmenistan's 2017 one put it below.
    assert pct["TJK"] > pct["TKM"]


def without(t: Tables, iso3: str, indicator: str, years: set[int]) -> Tables:
    obs = t.observations
    drop = (obs["country"] == iso3) & (obs["indicator"] == indicator) & obs["year"].isin(years)
    return dataclasses.replace(t, observations=obs[~drop].reset_index(drop=True))


def test_a_shorter_series_moves_the_common_year_back_and_names_the_country():
    t = without(published(), "KGZ", "internet_users_pct", set(range(2016, 2030)))
    net = standing.common_year(t, "internet_users_pct")
    assert net["year"] == 2015 and net["limited_by"] == ["KGZ"]
    rows = standing.standing(t)["rows"]
    assert {r["cells"]["internet_users_pct"]["year"] for r in rows} == {2015}


def test_no_shared_year_shows_each_countrys_own_year_and_says_so():
    t = without(published(), "TKM", "internet_users_pct", set(range(2000, 2030)))
    t = without(t, "KAZ", "internet_users_pct", set(range(1990, 2030)) - {2021})
    t = without(t, "UKR", "internet_users_pct", set(range(1990, 2030)) - {2020})
    net = standing.common_year(t, "internet_users_pct")
    assert net["year"] is None
    s = standing.standing(t)
    years = {
        r["country"]: r["cells"]["internet_users_pct"]["year"] for r in s["rows"] if r["cells"]["internet_users_pct"]
    }
    assert years["KAZ"] == 2021 and years["UKR"] == 2020


def test_the_key_tables_caption_says_where_years_differ():
    differ = {d["indicator"]: d for d in content()["key_years_differ"]}
    assert differ["internet_users_pct"]["years"][0] == 2017 and differ["internet_users_pct"]["compared"]
    caption = section('id="table-key"', "</caption>")
    assert "the latest years differ between countries (2017" in caption
    standing_text = section('id="table-standing"', "</table>")
    assert "Internet users, % (2017)" in standing_text


# Item 3: one rule for the weakest component, breaks read off the data.


@pytest.mark.parametrize(
    ("pct", "verdict", "weakest"),
    [
        ({"osi": 95.3, "hci": 78.6, "tii": 79.2}, "about-equal", ["hci", "tii"]),  # Kazakhstan 2024
        ({"osi": 69.9, "hci": 66.1, "tii": 65.1}, "none", ["tii", "hci", "osi"]),  # Uzbekistan 2024
        ({"osi": 11.4, "hci": 46.9, "tii": 27.6}, "one", ["osi"]),  # Turkmenistan 2024
        (
            {"osi": 50.0, "hci": 50.0 + components.MARGIN, "tii": 90.0},
            "one",
            ["osi"],
        ),  # the margin itself is not within
    ],
)
def test_the_weakest_component_rule(pct, verdict, weakest):
    rule = components.weakest(pct)
    assert (rule["verdict"], rule["weakest"]) == (verdict, weakest)


def test_kazakhstan_and_uzbekistan_are_read_alike_by_the_summary_caption_and_profile():
    t = published()
    w = standing.weakest_components(t)
    assert w["countries"]["KAZ"]["verdict"] == "about-equal"
    assert [c["indicator"] for c in w["countries"]["KAZ"]["weakest"]] == ["hci", "tii"]
    assert w["countries"]["UZB"]["verdict"] == "none"
    summary = section('<section id="summary">', "</section>")
    caption = content()["figs"]["egdi_components"]["caption"]
    assert components.rule_text() in summary and components.rule_text() in caption
    for iso3 in ("KAZ", "UZB"):
        said = w["countries"][iso3]["words"]
        assert said in summary and said in caption
        # The profile reads the same percentiles from its slice and says the same.
        peers = {
            c["indicator"]: {"year": w["year"], "percentile": {"value": c["percentile"]}}
            for c in w["countries"][iso3]["all"]
        }
        p = Profile({"country": {"iso3": iso3, "name": iso3}, "peers": peers}, "../report.html")
        assert weakest_component(p)["words"] == said


def test_a_profile_gives_no_verdict_from_components_of_different_editions():
    peers = {
        "osi": {"year": 2024, "percentile": {"value": 60.0}},
        "hci": {"year": 2024, "percentile": {"value": 40.0}},
        "tii": {"year": 2022, "percentile": {"value": 20.0}},
    }
    assert weakest_component(Profile({"country": {"iso3": "X", "name": "X"}, "peers": peers}, "")) is None


def test_method_breaks_are_read_off_the_members_median():
    t = published()
    years = {ind: [b["year"] for b in components.method_breaks(t, ind)] for ind in ("osi", "hci", "tii")}
    assert years["hci"] == [2012, 2014]  # the median fell 0.869 -> 0.790 -> 0.711
    assert 2024 in years["tii"] and 2020 in years["tii"]  # 0.606 -> 0.787 in 2024
    for ind in years:
        for b in components.method_breaks(t, ind):
            assert b["share"] > components.BREAK_SHARE


def test_a_steady_median_has_no_break():
    b = pd.DataFrame(
        [
            {"indicator": "x", "year": y, "scope": "world", "group": "World", "statistic": s, "value": v, "n": 190}
            for y, base in ((2020, 0.5), (2022, 0.52), (2024, 0.54))
            for s, v in (("median", base), ("q1", base - 0.2), ("q3", base + 0.2))
        ]
    )
    t = dataclasses.replace(published(), benchmarks=b)
    assert components.method_breaks(t, "x") == []
    b.loc[(b["year"] == 2024) & (b["statistic"] == "median"), "value"] = 0.7
    assert [x["year"] for x in components.method_breaks(dataclasses.replace(t, benchmarks=b), "x")] == [2024]


def test_a_line_is_cut_before_each_break():
    s = pd.Series([1.0, 2.0, 3.0, 4.0], index=[2018, 2020, 2022, 2024])
    assert [list(p.index) for p in components.segments(s, [2020, 2024])] == [[2018], [2020, 2022], [2024]]
    assert [list(p.index) for p in components.segments(s, [])] == [[2018, 2020, 2022, 2024]]


def test_the_caption_lists_the_breaks_it_draws():
    t = published()
    notes = captions.component_notes(
        t, standing.weakest_components(t), dict(zip(t.world["country"], t.world["name"], strict=True))
    )
    assert "human capital before 2012 and 2014" in notes


# Item 4: a generated reading, every sentence traceable.


def sentences() -> list[dict]:
    r = content()["reading"]
    return r["comparison"] + r["world"] + [s for p in r["discussion"] for s in p] + r["conclusion"]


def test_each_comparison_subsection_opens_with_two_to_four_sentences():
    r = content()["reading"]
    assert 2 <= len(r["comparison"]) <= 4 and 2 <= len(r["world"]) <= 4
    assert r["discussion"] and r["conclusion"]


def test_every_generated_sentence_traces_to_values_and_types_no_number():
    for s in sentences():
        assert s["basis"], s
        assert any("text" not in p for p in s["parts"]), s
        for p in s["parts"]:
            assert "text" not in p or not re.search(r"\d", p["text"]), p


def test_a_digit_in_a_sentences_own_words_is_refused():
    with pytest.raises(HandTypedNumber):
        say("Turkmenistan fell from 137 to {now:n}.", now=145)
    with pytest.raises(ValueError, match="computed value"):
        say("A sentence with nothing computed.")


def test_the_reading_names_the_fall_and_the_thin_evidence():
    body = section('<h3 id="compared">', 'id="table-key"')
    assert "Turkmenistan fell from 137 to 145" in body
    assert "rest on fewer than 2 facts of strong evidence" in body
    ev = evidence.practice_evidence(published())
    assert ev["thin"] and all(c["read"] < evidence.MIN_FACTS for c in ev["thin"])
    n = len(ev["cells"])
    summary = section('<section id="summary">', "</section>")
    every = (
        f"All {n} coded goal entries" if len(ev["thin"]) == n else f"{len(ev['thin'])} of the {n} coded goal entries"
    )
    assert f"{every} rest on fewer than 2 facts of strong evidence" in summary
    assert findings(published())["practice_thin"] == {
        "thin": len(ev["thin"]),
        "cells": n,
        "min_facts": evidence.MIN_FACTS,
    }


def test_a_goal_with_enough_strong_facts_is_not_thin():
    """Thin means fewer than MIN_FACTS facts of strong evidence (practices.csv counts them)."""
    t = published()
    pr = t.practices.copy()
    first = pr.index[0]
    pr.loc[first, "evidence_strong"] = evidence.MIN_FACTS
    cells = evidence.practice_evidence(dataclasses.replace(t, practices=pr))["cells"]
    key = (pr.loc[first, "country"], pr.loc[first, "goal"])
    cell = next(c for c in cells if (c["country"], c["goal"]) == key)
    assert not cell["thin"] and cell["read"] == evidence.MIN_FACTS
    pr.loc[first, "evidence_strong"] = evidence.MIN_FACTS - 1
    cells = evidence.practice_evidence(dataclasses.replace(t, practices=pr))["cells"]
    assert next(c for c in cells if (c["country"], c["goal"]) == key)["thin"]


def test_the_report_ends_with_a_discussion_and_a_conclusion_before_the_appendices():
    h = html()
    order = [h.index(x) for x in ("<h2>6. Discussion</h2>", "<h2>7. Conclusion</h2>", "<h2>8. Data quality</h2>")]
    assert order == sorted(order)
    d = section('<section id="discussion">', "</section>")
    assert "Turkmenistan fell from 137 to 145" in d and "lead for research, not a result" in d
    c = section('<section id="conclusion">', "</section>")
    assert "Turkmenistan alone fell" in c and "the evidence is thin" in c


def test_the_discussion_names_the_quality_items_it_rests_on():
    quality = [p["quality"] for p in (p for s in sentences() for p in s["parts"]) if "quality" in p]
    issues = set(published().quality["issue"])
    assert quality and all(set(q) <= issues for q in quality)


def test_findings_alone_give_the_conclusion_without_a_practice():
    t = published()
    ev = evidence.practice_evidence(dataclasses.replace(t, practices=t.practices.iloc[0:0]))
    said = discussion.conclusion(findings(t), ev, len(t.countries))
    assert said and all(s["basis"] for s in said)
