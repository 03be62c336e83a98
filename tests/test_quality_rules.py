"""The published edition follows the quality record's decisions in every place it prints a
fact: the country pages, and the report (summary, comparison tables, timelines, profiles,
context, quality record, fact index) and its PDF. Each rule kind of data/raw/quality.yaml
has a check here (``CHECKED``, compared with the schema), run against every place; the
evidence rules of the raw files (one home per fact, a strategy is not also a practice,
actions are the country's own, partners are not the country's own bodies) are checked on the
published tables."""

from __future__ import annotations

import re
import subprocess
from functools import cache
from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html

from conftest import ROOT
from digidip.analysis.numbers import amount
from digidip.render.html import anchor
from digidip.tidy.read import read_tables

RAW = ROOT / "data" / "raw"
REPORTS = ROOT / "reports"
PAGES = {iso3: REPORTS / "countries" / f"{iso3}.html" for iso3 in ("KAZ", "KGZ", "TJK", "TKM", "UKR", "UZB")}
REPORT = REPORTS / "report.html"
#: Every rule kind the checks below enforce (each is the first required key of its form).
CHECKED = {"lead", "date_label", "title", "not_as", "cited_only", "amounts_only_in", "weak_evidence"}
#: Places that print a fact with its date (a practice's evidence names it without one).
DATED = {"timeline", "notable", "others", "plans", "quality", "index", "context", "summary", "table"}


@cache
def rules() -> list[tuple[str, dict]]:
    doc = yaml.safe_load((RAW / "quality.yaml").read_text(encoding="utf-8"))
    return [(q["id"], r) for q in doc["issues"] for r in q.get("rules") or []]


def rules_of(kind: str) -> list[tuple[str, dict]]:
    return [(i, r) for i, r in rules() if kind in r]


def ids(value: object) -> str:
    return value if isinstance(value, str) else ""


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


def words(text: str) -> str:
    """Text with soft hyphens dropped and every run of white space one space."""
    return " ".join(text.replace("\xad\n", "").replace("\xad", "").split())


@cache
def tree(path: Path) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(path.read_text(encoding="utf-8"))


def text(el) -> str:
    """An element's words, one table cell or tag's text apart from the next."""
    return words(" ".join(el.itertext()))


#: The kind of place an element is in, by its nearest telling ancestor.
KINDS = (
    ("section", "quality", "quality"),
    ("section", "facts", "index"),
    ("section", "summary", "summary"),
    ("ul", "notable", "notable"),
    ("ul", "others", "others"),
    ("ul", "plans", "plans"),
    ("dl", "practices", "practices"),
    ("table", "events", "timeline"),
    ("section", "context", "context"),
    ("ul", "gaps", "quality"),
)


def kind_of(el) -> str:
    for anc in el.iterancestors():
        for tag, name, kind in KINDS:
            if anc.tag == tag and (anc.get("id") == name or name in (anc.get("class") or "").split()):
                return kind
    return "table"


def places(path: Path, fact_id: str) -> list[tuple[str, str]]:
    """(kind, text) of every row, list item or paragraph of ``path`` that prints the fact:
    its own rows (fact index, timeline, context list) and every item citing it."""
    doc, key = tree(path), anchor("fact", fact_id)
    found = [el for el in doc.iter() if el.get("id") in (key, anchor("pfact", fact_id), anchor("ctx", fact_id))]
    for a in doc.iter("a"):
        if (a.get("href") or "").endswith(f"#{key}"):
            found.append(next(a.iterancestors("tr", "li", "dd", "p")))
    unique = list(dict.fromkeys(found))
    return [("index" if el.get("id") == key else kind_of(el), text(el)) for el in unique]


def everywhere(fact_id: str) -> list[tuple[str, str, str]]:
    """(file, kind, text) of every place the report and the country pages print the fact."""
    return [(p.name, kind, txt) for p in (REPORT, *PAGES.values()) for kind, txt in places(p, fact_id)]


