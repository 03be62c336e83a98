"""Outside evidence as sources (facts/outside.py): every web page the fact base names is a
registered source, the quality record cites the pages it rests on with a locator, the dates
the seed articles leave undated are carried as stated where a registered page states them,
and a record with a DOI is a complete bibliographic record.

Faults are introduced one at a time into the small valid tree of validation_helpers; the
real raw data is read directly for what the edition must hold."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from digidip.facts import outside
from digidip.tidy.bibliography import csl_item
from validation_helpers import minimal_docs, problems_of, write_tree

RAW = ROOT / "data" / "raw"


@cache
def raw(name: str) -> dict:
    return yaml.safe_load((RAW / name).read_text(encoding="utf-8"))


@cache
def sources() -> dict[str, dict]:
    return {s["id"]: s for s in raw("sources.yaml")["sources"]}


@cache
def events() -> dict[str, dict]:
    out = {}
    for path in sorted((RAW / "countries").glob("*.yaml")):
        for e in yaml.safe_load(path.read_text(encoding="utf-8")).get("events") or []:
            out[e["id"]] = e
    return out


def issue(qid: str) -> dict:
    return next(q for q in raw("quality.yaml")["issues"] if q["id"] == qid)


# --- reading hosts out of prose


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kyrgyz news (24.kg, January 2019) give the name", ["24.kg"]),
        ("the state agency Kazinform (en.inform.kz, 2024-09-13) gives", ["en.inform.kz"]),
        ("The page says so (news.tj says 193).", ["news.tj"]),
        ("Kun.uz (2024-09-14) names the group", ["kun.uz"]),
        # Not hosts: file names, indicator codes, abbreviations.
        ("see data/raw/quality.yaml and tidy/presentation.py, e.g. here", []),
        ("indicator IT.NET.USER.ZS of the World Bank", []),
        # A page a seed article cites is named as its reference: the article is the source.
        ("The slug of reference 5 (daryo.uz, 2023-11-02) reads '15-million'.", []),
        ("Reference list, item 25 (Ministry of Digital Transformation on kmu.gov.ua, 2023)", []),
        ("Reference 3 is a page of metbugat.gov.tm, a state press site.", []),
        # ...but only within its own sentence.
        ("See reference 5. The agency bdg.by gives it too.", ["bdg.by"]),
    ],
)
def test_hosts_are_read_out_of_prose(text, expected):
    assert outside.hosts(text) == expected


def test_a_host_is_covered_by_its_own_site_or_one_within_it():
    assert outside.covers("www.news.tj", "news.tj")
    assert outside.covers("en.inform.kz", "inform.kz")
    assert outside.covers("24.kg", "24.kg")
    assert not outside.covers("24.kg", "4.kg")
    assert not outside.covers("inform.kz", "baigenews.kz")


# --- validation: a named page must be a registered source


def _page(url: str, sid: str = "src-page") -> dict:
    return {
        "id": sid,
        "kind": "news",
        "authors": [],
        "title": "A page",
        "outlet": "A news site",
        "published": "2019-01",
        "url": url,
        "language": ["en"],
        "reliability": "A page for a test.",
    }


def test_a_fact_note_naming_an_unregistered_page_stops_validation(tmp_path: Path):
    docs = minimal_docs()
    docs["countries/KAZ.yaml"]["events"][0]["note"] = "The news site example.kz gives another date."
    problems = problems_of(write_tree(tmp_path, docs))
    hit = [p for p in problems if p.file == "data/raw/countries/KAZ.yaml" and p.field == "note"]
    assert len(hit) == 1 and "'example.kz'" in hit[0].message and "sources.yaml" in hit[0].message
    assert hit[0].record == "KAZ-strategy (events[0])"

    docs["sources.yaml"]["sources"].append(_page("https://www.example.kz/news/1"))
    assert problems_of(write_tree(tmp_path, docs)) == []


def test_a_quality_item_cites_the_pages_it_names_with_a_locator(tmp_path: Path):
    docs = minimal_docs()
    docs["sources.yaml"]["sources"].append(_page("https://24.kg/english/1_a/"))
    item = docs["quality.yaml"]["issues"][0]
    item["summary"] = "The agency 24.kg gives another name."
    # Registered, but the item does not cite it: the reader could not find what it rests on.
    problems = problems_of(write_tree(tmp_path, docs))
    hit = [p for p in problems if p.file == "data/raw/quality.yaml" and p.field == "summary"]
    assert len(hit) == 1 and "'24.kg'" in hit[0].message and "cite its record under sources" in hit[0].message

    item["sources"] = [{"source": "src-page", "locator": "First paragraph"}]
    assert problems_of(write_tree(tmp_path, docs)) == []

    item["sources"] = [{"source": "no-such-page", "locator": "First paragraph"}]
    problems = problems_of(write_tree(tmp_path, docs))
    assert any(p.field == "source" and "unknown source id 'no-such-page'" in p.message for p in problems)

    item["sources"] = [{"source": "src-page"}]  # a citation without a locator
    problems = problems_of(write_tree(tmp_path, docs))
    assert any(p.file == "data/raw/quality.yaml" and p.field == "sources.0.locator" for p in problems)


# --- validation: a record with a DOI is complete


def test_a_record_with_a_doi_names_its_outlet_and_its_authors(tmp_path: Path):
    docs = minimal_docs()
    article = docs["sources.yaml"]["sources"][0]
    article.update(doi="10.1234/abc.5", authors=[])
    problems = problems_of(write_tree(tmp_path, docs))
    label = "src-article (sources[0])"
    assert any(p.record == label and p.field == "outlet" and "DOI" in p.message for p in problems)
    assert any(p.record == label and p.field == "authors" and "authors_unstated" in p.message for p in problems)

    article.update(outlet="A Journal", authors_unstated="No copy we could read names them.")
    assert problems_of(write_tree(tmp_path, docs)) == []

    article.update(authors=["Doe, Jane"])  # named after all: the excuse must go
    problems = problems_of(write_tree(tmp_path, docs))
    assert [p.field for p in problems] == ["authors_unstated"]


def test_every_record_with_a_doi_in_the_registry_is_complete():
    with_doi = [s for s in sources().values() if s.get("doi")]
    assert with_doi  # the Ukrainian abstract's journal article, at least
    for s in with_doi:
        assert s.get("outlet"), s["id"]
        assert s.get("authors") or s.get("authors_unstated"), s["id"]
        # The outlet the DOI identifies becomes the citation's journal.
        assert csl_item(s)["container-title"] == s["outlet"], s["id"]


def test_the_ukrainian_abstract_names_its_journal_issue_and_page():
    s = sources()["ukr-geopolitics-tech-2024"]
    assert "Taras Shevchenko National University of Kyiv" in s["outlet"]
    assert s["issue"] == "No. 1 (58), pp. 28-32" and s["url"].startswith("https://intern.bulletin.knu.ua/")


# --- the real registry: outside pages registered, dates carried as stated


def test_every_page_the_raw_data_names_is_a_registered_source():
    countries = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((RAW / "countries").glob("*.yaml"))]
    groups = [("sources.yaml", "sources", list(sources().values()))]
    groups += [(c["country"]["iso3"], k, c.get(k) or []) for c in countries for k in ("observations", "events")]
    groups += [("context.yaml", "facts", raw("context.yaml")["facts"])]
    assert outside.page_problems(sources(), groups) == []
    facts = {r["id"]: r["source"] for _, _, recs in groups[1:] for r in recs}
    assert outside.quality_problems("quality.yaml", raw("quality.yaml")["issues"], sources(), facts) == []


@pytest.mark.parametrize(
    ("qid", "pages"),
    [
        ("Q-KAZ-e-government-launch-year", {"kazinform-2012-egov"}),  # the source of its facts
        ("Q-UKR-diia-launch", {"concorde-2020-02-07-diia", "gazetaprawna-2023-02-diia"}),
        ("Q-KGZ-year-2019-name", {"24kg-2019-year-regions-digitalization"}),
        ("Q-GCI-2017-ranks", {"newstj-2017-gci", "hromadske-2017-07-08-gci", "ctv-2017-gci"}),
        ("Q-KAZ-gci-2020-pivot", {"baigenews-2021-10-12-gci", "ncsi-2022-uzb"}),
    ],
)
def test_the_pages_that_correct_or_weigh_a_value_are_cited_by_their_item(qid, pages):
    """Cited under the item's sources (with a locator), or as the source of one of its facts."""
    cited = {c["source"] for c in issue(qid).get("sources") or []}
    cited |= {e["source"] for f, e in events().items() if f in issue(qid)["facts"]}
    assert pages <= cited
    for c in issue(qid).get("sources") or []:
        assert c["locator"].strip() and sources()[c["source"]]["url"]


