"""How a country page describes a series (analysis/profile.py, series_span): from its first
non-zero year, counting only the values the publisher reported, never years filled in with
the last reported value."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import ROOT
from digidip.analysis.profile import series_span


def series(pairs: list[tuple[int, float]]) -> list[dict]:
    return [{"year": y, "value": v} for y, v in pairs]


def test_years_of_zero_before_the_first_value_are_no_observations():
    span = series_span(series([(1960, 0), (1965, 0), (1970, 0), (1993, 0.01), (1994, 0.05), (1995, 0.2)]))
    assert span == {"first_year": 1993, "n_values": 3, "carried": 0, "zeros_before": 3}


def test_a_zero_after_the_first_value_is_a_value():
    span = series_span(series([(2000, 1.5), (2001, 0), (2002, 2.25)]))
    assert (span["first_year"], span["n_values"]) == (2000, 3)


def test_values_carried_forward_between_five_yearly_reports_are_not_counted():
    # Ukraine's fixed lines: reported in 1960 and 1965, the years between repeat 1960's value
    # with fewer digits.
    span = series_span(
        series([(1960, 2.8127978), (1961, 2.8128), (1962, 2.8128), (1963, 2.8128), (1964, 2.8128), (1965, 3.5349793)])
    )
    assert span == {"first_year": 1960, "n_values": 2, "carried": 4, "zeros_before": 0}


@pytest.mark.parametrize(
    "pairs",
    [
        [(2004, 6), (2005, 6)],  # a rank kept from one edition to the next
        [(2008, 15.7), (2009, 16)],  # a new value at coarser precision
        [(2004, 0.9), (2005, 0.9)],  # an index that did not move at two digits
        [(2010, 12.3456), (2012, 12.346)],  # not the year straight after
    ],
)
def test_a_repeat_that_may_be_real_is_counted(pairs):
    assert series_span(series(pairs))["carried"] == 0


def test_an_all_zero_series_has_no_first_year():
    assert series_span(series([(1990, 0), (1991, 0)])) == {
        "first_year": None,
        "n_values": 0,
        "carried": 0,
        "zeros_before": 2,
    }


def official(iso3: str, indicator: str) -> list[dict]:
    obs = pd.read_csv(ROOT / "data/tidy/observations.csv")
    sel = obs[(obs["country"] == iso3) & (obs["indicator"] == indicator)]
    return sel[["year", "value"]].to_dict("records")


def test_the_mobile_series_starts_where_subscriptions_start_not_in_1960():
    obs = official("UKR", "mobile_cellular_per100")
    span = series_span(obs)
    assert min(o["year"] for o in obs) == 1960 and span["first_year"] > 1990
    assert span["n_values"] + span["zeros_before"] == len(obs) and span["carried"] == 0


def test_ukraine_fixed_lines_count_only_reported_values():
    obs = official("UKR", "fixed_telephone_per100")
    span = series_span(obs)
    assert span["carried"] == 12  # 1961-1964, 1966-1969, 1971-1974
    assert span["n_values"] == len(obs) - 12 and span["first_year"] == 1960
