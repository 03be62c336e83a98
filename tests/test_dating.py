"""Dates say what the sources support: a thing a source only shows in force prints as
"by <year>" and is drawn as such; an inferred date says so; a stated one is as given
(checked on the published tables, pages and figure)."""

from __future__ import annotations

import base64
import re
from functools import cache

import pytest
import yaml

from conftest import ROOT
from digidip.analysis import plotting
from digidip.tidy.presentation import DATE_FORMS
from digidip.tidy.read import read_tables


@cache
def events():
    return read_tables(ROOT / "data" / "tidy").events.set_index("fact_id")


def test_every_date_prints_in_the_form_of_its_dating():
    """Only a quality rule's date label may print a date otherwise (test_quality_rules.py)."""
    doc = yaml.safe_load((ROOT / "data/raw/quality.yaml").read_text(encoding="utf-8"))
    labelled = {r["date_label"] for q in doc["issues"] for r in q.get("rules") or [] if "date_label" in r}
    for fid, e in events().iterrows():
        if fid not in labelled:
            assert e["report_date"] == DATE_FORMS[e["dating"]].format(date=e["date"]), fid


@pytest.mark.parametrize(
    "fact",
    [
        "TKM-law-cyber-security",
        "TKM-law-information-protection",
        "TKM-law-internet-regulation",
        "TKM-law-communications",
    ],
)
def test_the_turkmen_laws_turayeva_lists_stay_in_force_by_2023(fact):
    e = events().loc[fact]
    assert e["dating"] == "attested" and e["report_date"] == "by 2023"


@pytest.mark.parametrize(
    ("fact", "printed"),
    [
        ("TKM-law-communications-2010", "2010-03-12"),
        ("TKM-law-information-2014", "2014-05-03"),
        ("TKM-law-internet-2014", "2014-12"),
        ("TKM-law-cyber-security", "by 2023"),  # only its draft is dated (2019-09-06)
    ],
)
def test_the_turkmen_laws_print_with_the_date_a_registered_source_states(fact, printed):
    """Where a legal text or an official release states a law's date, the page lists the law
    with it; Turayeva's undated mention is not listed beside it (Q-TKM-laws-dates)."""
    page = (ROOT / "reports/countries/TKM.html").read_text(encoding="utf-8")
    row = re.search(rf'<tr id="pfact-{fact}"><td class="num">([^<]+)</td>', page)
    assert row and row.group(1) == printed
    for hidden in ("TKM-law-communications", "TKM-law-information-protection", "TKM-law-internet-regulation"):
        assert f'<tr id="pfact-{hidden}">' not in page


def test_diia_and_the_ministry_are_attested_not_dated_launches():
    ev = events()
    ukr = ev[
        (ev["country"] == "UKR")
        & ev["title"].str.contains("Diia, the state platform|Ministry of Digital Transformation of Ukraine", regex=True)
    ]
    assert len(ukr) == 2
    assert set(ukr["dating"]) == {"attested"} and all(d.startswith("by ") for d in ukr["report_date"])
    # Their creation and launch are facts of their own, dated as outside pages state them.
    assert ev.loc["UKR-mintsyfra-created-2019", "report_date"] == "2019-09-02"
    assert ev.loc["UKR-diia-launch-2020", "report_date"] == "2020-02-06"


def test_the_osce_cooperation_stays_inferred_and_reads_as_the_source_words_it():
    e = events().loc["TKM-osce-cooperation"]
    assert e["dating"] == "inferred"
    assert e["report_date"] == "about thirty years by 2023"


def test_an_attested_strategy_never_fills_the_adoption_column():
    report = (ROOT / "reports/report.html").read_text(encoding="utf-8")
    table = report.split("National digital strategy (period): adopted")[1].split("</table>")[0]
    rows = {m.group(1): m.group(0) for m in re.finditer(r'<th scope="row">([^<]+)</th>.*?</tr>', table, re.S)}
    names = read_tables(ROOT / "data" / "tidy").countries.set_index("country")["name"]
    strategies = events()[events()["roles"].map(lambda r: "national-digital-strategy" in r) & events()["shown"]]
    for fid, e in strategies.iterrows():
        row = rows[names[e["country"]]]
        if e["dating"] == "attested":
            assert f"under way {e['report_date']}" in row and "adoption date not in the sources" in row, fid
        else:
            assert e["report_date"] in row and "under way" not in row, fid
    # Uzbekistan's strategy: adopted in October 2020 (a USAID page), no longer "under way by 2022".
    assert "2020-10" in rows["Uzbekistan"] and "under way" not in rows["Uzbekistan"]


def figure_svg(name: str) -> str:
    report = (ROOT / "reports/report.html").read_text(encoding="utf-8")
    # The figure may sit in a scrolling frame of its own (the phone layout).
    m = re.search(rf'<figure id="fig-{name}">.*?<img src="data:image/svg\+xml;base64,([^"]+)"', report, re.S)
    assert m, name
    return base64.b64decode(m.group(1)).decode()


def test_the_timeline_legend_explains_every_kind_of_date_mark():
    svg = figure_svg("timeline")
    for style in plotting.DATING_MARKS.values():
        assert style["label"] in svg
