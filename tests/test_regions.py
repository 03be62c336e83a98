"""UN regions and the World Bank's income groups of each year: the classifications the
benchmarks group states by, read from their snapshots and checked against other copies."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from conftest import ROOT, SNAPSHOTS
from digidip.official import benchmarks, classes, extract
from digidip.official.data import Official
from digidip.official.factbase import dictionary, names
from digidip.official.layouts import LayoutError
from digidip.official.snapshots import Snapshot, read_dataset

TIDY = ROOT / "data" / "tidy"
CENTRAL_ASIA = ("KAZ", "KGZ", "TJK", "TKM", "UZB")


def _groups(folder: str) -> list[dict]:
    snaps, problems = read_dataset(SNAPSHOTS / folder, ROOT)
    assert not problems
    observations, groups = extract.extract_dataset(
        snaps, names(ROOT / "data" / "raw", ROOT), dictionary(ROOT / "data" / "raw", ROOT)
    )
    assert observations == []  # a classification, not values
    return groups


@pytest.fixture(scope="module")
def m49() -> dict[str, dict[str, str]]:
    return Official([], _groups("unsd/m49")).classifications()


@pytest.fixture(scope="module")
def income() -> Official:
    return Official([], _groups("worldbank/income-history"))


def _survey_2024() -> list[dict]:
    path = SNAPSHOTS / "undesa/egdi/2024/EGOV_DATA_2024.csv"
    return list(csv.DictReader(path.open(encoding="utf-8-sig")))


def test_central_asia_is_asia_and_ukraine_eastern_europe(m49):
    for iso3 in CENTRAL_ASIA:
        assert m49[iso3] == {"un_region": "Asia", "un_subregion": "Central Asia"}
    assert m49["UKR"] == {"un_region": "Europe", "un_subregion": "Eastern Europe"}
    members = set(pd.read_csv(TIDY / "countries.csv").query("un_member")["country"])
    assert len(members) == 193 and all(m49[c].get("un_region") for c in members)


def test_m49_agrees_with_the_survey_copys_region_column_but_for_three(m49):
    """The maker of the 2024 copy added a continent column: compared state by state."""
    resolve = names(ROOT / "data" / "raw", ROOT)
    differ = {}
    rows = _survey_2024()
    for r in rows:
        iso3 = resolve.iso3(r["Country"].strip())
        theirs = {"America": "Americas"}.get(r["Region"].strip(), r["Region"].strip())
        if theirs != m49[iso3]["un_region"]:
            differ[iso3] = (theirs, m49[iso3]["un_region"])
    assert len(rows) == 193
    assert differ == {"ARM": ("Europe", "Asia"), "NIC": ("Europe", "Americas"), "FJI": ("Asia", "Oceania")}


def test_income_groups_are_those_of_their_year(income):
    group = {k: v["wb_income_group"] for k, v in income.yearly_classifications().items()}
    # Today's classification would make both upper middle income in 2003.
    assert group[("UKR", 2003)] == group[("TKM", 2003)] == "Lower middle income"
    assert group[("UKR", 2024)] == "Upper middle income"
    assert group[("UZB", 2003)] == "Low income" and group[("UZB", 2024)] == "Lower middle income"
    # Venezuela: classified until fiscal year 2021, unclassified since fiscal year 2022.
    assert group[("VEN", 2020)] == "Upper middle income"
    assert not any(("VEN", y) in group for y in range(2021, 2026))


def test_a_year_takes_the_classification_in_force_on_1_july(income):
    """Fiscal year X runs July X-1 to June X: the value of year Y takes fiscal year Y+1."""
    rows = [g for g in income.groups if g["country"] == "KAZ" and g["year"] == 2024]
    assert len(rows) == 1 and rows[0]["locator"].endswith("(KAZ, FY25)")
    assert classes.IN_FORCE == 1


def test_fiscal_2025_agrees_with_the_wdi_metadata(income):
    """The WDI download of 2024 carries the classification of fiscal year 2025 (year 2024 here)."""
    path = SNAPSHOTS / "worldbank/wdi-internet-users/v2_2160/Metadata_Country_API_IT.NET.USER.ZS_DS2_en_csv_v2_2160.csv"
    economies = [r for r in csv.DictReader(path.open(encoding="utf-8-sig")) if r["Region"].strip()]
    ours = {c: v["wb_income_group"] for (c, y), v in income.yearly_classifications().items() if y == 2024}
    assert len(economies) == 217
    # Equal for every economy; Venezuela has no group in either.
    assert {
        r["Country Code"] for r in economies if (r["IncomeGroup"].strip() or None) != ours.get(r["Country Code"])
    } == set()
    assert "VEN" not in ours


def test_benchmarks_group_by_un_region_and_the_years_income_group():
    b = pd.read_csv(TIDY / "benchmarks.csv")
    egdi = b[(b["indicator"] == "egdi") & (b["statistic"] == "median")]
    scopes = set(egdi["scope"])
    assert {"world", "un-region", "un-subregion", "wb-region", "income-group"} <= scopes
    asia = egdi[(egdi["scope"] == "un-region") & (egdi["group"] == "Asia") & (egdi["year"] == 2024)]
    uzb = pd.read_csv(TIDY / "observations.csv").query("country == 'UZB' and indicator == 'egdi' and year == 2024")
    assert float(uzb["value"].iloc[0]) > float(asia["value"].iloc[0])  # above its UN region
    ca = egdi[(egdi["scope"] == "un-subregion") & (egdi["group"] == "Central Asia") & (egdi["year"] == 2024)]
    assert int(ca["n"].iloc[0]) == 5


def test_an_income_group_median_counts_the_states_of_that_year(income):
    observations = [
        {"entity_kind": "country", "country": c, "indicator": "egdi", "year": 2003, "value": v, "flag": None}
        for c, v in (("UKR", 0.4), ("TKM", 0.2), ("KAZ", 0.3), ("VEN", 0.9))
    ] + [
        {"entity_kind": "country", "country": c, "indicator": "egdi_rank", "year": 2024, "value": 1, "flag": None}
        for c in ("UKR", "TKM", "KAZ", "VEN")
    ]
    official = Official(observations, income.groups)
    rows = benchmarks.compute(official, better_low=set())
    lm = [r for r in rows if r["scope"] == "income-group" and r["statistic"] == "median" and r["indicator"] == "egdi"]
    # 2003: Ukraine, Turkmenistan and Kazakhstan were lower middle income; Venezuela upper middle.
    assert {(r["group"], r["n"], r["value"]) for r in lm} == {
        ("Lower middle income", 3, 0.3),
        ("Upper middle income", 1, 0.9),
    }


def test_an_unknown_income_code_names_its_cell(tmp_path):
    src = SNAPSHOTS / "worldbank/income-history/FY26/OGHIST.xlsx"
    bad = tmp_path / "OGHIST.xlsx"
    shutil.copy(src, bad)
    book = load_workbook(bad)
    sheet = book["Country Analytical History"]
    row = next(r for r in sheet.iter_rows(min_row=12) if r[0].value == "KAZ")
    row[20].value = "XX"
    book.save(bad)
    meta = read_dataset(SNAPSHOTS / "worldbank/income-history", ROOT)[0][0].meta
    with pytest.raises(LayoutError) as e:
        list(classes.income_history(Snapshot(bad, meta, "OGHIST.xlsx")))
    assert "cell U" in str(e.value) and "KAZ" in str(e.value) and "'XX'" in str(e.value)


def test_a_sheet_neither_read_nor_declared_unused_is_an_error(tmp_path):
    bad = tmp_path / "OGHIST.xlsx"
    shutil.copy(SNAPSHOTS / "worldbank/income-history/FY26/OGHIST.xlsx", bad)
    book = load_workbook(bad)
    book.create_sheet("Notes")
    book.save(bad)
    meta = read_dataset(SNAPSHOTS / "worldbank/income-history", ROOT)[0][0].meta
    with pytest.raises(LayoutError, match="Notes"):
        list(classes.income_history(Snapshot(bad, meta, "OGHIST.xlsx")))


def test_the_report_names_the_peer_groups_and_the_unclassified():
    html = (ROOT / "reports" / "report.html").read_text(encoding="utf-8")
    assert 'id="table-peers"' in html
    assert "in force on 1 July" in html
    assert "Venezuela" in html.split("Peer groups.")[1].split("</li>")[0]
    assert Path(TIDY / "classifications.csv").exists()


def test_a_predecessor_stands_in_only_where_the_state_has_no_group(income):
    """The surveys' Serbia of 2003-2005 is Serbia and Montenegro, classified under YUG."""
    rows = {g["year"]: g for g in income.groups if g["country"] == "SRB"}
    assert rows[2003]["value"] == "Lower middle income" and "(YUG, FY04)" in rows[2003]["locator"]
    assert "(SRB, FY08)" in rows[2007]["locator"]  # its own group from fiscal year 2008
    assert not any(g["country"] == "YUG" for g in income.groups if g["year"] and g["year"] >= 2003)


def test_each_group_is_published_once_per_state_and_year():
    c = pd.read_csv(TIDY / "classifications.csv", dtype=str, keep_default_na=False)
    assert not c.duplicated(["country", "classification", "year"]).any()
    assert set(c["classification"]) == {
        "un_region",
        "un_subregion",
        "wdi_region",
        "wdi_income_group",
        "wb_income_group",
    }
    assert (c.loc[c["classification"] == "wb_income_group", "year"] != "").all()
