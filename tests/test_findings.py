"""The summary's findings (analysis/findings.py) under the cases that trip a naive
comparison: ties, missing years, different latest years, indices compared across editions,
a baseline at a country's extreme, a date the sources only attest."""

from __future__ import annotations

import dataclasses
from functools import cache

import pandas as pd
import pytest

from conftest import ROOT
from digidip.analysis.comparison import FIRST_EGDI_EDITION
from digidip.analysis.findings import findings, goal_findings, internet_findings, rank_findings, strategy_findings
from digidip.tidy.read import Tables, read_tables


@cache
def published() -> Tables:
    return read_tables(ROOT / "data" / "tidy")


def with_observations(t: Tables, change) -> Tables:
    """The tables with observations passed through ``change`` (a copy; the cache stays intact)."""
    return dataclasses.replace(t, observations=change(t.observations.copy()))


def official(obs: pd.DataFrame, t: Tables, indicator: str) -> pd.Series:
    return (obs["indicator"] == indicator) & obs["source"].isin(t.official_sources())


def set_rank(t: Tables, iso3: str, year: int, value: int) -> Tables:
    def change(obs):
        sel = official(obs, t, "egdi_rank") & (obs["country"] == iso3) & (obs["year"] == year)
        assert sel.sum() == 1
        obs.loc[sel, "value"] = value
        return obs

    return with_observations(t, change)


def test_a_tie_at_the_top_names_every_country_in_it():
    t = published()
    f = rank_findings(t)
    best = f["best"][0]
    other = next(c for c in t.countries["country"] if c != best["country"])
    tied = rank_findings(set_rank(t, other, f["edition"], int(best["value"])))
    assert sorted(r["country"] for r in tied["best"]) == sorted([best["country"], other])
    assert len({r["value"] for r in tied["best"]}) == 1


def test_a_tie_at_the_bottom_names_every_country_in_it():
    t = published()
    f = rank_findings(t)
    worst = f["worst"][0]
    other = next(c for c in t.countries["country"] if c != worst["country"])
    tied = rank_findings(set_rank(t, other, f["edition"], int(worst["value"])))
    assert {r["country"] for r in tied["worst"]} == {worst["country"], other}


def test_ranks_are_compared_from_the_first_egdi_edition_never_the_readiness_surveys():
    t = published()
    years = set(t.observations.loc[official(t.observations, t, "egdi_rank"), "year"])
    assert min(years) < FIRST_EGDI_EDITION  # the published tables do hold 2003-2005
    f = rank_findings(t)
    assert {m["first"]["year"] for m in f["moves"]} == {FIRST_EGDI_EDITION}
    for m in f["moves"]:
        assert m["gain"] == m["first"]["value"] - m["last"]["value"]
        assert m["index_first"]["year"] == m["first"]["year"] and m["index_last"]["year"] == m["last"]["year"]


def test_the_biggest_climb_keeps_ties():
    t = published()
    f = rank_findings(t)
    top, runner = f["moves"][0], f["moves"][1]
    # Give the runner-up the leader's climb: both are then the biggest.
    first = int(runner["last"]["value"]) + top["gain"]
    tied = rank_findings(set_rank(t, runner["country"], FIRST_EGDI_EDITION, first))
    assert {m["country"] for m in tied["biggest_gain"]} == {top["country"], runner["country"]}


def test_a_country_missing_the_latest_edition_is_left_out_of_the_moves():
    t = published()
    f = rank_findings(t)
    gone = f["moves"][0]["country"]
    t2 = with_observations(
        t,
        lambda obs: obs[~(official(obs, t, "egdi_rank") & (obs["country"] == gone) & (obs["year"] == f["edition"]))],
    )
    f2 = rank_findings(t2)
    assert gone not in {m["country"] for m in f2["moves"]}
    assert f2["ranked_count"] == f["ranked_count"] - 1


def test_a_baseline_at_the_countrys_best_or_worst_rank_is_flagged():
    f = rank_findings(published())
    t = published()
    for m in f["moves"]:
        series = t.observations[
            official(t.observations, t, "egdi_rank")
            & (t.observations["country"] == m["country"])
            & (t.observations["year"] >= FIRST_EGDI_EDITION)
        ]
        assert m["start_is_worst"] == (m["first"]["value"] == series["value"].max())
        assert m["start_is_best"] == (m["first"]["value"] == series["value"].min())
    assert any(m["start_is_worst"] for m in f["moves"])  # Kazakhstan in 2008, in this edition


def test_the_long_run_has_one_stated_baseline_never_an_edition_a_fixed_span_back():
    f = rank_findings(published())
    assert "recent" not in f and "recent_base" not in f
    assert {m["first"]["year"] for m in f["moves"]} == {f["first_edition"]} == {FIRST_EGDI_EDITION}
    assert [m["country"] for m in f["below_baseline"]] == ["TKM"]  # 128 in 2008, 145 in 2024


