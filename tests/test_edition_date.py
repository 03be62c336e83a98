"""The edition is dated by the newest input it uses, at or after that input's publication
(common/provenance.py): a publisher's "2024-09" may mean 17 September, so a date of the
month's first day would put the edition before the data it reports."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from conftest import ROOT
from digidip.common import provenance


@pytest.mark.parametrize(
    ("date", "end"),
    [
        ("2024", dt.date(2024, 12, 31)),
        ("2024-09", dt.date(2024, 9, 30)),
        ("2024-02", dt.date(2024, 2, 29)),
        ("2023-02", dt.date(2023, 2, 28)),
        ("2024-09-17", dt.date(2024, 9, 17)),
    ],
)
def test_a_date_ends_on_the_last_day_it_can_mean(date, end):
    assert provenance.period_end(date) == end


def test_the_2024_survey_month_dates_the_edition_after_its_launch():
    # The 2024 Survey was launched on 17 September 2024; its file is dated "2024-09".
    assert provenance.edition_label(["2024-06", "2024-09"]) == "2024-09"
    assert provenance.edition_date(["2024-06", "2024-09"]) >= dt.date(2024, 9, 17)


def test_a_coarse_date_outranks_a_precise_one_it_may_follow():
    assert provenance.edition_label(["2024-09-17", "2024-09"]) == "2024-09"
    assert provenance.edition_label(["2025-07", "2025"]) == "2025"
    assert provenance.edition_label(["2025-01-14", "2024-12"]) == "2025-01-14"


def test_the_edition_day_is_never_before_any_input_it_uses():
    """Every publication date of the real inputs (sources and the publishers' files)."""
    dates = [s["published"] for s in yaml.safe_load((ROOT / "data/raw/sources.yaml").read_text())["sources"]]
    for sidecar in sorted((ROOT / "data/snapshots").rglob("*.meta.yaml")):
        dates.append(yaml.safe_load(sidecar.read_text(encoding="utf-8")).get("published"))
    dates = [str(d) for d in dates if d]
    day = provenance.edition_date(dates)
    assert all(day >= provenance.period_end(d) for d in dates)
    assert provenance.period_end(provenance.edition_label(dates)) == day
