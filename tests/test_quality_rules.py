"""The published edition follows the quality record's decisions: each rule in
data/raw/quality.yaml is checked against the tables and the pages a reader opens."""

from __future__ import annotations

import html
import re
from functools import cache

import pytest
import yaml

from conftest import ROOT
from digidip.tidy.read import read_tables

RAW = ROOT / "data" / "raw"
REPORTS = ROOT / "reports"


@cache
def rules() -> list[tuple[str, dict]]:
    doc = yaml.safe_load((RAW / "quality.yaml").read_text(encoding="utf-8"))
    return [(q["id"], r) for q in doc["issues"] for r in q.get("rules") or []]


def rules_of(kind: str) -> list[tuple[str, dict]]:
    return [(i, r) for i, r in rules() if kind in r]


@cache
def tables():
    return read_tables(ROOT / "data" / "tidy")


def dated(fact_id: str) -> dict:
    t = tables()
    for df in (t.events, t.context):
        hit = df[df["fact_id"] == fact_id]
        if not hit.empty:
            return hit.iloc[0].to_dict()
    raise AssertionError(f"{fact_id} is in neither events.csv nor context.csv")


@cache
def page_text(iso3: str) -> str:
    """The country page as a reader sees its words (tags dropped, entities decoded)."""
    raw = (REPORTS / "countries" / f"{iso3}.html").read_text(encoding="utf-8")
    return html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<img[^>]*>", "", raw)))


@cache
def timeline_rows(iso3: str) -> set[str]:
    """Fact ids listed in the country page's table of dated facts."""
    raw = (REPORTS / "countries" / f"{iso3}.html").read_text(encoding="utf-8")
    return set(re.findall(r'<tr id="pfact-([^"]+)"', raw))


def test_the_record_has_rules_of_every_kind():
    for kind in ("lead", "date_label", "title", "not_as", "cited_only"):
        assert rules_of(kind), f"no {kind} rule: this test would check nothing"


@pytest.mark.parametrize(("issue", "rule"), rules_of("lead"), ids=lambda v: v if isinstance(v, str) else "")
def test_a_lead_fact_is_listed_and_the_facts_it_leads_are_not(issue, rule):
    lead = dated(rule["lead"])
    assert lead["shown"] and rule["lead"] in timeline_rows(lead["country"])
    for over in rule["over"]:
        row = dated(over)
        assert not row["shown"], f"{issue}: {over} is still shown"
        assert over not in timeline_rows(row["country"])


@pytest.mark.parametrize(("issue", "rule"), rules_of("date_label"), ids=lambda v: v if isinstance(v, str) else "")
def test_a_date_label_replaces_the_date(issue, rule):
    row = dated(rule["date_label"])
    assert row["report_date"] == rule["text"]
    assert rule["text"] in page_text(row["country"])


@pytest.mark.parametrize(("issue", "rule"), rules_of("title"), ids=lambda v: v if isinstance(v, str) else "")
def test_a_title_rule_replaces_the_title(issue, rule):
    row = dated(rule["title"])
    assert row["report_title"] == rule["text"] != row["title"]
    text = page_text(row["country"])
    assert rule["text"] in text and row["title"] not in text


@pytest.mark.parametrize(("issue", "rule"), rules_of("not_as"), ids=lambda v: v if isinstance(v, str) else "")
def test_a_fact_withheld_from_a_role_never_fills_it(issue, rule):
    row = dated(rule["fact"])
    assert rule["not_as"] in row["tags"] and rule["not_as"] not in row["roles"]
    report = (REPORTS / "report.html").read_text(encoding="utf-8")
    name = tables().countries.set_index("country").loc[row["country"], "name"]
    line = next(r for r in re.findall(r"<tr>.*?</tr>", report, re.S) if f'<th scope="row">{name}</th>' in r)
    ev = tables().events
    filled = ev[(ev["country"] == row["country"]) & ev["roles"].map(lambda r: rule["not_as"] in r) & ev["shown"]]
    if filled.empty:
        assert "not established" in line
    else:  # another fact fills the role (Kazakhstan's portal of 2006): never the withheld one
        assert f'href="#fact-{rule["fact"]}"' not in line
        assert any(f'href="#fact-{fid}"' in line for fid in filled["fact_id"])


@cache
def report_body() -> str:
    """The report's words up to its fact index (an appendix listing every record as recorded)."""
    raw = (REPORTS / "report.html").read_text(encoding="utf-8")
    raw = raw.split('<section id="facts">')[0]
    return html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<img[^>]*>", "", raw)))


@pytest.mark.parametrize("fact", [f for _, r in rules_of("cited_only") for f in r["cited_only"]], ids=lambda v: v)
def test_a_fact_that_rests_on_a_reference_title_always_reads_as_cited(fact):
    row = dated(fact)
    assert row["cited_only"]
    title = row["report_title"]
    texts = [report_body()] + ([page_text(row["country"])] if "country" in row else [])
    seen = 0
    for text in texts:
        for m in re.finditer(re.escape(title), text):
            seen += 1
            before = " ".join(text[max(0, m.start() - 60) : m.start()].split())
            assert before.lower().endswith("cited by the article:"), f"{fact} printed without the mark: ...{before}"
    assert seen, f"{fact} is never printed"


@pytest.mark.parametrize(
    "path",
    [
        "reports/report.html",
        "data/tidy/quality.csv",
        *[f"reports/countries/{c}.html" for c in ("KAZ", "KGZ", "TJK", "TKM", "UKR", "UZB")],
    ],
)
def test_the_record_states_decisions_it_has_taken_not_wishes(path):
    """A handling text says what was done; 'the report should ...' would leave the reader unsure it was."""
    text = (ROOT / path).read_text(encoding="utf-8")
    assert not re.search(r"\b(?:report|reader)s? (?:should|must|ought)\b", text, re.I)
