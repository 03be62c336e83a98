"""What the report says about the UN Survey's editions (analysis/surveys.py): 2008 is the
first two-yearly edition, not "the first edition of the EGDI proper" (the index took that
name in 2010, with the same three components since 2003), and every year it names is
computed from the editions the files hold."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from conftest import ROOT
from digidip.analysis import surveys

EDITIONS = [2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024]
CODE = ROOT / "workflow" / "digidip"


def test_the_editions_are_yearly_then_two_yearly_and_renamed_in_2010():
    h = surveys.history(EDITIONS, 2008)
    assert h["first"] == 2003 and h["yearly"] == [2003, 2004, 2005]
    assert h["two_yearly_from"] == 2008 and h["compared_from"] == 2008
    assert (h["readiness_until"], h["renamed"]) == (2008, 2010)


def test_what_the_files_do_not_show_is_not_said():
    # Files without the 2010 edition: no renaming year to state.
    h = surveys.history([2003, 2004, 2005, 2008], 2008)
    assert h["renamed"] is None and h["readiness_until"] == 2008
    # An irregular run after the yearly editions is not called two-yearly.
    assert surveys.history([2003, 2004, 2008, 2011, 2012], 2008)["two_yearly_from"] is None
    assert surveys.history([], 2008) == {}


def test_the_names_rest_on_registered_sources():
    registered = {s["id"]: s for s in yaml.safe_load((ROOT / "data/raw/sources.yaml").read_text())["sources"]}
    for sid in surveys.NAME_SOURCES:
        assert registered[sid]["url"], sid
    assert "Readiness Index" in registered["unpan-2008-egov-readiness"]["title"]
    assert "E-Government Survey 2010" in registered["un-ilibrary-egov-survey-2010"]["title"]


def test_no_code_or_template_calls_2008_the_first_egdi():
    for path in [*CODE.rglob("*.py"), *CODE.rglob("*.j2")]:
        text = path.read_text(encoding="utf-8")
        assert "EGDI proper" not in text, path
        assert "by another method" not in text and "(another method)" not in text, path


def test_the_summary_and_limitations_word_the_computed_history():
    templates = CODE / "render" / "templates"
    for name in ("summary.html.j2", "limitations.html.j2"):
        text = (templates / name).read_text(encoding="utf-8")
        assert "egdi_history" in text, name
        # Years come from the content, not the template.
        assert not re.search(r"20(0[3-9]|10)", text.split("egdi_history", 1)[1].split("</li>", 1)[0]), name


def test_the_report_names_the_index_after_its_sources():
    """The published edition (rebuilt after a change here)."""
    report = Path(ROOT / "reports" / "report.html").read_text(encoding="utf-8")
    assert "EGDI proper" not in report
    limits = report.split("<strong>Breaks in the series.</strong>", 1)[1].split("</li>", 1)[0]
    assert "e-government readiness index up to the 2008 edition" in limits
    assert "E-Government Development Index from 2010" in limits
    for sid in surveys.NAME_SOURCES:
        assert f'href="#src-{sid}"' in limits, sid


def test_the_names_are_stated_only_with_their_sources():
    h = surveys.history(EDITIONS, 2008, registered={"unpan-2008-egov-readiness"})
    assert h["sources"] == [] and h["renamed"] == 2010  # the template then leaves the names out
    assert surveys.history(EDITIONS, 2008, registered=set(surveys.NAME_SOURCES))["sources"] == sorted(
        surveys.NAME_SOURCES
    )