@pytest.mark.parametrize(
    ("fact", "date", "kind"),
    [
        ("UKR-mintsyfra-created-2019", "2019-09-02", "institution"),
        ("UKR-diia-launch-2020", "2020-02-06", "platform"),
        ("UZB-digital-uzbekistan-2030-adopted", "2020-10", "strategy"),
        ("TKM-law-communications-2010", "2010-03-12", "law"),
        ("TKM-law-information-2014", "2014-05-03", "law"),
        ("TKM-law-internet-2014", "2014-12", "law"),
        ("KAZ-egov-programme-2004", "2004-11-10", "decree"),
        ("KAZ-egov-portal-2006", "2006-04-12", "platform"),
    ],
)
def test_a_date_a_registered_page_states_is_carried_as_stated(fact, date, kind):
    e = events()[fact]
    assert (e["date"], e["dating"], e["category"]) == (date, "stated", kind)
    page = sources()[e["source"]]
    assert page["url"] and page["kind"] in ("news", "web-page", "official-document")


def test_a_page_stated_date_leads_over_the_by_date_it_replaces():
    leads = {
        r["lead"]: set(r["over"]) for q in raw("quality.yaml")["issues"] for r in q.get("rules") or [] if "lead" in r
    }
    assert leads["UZB-digital-uzbekistan-2030-adopted"] == {"UZB-digital-uzbekistan-2030"}
    assert leads["TKM-law-communications-2010"] == {"TKM-law-communications"}
    assert leads["TKM-law-information-2014"] == {"TKM-law-information-protection"}
    assert leads["TKM-law-internet-2014"] == {"TKM-law-internet-regulation"}
    # A draft's approval is not the law's adoption: the cyber-security law keeps its "by".
    assert "TKM-cyber-security-draft-2019" not in leads and events()["TKM-law-cyber-security"]["dating"] == "attested"
    # The strategy role moved to the stated adoption: an attested date never fills it.
    assert "national-digital-strategy" in events()["UZB-digital-uzbekistan-2030-adopted"]["tags"]
    assert "national-digital-strategy" not in (events()["UZB-digital-uzbekistan-2030"].get("tags") or [])