def test_internet_use_is_compared_in_a_year_every_country_reports():
    t = published()
    f = internet_findings(t)
    net = t.observations[official(t.observations, t, "internet_users_pct")]
    in_year = net[net["year"] == f["common_year"]]
    assert set(in_year["country"]) == set(t.countries["country"])
    assert f["low"][0]["value"] == in_year["value"].min() and f["high"][0]["value"] == in_year["value"].max()
    # Each country's latest year is kept beside it, and they differ in this edition.
    assert len(f["latest_years"]) > 1
    assert {r["country"] for r in f["latest"]} == set(t.countries["country"])


def test_a_missing_year_moves_the_common_year_back():
    t = published()
    f = internet_findings(t)
    low = f["low"][0]["country"]
    t2 = with_observations(
        t,
        lambda obs: obs[
            ~(official(obs, t, "internet_users_pct") & (obs["country"] == low) & (obs["year"] == f["common_year"]))
        ],
    )
    f2 = internet_findings(t2)
    assert f2["common_year"] < f["common_year"]
    assert low in {r["country"] for r in f2["latest"]}


def test_no_common_year_means_no_comparison_of_levels():
    t = published()
    keep_one = t.observations["country"] == t.countries["country"].iloc[0]
    t2 = with_observations(t, lambda obs: obs[~(official(obs, t, "internet_users_pct") & keep_one.reindex(obs.index))])
    f2 = internet_findings(t2)
    assert "common_year" not in f2 and "low" not in f2


def test_a_strategy_only_attested_in_force_is_never_counted_as_adopted():
    t = published()
    f = strategy_findings(t)
    assert all(s["dating"] != "attested" for s in f["strategies"].values())
    # Uzbekistan's strategy is dated by its adoption (2020-10, a USAID page), not "by 2022".
    assert f["strategies"]["UZB"]["date"] == "2020-10" and not f["strategies_attested"]
    # Known only in force, the same fact is never counted as adopted.
    ev = t.events.copy()
    ev.loc[ev["fact_id"] == f["strategies"]["UZB"]["fact_id"], ["dating", "report_date"]] = ["attested", "by 2022"]
    f2 = strategy_findings(dataclasses.replace(t, events=ev))
    assert "UZB" not in f2["strategies"]
    assert f2["strategies_attested"]["UZB"]["dating"] == "attested"
    assert f2["strategies_attested"]["UZB"]["date"].startswith("by ")


def test_goals_tied_for_most_countries_are_all_named_with_their_fact_counts():
    t = published()
    f = goal_findings(t)
    top = f["goal_most"][0]["countries"]
    assert all(g["countries"] == top for g in f["goal_most"])
    pr = t.practices[t.practices["evidence_strong"] > 0]
    for g in f["goal_most"]:
        assert g["facts"] == int(pr.loc[pr["goal"] == g["goal"], "evidence_strong"].sum())
    counts = pr.groupby("goal")["country"].nunique()
    assert {g["goal"] for g in f["goal_most"]} == set(counts[counts == counts.max()].index)
    assert set(f["goals_uncoded"]) == set(t.goals["id"]) - set(t.practices["goal"])


def with_practices(t: Tables, rows: list[dict]) -> Tables:
    """The tables with these coded practices instead of the published ones."""
    return dataclasses.replace(t, practices=pd.DataFrame(rows))


def coded(country: str, goal: str, strong: int, weak: int) -> dict:
    evidence = [f"{country}-{goal}-{i}" for i in range(strong + weak)]
    counts = {"evidence_count": strong + weak, "evidence_strong": strong, "evidence_weak": weak}
    return {"country": country, "goal": goal, "evidence": evidence, **counts, "note": "fixture"}


def test_no_finding_rests_on_weak_evidence_alone():
    """Three countries documented for a goal on weak evidence alone outnumber one documented
    on strong evidence, but only the strong one is a finding; the weak ones are listed apart,
    and a goal with weak evidence alone is not called undocumented."""
    t = published()
    goals = list(t.goals["id"])
    strong_goal, weak_goal = goals[0], goals[1]
    rows = [coded("KAZ", strong_goal, 1, 0)] + [coded(c, weak_goal, 0, 3) for c in ("KGZ", "TJK", "UKR")]
    f = goal_findings(with_practices(t, rows))
    assert f["goal_most"] == [{"goal": strong_goal, "countries": 1, "facts": 1}]
    assert [(w["goal"], w["country"], w["facts"]) for w in f["weak_only"]] == [
        (weak_goal, c, 3) for c in ("KGZ", "TJK", "UKR")
    ]
    assert weak_goal not in f["goals_uncoded"] and strong_goal not in f["goals_uncoded"]
    assert f["countries_coded"] == {c: int(c == "KAZ") for c in t.countries["country"]}
    # Strong evidence beside the weak: the code counts, with its strong facts only.
    f = goal_findings(with_practices(t, [coded("KAZ", weak_goal, 1, 2), *rows[1:]]))
    assert f["goal_most"] == [{"goal": weak_goal, "countries": 1, "facts": 1}]
    # Weak evidence alone everywhere: no goal is most widely documented.
    assert goal_findings(with_practices(t, rows[1:]))["goal_most"] == []


@pytest.mark.parametrize(
    "part", ["best", "worst", "latest_moves", "moves", "common_year", "strategies", "goal_most", "weak_only"]
)
def test_every_part_of_the_summary_is_computed(part):
    assert findings(published()).get(part)
