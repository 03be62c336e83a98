"""EGDI groups (official/egdi_groups.py) and change since the previous edition
(official/changes.py), computed from the real survey files and checked against what
published sources say of them (each source's address is beside its check)."""

from __future__ import annotations

import pytest

from conftest import ROOT, SNAPSHOTS
from digidip.official import benchmarks, changes, egdi_groups, snapshots
from digidip.official.egdi import NOT_ASSESSED, NOT_RANKED
from digidip.official.factbase import dictionary, names
from digidip.tidy import datapackage, tables

VH, H, M, L = (name for name, _, _ in egdi_groups.GROUPS)


@pytest.fixture(scope="module")
def official():
    """The UN survey files extracted in this process (the other datasets are not needed)."""
    datasets = {"undesa-egdi": snapshots.read_dataset(SNAPSHOTS / "undesa" / "egdi", ROOT)[0]}
    return benchmarks.from_snapshots(
        datasets, names(ROOT / "data" / "raw", ROOT), dictionary(ROOT / "data" / "raw", ROOT), {"egdi_rank"}
    )


@pytest.fixture(scope="module")
def groups(official):
    return egdi_groups.group_rows(official.observations)


@pytest.fixture(scope="module")
def group_of(groups):
    return {(r["country"], r["year"]): r["group"] for r in groups}


@pytest.fixture(scope="module")
def change(official):
    rows = changes.compute(official.observations, {"egdi_rank"})
    return {(r["country"], r["indicator"], r["year"]): r for r in rows}


# --- The counts the sources publish ---------------------------------------------------------


def test_2024_counts_are_the_published_ones(groups):
    """https://intosairussia.org/news-media/brief-reviews/un-e-government-survey-2024.html:
    '39% (76) ... very high ..., 32% (62) ... high ..., 23% (44) ... average ..., 6% (11) ... low'."""
    got = egdi_groups.counts(groups, 2024)
    assert got == {VH: 76, H: 62, M: 44, L: 11}
    assert [round(100 * n / 193) for n in got.values()] == [39, 32, 23, 6]


def test_2020_share_at_high_or_very_high_is_the_published_one(groups):
    """UN DESA press release, 10 July 2020 (https://www.scribd.com/document/498152758/):
    '65 per cent of Member States are at the high or very high EGDI level'."""
    got = egdi_groups.counts(groups, 2020)
    assert sum(got.values()) == 193
    assert round(100 * (got[VH] + got[H]) / 193) == 65


@pytest.mark.parametrize("year", [2016, 2018, 2020, 2022, 2024])
def test_every_member_has_a_group_in_every_edition_with_groups(groups, year):
    assert sum(egdi_groups.counts(groups, year).values()) == 193


def test_editions_before_the_groups_have_none(groups):
    early = [r for r in groups if r["year"] < egdi_groups.FIRST_EDITION]
    assert {r["year"] for r in early} == {2003, 2004, 2005, 2008, 2010, 2012, 2014}
    assert all(r["group"] is None and r["lower"] is None and r["no_group"] for r in early)


# --- Group memberships and movements the sources state ---------------------------------------


def test_uzbekistan_enters_very_high_in_2024(group_of, change):
    assert group_of[("UZB", 2022)] == H and group_of[("UZB", 2024)] == VH
    row = change[("UZB", "egdi", 2024)]
    assert (row["previous_group"], row["group"], row["group_changed"]) == (H, VH, True)
    assert row["change"] == pytest.approx(row["value"] - row["previous_value"]) and row["change"] > 0


def test_bhutan_bangladesh_cambodia_move_from_middle_to_high_in_2020(group_of, change):
    """2020 press release: 'Bhutan, Bangladesh and Cambodia ... advancing from the middle to
    the high ... (EGDI) group in 2020'."""
    for iso3 in ("BTN", "BGD", "KHM"):
        assert (group_of[(iso3, 2018)], group_of[(iso3, 2020)]) == (M, H)
        assert change[(iso3, "egdi", 2020)]["group_changed"] is True