def test_where_pages_disagree_on_a_date_a_quality_item_weighs_them():
    for qid, facts in [
        ("Q-UKR-mintsyfra-founding", {"UKR-mintsyfra-created-2019"}),
        ("Q-UKR-diia-launch", {"UKR-diia-launch-2020"}),
    ]:
        item = issue(qid)
        assert item["kind"] == "disagreement" and facts <= set(item["facts"])
        # The page that dates the fact, and at least one that disagrees with it.
        fact_pages = {events()[f]["source"] for f in facts}
        assert {c["source"] for c in item["sources"]} - fact_pages


def test_the_gci_2020_values_are_credited_to_their_transcriber():
    s = sources()["itu-gci-2020"]
    assert s["producer"].startswith("Blavatnik School of Government")
    assert "International Telecommunication Union" in s["title"]
    assert csl_item(s)["author"] == [{"literal": s["producer"]}]


def test_the_report_cites_each_quality_items_outside_pages():
    """The published edition (rebuilt after a change here): every page an item rests on is
    cited in the item, linked to its entry among the sources, with its locator."""
    report = (ROOT / "reports" / "report.html").read_text(encoding="utf-8")
    cited = [q for q in raw("quality.yaml")["issues"] if q.get("sources")]
    assert cited
    for q in cited:
        article = report.split(f'<article id="q-{q["id"]}">', 1)[1].split("</article>", 1)[0]
        assert "Outside pages:" in article, q["id"]
        for c in q["sources"]:
            assert f'href="#src-{c["source"]}"' in article, (q["id"], c["source"])
            assert f'<li id="src-{c["source"]}">' in report, c["source"]