@cache
def printed_report() -> str:
    """The report's words as its PDF prints them: without what print hides (web-only, page-only)."""
    doc = lxml_html.document_fromstring(REPORT.read_text(encoding="utf-8"))
    for el in list(doc.iter()):
        if {"web-only", "page-only"} & set((el.get("class") or "").split()) and el.getparent() is not None:
            el.drop_tree()
    return text(doc.body)


@cache
def pdf() -> str:
    """The PDF's words in reading order (pdftotext without -layout keeps a table cell's words
    together), hyphenation undone."""
    out = subprocess.run(["pdftotext", str(REPORTS / "report.pdf"), "-"], capture_output=True, text=True, check=True)
    return words(out.stdout)


def all_texts() -> dict[str, str]:
    """Every published page's words, and the PDF's."""
    out = {p.name: text(tree(p).body) for p in (REPORT, *PAGES.values())}
    return out | {"report.pdf": pdf()}


def test_every_rule_kind_of_the_schema_is_checked_here_and_used():
    schema = yaml.safe_load((ROOT / "workflow" / "schemas" / "quality.schema.yaml").read_text(encoding="utf-8"))
    forms = schema["properties"]["issues"]["items"]["properties"]["rules"]["items"]["oneOf"]
    assert {form["required"][0] for form in forms} == CHECKED
    for kind in sorted(CHECKED):
        assert rules_of(kind), f"no {kind} rule in the record: this test would check nothing"


@pytest.mark.parametrize(("issue", "rule"), rules_of("lead"), ids=ids)
def test_a_lead_fact_is_listed_and_the_facts_it_leads_are_printed_only_as_records(issue, rule):
    lead = dated(rule["lead"])
    assert lead["shown"] and any(
        k == "timeline" for f, k, _ in everywhere(rule["lead"]) if f == f"{lead['country']}.html"
    )
    for over in rule["over"]:
        assert not dated(over)["shown"], f"{issue}: {over} is still shown"
        kinds = {k for _, k, _ in everywhere(over)}
        assert kinds <= {"index", "quality"}, f"{issue}: {over} is listed in {kinds - {'index', 'quality'}}"


@pytest.mark.parametrize(("issue", "rule"), rules_of("date_label"), ids=ids)
def test_a_date_label_replaces_the_date_wherever_the_fact_is_listed(issue, rule):
    row, label = dated(rule["date_label"]), rule["text"]
    assert row["report_date"] == label
    listed = [(f, k, t) for f, k, t in everywhere(rule["date_label"]) if k in DATED and row["report_title"] in t]
    assert {k for _, k, _ in listed} >= {"index", "quality"}, listed
    for file, kind, txt in listed:
        assert label in txt, f"{issue}: {file} prints {rule['date_label']} in its {kind} without the label: {txt}"
    assert pdf().count(label) == printed_report().count(label) > 0


@pytest.mark.parametrize(("issue", "rule"), rules_of("title"), ids=ids)
def test_a_title_rule_replaces_the_title_everywhere(issue, rule):
    row = dated(rule["title"])
    assert row["report_title"] == rule["text"] != row["title"]
    for name, txt in all_texts().items():
        assert row["title"] not in txt, f"{issue}: {name} prints the recorded title"
    assert {f for f, _, t in everywhere(rule["title"]) if rule["text"] in t} >= {
        "report.html",
        f"{row['country']}.html",
    }
    assert pdf().count(rule["text"]) == printed_report().count(rule["text"]) > 0