def test_kazakhstan_first_very_high_in_2018(group_of):
    """https://bnews.kz/en/news/chairman_of_civil_service_agency__kazakhstan_among_states_with_the_highest_development_level_of_egovernment:
    'This year, Kazakhstan for the first time has entered the club of countries with the highest level'."""
    assert group_of[("KAZ", 2016)] == H and group_of[("KAZ", 2018)] == VH


def test_kyrgyzstan_high_in_2024_up_three_places(group_of, change):
    """https://24.kg/english/315294_E-Government_Development_Index_of_Kyrgyzstan_improves_by_three_positions/:
    'Kyrgyzstan rose to 78th place in 2024, compared to 81st place in 2022' and '0.7316,
    placing the country among those with a high level'."""
    assert group_of[("KGZ", 2024)] == H
    row = change[("KGZ", "egdi_rank", 2024)]
    assert (row["previous_value"], row["value"]) == (81, 78)
    assert row["rank_change"] == 3 and row["change"] == -3  # moved up: rank number fell


def test_kazakhstan_up_ten_places_in_2020(change):
    """225news.net, 'Kazakhstan topped the rating of the development of egov among the CIS
    countries' (2020): 'for the last 2 years, Kazakhstan has risen by 10 positions' (39th to 29th)."""
    row = change[("KAZ", "egdi_rank", 2020)]
    assert (row["previous_year"], row["previous_value"], row["value"]) == (2018, 39, 29)
    assert row["rank_change"] == 10


def test_a_fall_in_rank_is_a_negative_rank_change(change):
    falls = [r for r in change.values() if r["indicator"] == "egdi_rank" and r["rank_change"]]
    assert any(r["rank_change"] < 0 for r in falls) and any(r["rank_change"] > 0 for r in falls)
    for r in falls:
        assert r["rank_change"] == r["previous_value"] - r["value"] == -r["change"]


# --- Bounds and placeholders ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "group"),
    [(1.0, VH), (0.75, VH), (0.7499999, H), (0.5, H), (0.4999999, M), (0.25, M), (0.2499999, L), (0.0, L)],
)
def test_bounds_lower_inclusive(value, group):
    assert egdi_groups.group_of(value) == group


@pytest.mark.parametrize("value", [-0.01, 1.01])
def test_a_value_outside_0_1_is_refused(value):
    with pytest.raises(ValueError, match="between 0 and 1"):
        egdi_groups.group_of(value)


def test_no_real_value_lies_on_a_bound_so_the_inclusive_side_changes_no_group(groups):
    """Why the choice of inclusive side (Q-EGDI-group-bounds) does not matter for these files."""
    bounds = {lower for _, lower, _ in egdi_groups.GROUPS if lower > 0}
    grouped = [r for r in groups if r["group"]]
    assert not [r for r in grouped if r["value"] in bounds]

    def upper_inclusive(v: float) -> str:  # the other reading: a value on a bound goes down a group
        return next(name for name, lower, _ in egdi_groups.GROUPS if v > lower or lower == 0)

    assert all(upper_inclusive(r["value"]) == r["group"] for r in grouped)


def test_the_quality_record_names_the_values_nearest_each_bound(groups):
    import yaml

    doc = yaml.safe_load((ROOT / "data" / "raw" / "quality.yaml").read_text(encoding="utf-8"))
    item = next(i for i in doc["issues"] if i["id"] == "Q-EGDI-group-bounds")
    grouped = [r for r in groups if r["group"]]
    nearest = {min(grouped, key=lambda r, b=b: abs(r["value"] - b))["fact_id"] for b in (0.25, 0.5, 0.75)}
    assert set(item["facts"]) == nearest


def rows(*specs: tuple) -> list[dict]:
    return [
        {
            "entity_kind": "country",
            "country": c,
            "indicator": i,
            "year": y,
            "value": v,
            "flag": f,
            "source": "s",
            "fact_id": f"{c}-{i}-{y}",
        }
        for c, i, y, v, f in specs
    ]


