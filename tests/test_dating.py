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
def test_the_turkmen_laws_turayeva_lists_print_as_in_force_by_2023(fact):
    e = events().loc[fact]
    assert e["dating"] == "attested" and e["report_date"] == "by 2023"
    page = (ROOT / "reports/countries/TKM.html").read_text(encoding="utf-8")
    row = re.search(rf'<tr id="pfact-{fact}"><td class="num">([^<]+)</td>', page)
    assert row and row.group(1) == "by 2023"


def test_diia_and_the_ministry_are_attested_not_dated_launches():
    ev = events()
    ukr = ev[
        (ev["country"] == "UKR")
        & ev["title"].str.contains("Diia, the state platform|Ministry of Digital Transformation of Ukraine", regex=True)
    ]
    assert len(ukr) == 2
    assert set(ukr["dating"]) == {"attested"} and all(d.startswith("by ") for d in ukr["report_date"])


def test_the_osce_cooperation_stays_inferred_and_reads_as_the_source_words_it():
    e = events().loc["TKM-osce-cooperation"]
    assert e["dating"] == "inferred"
    assert e["report_date"] == "about thirty years by 2023"


def test_an_attested_strategy_never_fills_the_adoption_column():
    report = (ROOT / "reports/report.html").read_text(encoding="utf-8")
    table = report.split("National digital strategy (period): adopted")[1].split("</table>")[0]
    rows = {m.group(1): m.group(0) for m in re.finditer(r'<th scope="row">([^<]+)</th>.*?</tr>', table, re.S)}
    names = read_tables(ROOT / "data" / "tidy").countries.set_index("country")["name"]
    attested = events()[
        (events()["dating"] == "attested") & events()["roles"].map(lambda r: "national-digital-strategy" in r)
    ]
    assert not attested.empty  # Uzbekistan's programme, in this edition
    for fid, e in attested.iterrows():
        row = rows[names[e["country"]]]
        assert f"under way {e['report_date']}" in row and "adoption date not in the sources" in row, fid


def figure_svg(name: str) -> str:
    report = (ROOT / "reports/report.html").read_text(encoding="utf-8")
    m = re.search(rf'<figure id="fig-{name}">\s*<img src="data:image/svg\+xml;base64,([^"]+)"', report)
    assert m, name
    return base64.b64decode(m.group(1)).decode()


def test_the_timeline_legend_explains_every_kind_of_date_mark():
    svg = figure_svg("timeline")
    for style in plotting.DATING_MARKS.values():
        assert style["label"] in svg