@pytest.mark.parametrize(("issue", "rule"), rules_of("not_as"), ids=ids)
def test_a_fact_withheld_from_a_role_never_fills_it(issue, rule):
    row = dated(rule["fact"])
    assert rule["not_as"] in row["tags"] and rule["not_as"] not in row["roles"]
    name = tables().countries.set_index("country").loc[row["country"], "name"]
    table = tree(REPORT).get_element_by_id("table-strategies")
    tr = next(tr for tr in table.iter("tr") if text(tr).startswith(name))
    links = {a.get("href") for a in tr.iter("a")}
    ev = tables().events
    filled = ev[(ev["country"] == row["country"]) & ev["roles"].map(lambda r: rule["not_as"] in r) & ev["shown"]]
    assert f"#fact-{rule['fact']}" not in links, f"{issue}: the withheld fact fills the role"
    if filled.empty:
        assert "not established" in text(tr)
    else:  # another fact fills the role (Kazakhstan's portal of 2006)
        assert any(f"#fact-{fid}" in links for fid in filled["fact_id"]), links
    # Listed anywhere else with its date and title, it would read as filling the role:
    # a date label or title rule says why (validation asks for one).
    relabelled = {r.get("date_label") or r.get("title") for _, r in rules()}
    assert rule["fact"] in relabelled


@cache
def report_body() -> str:
    """The report's words up to its fact index (an appendix listing every record as recorded)."""
    raw = REPORT.read_text(encoding="utf-8").split('<section id="facts">')[0]
    return words(lxml_html.document_fromstring(raw).text_content())


def cited_facts() -> list[str]:
    """Every fact presented as cited: the rule's, and every fact resting on a reference title
    (read from the raw files, so the list does not trust the tables it checks)."""
    ruled = {f for _, r in rules_of("cited_only") for f in r["cited_only"]}
    records = [e for doc in raw_countries().values() for e in doc.get("events") or []]
    records += yaml.safe_load((RAW / "context.yaml").read_text(encoding="utf-8"))["facts"]
    return sorted(ruled | {r["id"] for r in records if r.get("basis") == "reference-title"})


def raw_countries() -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((RAW / "countries").glob("*.yaml"))}


@pytest.mark.parametrize("fact", cited_facts(), ids=ids)
def test_a_fact_that_rests_on_a_reference_title_always_reads_as_cited(fact):
    row = dated(fact)
    assert row["cited_only"]
    title, seen = row["report_title"], 0
    for name, txt in all_texts().items():
        for m in re.finditer(re.escape(title), txt):
            seen += 1
            before = txt[max(0, m.start() - 60) : m.start()]
            assert before.lower().endswith("cited by the article: "), (
                f"{fact} printed in {name} without the mark: {before}"
            )
    assert seen, f"{fact} is never printed"


@pytest.mark.parametrize(("issue", "rule"), rules_of("amounts_only_in"), ids=ids)
def test_amounts_kept_to_the_notable_actions_are_printed_nowhere_else(issue, rule):
    assert rule["amounts_only_in"] == "notable-actions"
    row = dated(rule["fact"])
    shown = [amount(a) for a in tables().amounts_by_fact()[rule["fact"]]]
    numbers = [words(s.split(" (")[0]) for s in shown]  # "1 500 000 USD"
    for name, txt in all_texts().items():
        for n in numbers:
            assert n not in row["report_title"], "the title states the amount"
            hits = txt.count(n)
            where = [k for f, k, t in everywhere(rule["fact"]) if f == name and n in t]
            if name != "report.pdf":
                assert hits == len(where) and set(where) <= {"notable"}, f"{issue}: {name} prints {n} in {where}"
    for n in numbers:
        assert pdf().count(n) == printed_report().count(n) == 1  # the country's profile in the report
        assert n in text(tree(PAGES[row["country"]]).body)


@pytest.mark.parametrize(("issue", "rule"), rules_of("weak_evidence"), ids=ids)
def test_a_fact_counted_weak_is_shown_weak_wherever_it_is_evidence(issue, rule):
    t = tables()
    for fact in rule["weak_evidence"]:
        assert dated(fact)["weight"] == "weak"
        coded = t.practices[t.practices["evidence"].map(lambda ev, f=fact: f in ev)]
        for _, p in coded.iterrows():
            assert p["evidence_weak"] >= 1
            evidence = [txt for f, k, txt in everywhere(fact) if k == "practices"]
            assert evidence and all("weak evidence: doubted in the quality record" in e for e in evidence)