def test_placeholders_get_no_group_and_are_never_compared():
    obs = rows(
        ("AAA", "egdi", 2018, 0.6, None),
        ("AAA", "egdi", 2020, 0.0, NOT_ASSESSED),
        ("AAA", "egdi", 2022, 0.8, None),
        ("BBB", "egdi", 2020, 0.0, NOT_RANKED),
    )
    g = {(r["country"], r["year"]): r for r in egdi_groups.group_rows(obs)}
    assert g[("AAA", 2018)]["group"] == H and g[("AAA", 2022)]["group"] == VH
    for key in (("AAA", 2020), ("BBB", 2020)):
        assert g[key]["group"] is None and "placeholder" in g[key]["no_group"]
    c = {(r["country"], r["year"]): r for r in changes.compute(obs, set())}
    assert c[("AAA", 2020)]["change"] is None and c[("AAA", 2020)]["previous_year"] is None
    later = c[("AAA", 2022)]  # compared with 2018: the placeholder is passed over
    assert (later["previous_year"], later["previous_group"], later["group_changed"]) == (2018, H, True)
    assert later["change"] == pytest.approx(0.2)


def test_a_state_missing_before_gets_no_change_not_zero(change):
    """South Sudan joined the UN in 2011: its 2003-2010 rows are not-ranked placeholders, so
    2012 is its first value, with nothing to compare."""
    first = change[("SSD", "egdi_rank", 2012)]
    assert first["flag"] is None and first["previous_year"] is None
    assert first["change"] is None and first["rank_change"] is None
    assert change[("SSD", "egdi", 2012)]["group_changed"] is None
    assert change[("SSD", "egdi_rank", 2014)]["previous_year"] == 2012


def test_the_first_value_of_a_series_has_empty_cells():
    obs = rows(("AAA", "egdi_rank", 2020, 10, None), ("AAA", "egdi_rank", 2022, 7, None))
    first, second = changes.compute(obs, {"egdi_rank"})
    assert all(first[k] is None for k in ("previous_year", "previous_value", "change", "rank_change"))
    assert (second["change"], second["rank_change"], second["previous_fact_id"]) == (-3, 3, "AAA-egdi_rank-2020")


def test_an_annual_series_compares_with_the_previous_year_with_a_value():
    obs = rows(*[("AAA", "internet_users_pct", y, v, None) for y, v in ((2015, 20.5), (2016, 22.0), (2019, 30.1))])
    by_year = {r["year"]: r for r in changes.compute(obs, {"egdi_rank"})}
    assert by_year[2016]["change"] == 1.5 and by_year[2016]["rank_change"] is None
    assert by_year[2019]["previous_year"] == 2016 and by_year[2019]["change"] == 8.1  # rounded, not 8.100000000000001


def test_a_year_given_twice_is_refused():
    obs = rows(("AAA", "egdi", 2020, 0.5, None), ("AAA", "egdi", 2020, 0.6, None))
    with pytest.raises(ValueError, match="more than one official value"):
        changes.compute(obs, set())


# --- The published tables -------------------------------------------------------------------


def test_the_tables_are_registered_with_keys_and_described():
    for name in ("egdi-groups.csv", "changes.csv"):
        assert name in tables.TABLES
        columns = tables.TABLES[name][1]
        schema = datapackage.schema(name, columns)
        assert schema["primaryKey"] == tables.PRIMARY_KEYS[name]
        described = {f["name"]: f for f in schema["fields"]}
        assert not [c for c in columns if described[c]["description"] == c.replace("_", " ").capitalize() + "."]
    fields = {f["name"]: f["type"] for f in datapackage.schema("changes.csv", changes.COLUMNS)["fields"]}
    assert fields["rank_change"] == "integer" and fields["group_changed"] == "boolean"


def test_every_key_is_unique_and_every_value_has_its_change_row(official, groups):
    assert len({(r["country"], r["year"]) for r in groups}) == len(groups)
    values = [r for r in official.observations if r["entity_kind"] == "country"]
    rows_ = changes.compute(values, {"egdi_rank"})
    assert [r["fact_id"] for r in rows_] == sorted((r["fact_id"] for r in values), key=_key(values))
    assert len({(r["country"], r["indicator"], r["year"]) for r in rows_}) == len(rows_) == len(values)


def _key(values: list[dict]):
    order = {r["fact_id"]: (r["country"], r["indicator"], r["year"]) for r in values}
    return order.__getitem__
