"""One rounding and one percentile: every printed number is the stored exact value rounded
once (half up, in decimal), and a state has one percentile per edition, from its index."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import ROOT
from digidip.analysis.numbers import num, rounded


@pytest.mark.parametrize(
    ("value", "kind", "printed"),
    [
        (47.1503, "percent", "47.2"),  # rounded twice (47.15, then 47.1) it would lose a tenth
        (69.948, "percent", "69.9"),  # rounded twice (69.95, then 70.0) it would gain one
        (81.053, "percent", "81.1"),
        (47.15, "percent", "47.2"),  # half up in decimal (binary rounding prints 47.1)
        (0.90093, "index", "0.901"),
        (0.0004, "index", "0.000"),
        (-0.04, "percent", "0.0"),  # never a negative zero
        (133, "rank", "133"),
        (600000, "amount", "600\u2009000"),
    ],
)
def test_a_number_is_rounded_once_from_its_stored_value(value, kind, printed):
    assert num(value, kind) == printed


def test_rounded_uses_the_shortest_decimal_form():
    assert rounded(2.675, 2) == "2.68"  # 2.675 is stored as 2.67499999... in binary
    assert rounded(1.0, 3) == "1.000"


def test_percentiles_are_stored_exact():
    b = pd.read_csv(ROOT / "data" / "tidy" / "benchmarks.csv")
    pct = b[b["statistic"] == "percentile"]["value"]
    # Percentiles are k/n*100 for n members: most have more than two decimals when exact.
    assert (pct.round(2) != pct).sum() > len(pct) / 4


def test_a_rank_has_the_percentile_of_its_index():
    """One percentile per state and edition: the EGDI rank's is the EGDI's (the publisher broke
    Tajikistan's 2020 tie in rank but not in value)."""
    b = pd.read_csv(ROOT / "data" / "tidy" / "benchmarks.csv")
    pct = b[b["statistic"] == "percentile"].set_index(["indicator", "year", "group"])["value"]
    rank, index = pct.loc["egdi_rank"], pct.loc["egdi"]
    assert len(rank) >= 60  # the six countries in every edition they are ranked in
    assert (rank == index.loc[rank.index]).all()
    assert pct.loc[("egdi_rank", 2020, "TJK")] == pct.loc[("egdi", 2020, "TJK")]