def test_every_coded_practice_counts_its_evidence_by_weight():
    t = tables()
    weight = dict(zip(t.events["fact_id"], t.events["weight"], strict=True))
    for _, p in t.practices.iterrows():
        strong = sum(weight[f] == "strong" for f in set(p["evidence"]))
        assert (p["evidence_strong"], p["evidence_weak"]) == (strong, p["evidence_count"] - strong)


def test_practice_evidence_is_the_country_s_own_act_for_foreign_policy_and_no_plan():
    t = tables()
    events = t.events.set_index("fact_id")
    for _, p in t.practices.iterrows():
        for f in p["evidence"]:
            e = events.loc[f]
            assert e["actor_country"] == p["country"], f"{f}: an act of {e['actor']}, not of {p['country']}"
            assert e["serves"] == "foreign-policy" and not e["planned"], f


def test_a_strategy_is_not_also_a_practice_unless_the_coding_says_why():
    t = tables()
    events = t.events.set_index("fact_id")
    for iso3, doc in raw_countries().items():
        for p in doc.get("practices") or []:
            justified = {s["fact"] for s in p.get("strategy_evidence") or []}
            for f in p["evidence"]:
                e = events.loc[f]
                if e["category"] == "strategy" or "national-digital-strategy" in e["tags"]:
                    assert f in justified, f"{iso3}: {f} is both a strategy and {p['goal']} practice"


def test_one_fact_has_one_home():
    """No context fact concerning a country is also one of its events: the same source on the
    same day, or the same other party acting."""
    t = tables()
    for _, c in t.context.iterrows():
        for iso3 in c["countries"]:
            ev = t.events[(t.events["country"] == iso3) & (t.events["source"] == c["source"])]
            same_day = ev[(ev["date"] == c["date"]) & (ev["date"].str.len() == 10)]
            assert same_day.empty, f"{c['fact_id']} is also {list(same_day['fact_id'])}"
            foreign = ev[(ev["actor_country"] != iso3) & ev["actor"].isin(c["actors"])]
            assert foreign.empty, f"{c['fact_id']} is also {list(foreign['fact_id'])}"
    assert "UZB-flir-handover-2023" not in set(t.events["fact_id"])


def test_partners_are_others_and_plans_name_no_partners_of_the_country():
    t = tables()
    country = dict(zip(t.events["fact_id"], t.events["country"], strict=True))
    for _, p in t.partners.iterrows():
        assert p["partner_country"] != country[p["fact_id"]], f"{p['partner']} is {country[p['fact_id']]}'s own body"
    planned = set(t.events.loc[t.events["planned"], "fact_id"])
    for iso3, path in PAGES.items():
        line = next(text(el) for el in tree(path).iter("p") if text(el).startswith("Partners named in the sources"))
        for _, p in t.partners[t.partners["fact_id"].isin(planned)].iterrows():
            if country[p["fact_id"]] == iso3:
                assert p["partner"] not in line, f"{iso3}: {p['partner']} is named only in a plan"


def test_notable_actions_are_the_country_s_own_acts_for_foreign_policy():
    t = tables()
    events = t.events.set_index("fact_id")
    for iso3, path in PAGES.items():
        notable = [ul for ul in tree(path).iter("ul") if "notable" in (ul.get("class") or "").split()]
        hrefs = {a.get("href") for ul in notable for a in ul.iter("a")}
        cited = [f for f in events.index if any(h.endswith("#" + anchor("fact", f)) for h in hrefs)]
        assert len(cited) == sum(len(ul.findall("li")) for ul in notable)
        for f in cited:
            e = events.loc[f]
            assert e["actor_country"] == iso3 and e["serves"] == "foreign-policy" and not e["planned"], f


@pytest.mark.parametrize(
    "path", [REPORT, *PAGES.values(), ROOT / "data" / "tidy" / "quality.csv"], ids=lambda p: p.name
)
def test_the_record_states_decisions_it_has_taken_not_wishes(path):
    """A handling text says what was done; 'the report should ...' would leave the reader unsure it was."""
    assert not re.search(r"\b(?:report|reader)s? (?:should|must|ought)\b", path.read_text(encoding="utf-8"), re.I)
