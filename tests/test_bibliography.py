"""The bibliography exports (data/tidy/sources.bib, sources.json) and the report's list of sources.

The .bib is read back by two BibTeX parsers that share no code with the writer's escaping
(pybtex, strict, and bibtexparser with LaTeX decoding); the CSL-JSON is read by citeproc-py;
the report's references are compared with what citeproc-py makes of the published CSL-JSON.
A source full of characters that mean something in LaTeX, HTML or BibTeX goes through all of it.
"""

from __future__ import annotations

import json
import re
import shutil
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
import pytest
import yaml
from bibtexparser.middlewares import LatexDecodingMiddleware
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from pybtex.database import parse_string as pybtex_parse

from conftest import FIXTURES, ROOT, checked, tidy_input
from digidip.analysis.content import report_content
from digidip.analysis.figspecs import SPECS
from digidip.render import references
from digidip.render.report import render_report
from digidip.tidy import bibliography, bibtex
from digidip.tidy import tables as tidy
from digidip.tidy.read import read_tables

TRICKY = {
    "title": "Fish & chips: {braces} at 100% of $5 for #1_a~b \\ <script>alert(1)</script> — Ёвбагшыев, Zoë",
    "authors": ["O'Brien & Ünal, Zoë <b>", "Komolova, Nigina Sirojiddin qizi"],
    "outlet": 'Journal of <i>Tests</i> & "Things" {x}',
    "issue": "No. 4/2023 & <5>",
    "url": "https://example.org/a?b=1&c=%7B",
}


@pytest.fixture(scope="module")
def fb(tmp_path_factory):
    return checked(ROOT / "data" / "raw", tmp_path_factory.mktemp("cache")).fb


@pytest.fixture(scope="module")
def tricky_raw(tmp_path_factory) -> Path:
    """A copy of the two-country fixture whose article is TRICKY in every text field."""
    raw = tmp_path_factory.mktemp("tricky") / "data" / "raw"
    shutil.copytree(FIXTURES / "mini" / "raw", raw)
    doc = yaml.safe_load((raw / "sources.yaml").read_text(encoding="utf-8"))
    article = next(s for s in doc["sources"] if s["id"] == "fixture-article")
    article.update(TRICKY)
    (raw / "sources.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return raw


@pytest.fixture(scope="module")
def tricky_fb(tricky_raw, tmp_path_factory):
    return checked(tricky_raw, tmp_path_factory.mktemp("cache")).fb


def decoded(bib_text: str) -> dict[str, dict[str, str]]:
    """The .bib as bibtexparser reads it, LaTeX decoded to text: key -> field -> value."""
    library = bibtexparser.parse_string(bib_text, append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    return {e.key: {f.key: f.value for f in e.fields} for e in library.entries}


def citeproc_html(items: list[dict]) -> list[str]:
    """citeproc-py's own rendering of ``items`` in the report's style, in order."""
    style = CitationStylesStyle(references.STYLE, locale=references.LOCALE)
    bib = CitationStylesBibliography(style, CiteProcJSON(items), formatter.html)
    for item in items:
        bib.register(Citation([CitationItem(item["id"])]))
    return [str(text) for text in bib.bibliography()]


class Tags(HTMLParser):
    """Every start tag of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def tags(html: str) -> list[str]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def test_both_files_hold_one_entry_per_source_under_its_id(fb):
    ids = sorted(fb.sources)
    items = json.loads(bibliography.csl_json(fb))
    assert [i["id"] for i in items] == ids
    assert list(decoded(bibtex.bibtex(fb))) == ids
    assert len(pybtex_parse(bibtex.bibtex(fb), "bibtex").entries) == len(ids)


def test_csl_items_carry_types_names_dates_and_identifiers(fb):
    items = {i["id"]: i for i in json.loads(bibliography.csl_json(fb))}
    assert {i["type"] for i in items.values()} <= set(bibliography.CSL_TYPES.values()) | {"manuscript"}
    assert items["undesa-egovkb"]["type"] == "dataset" and items["undesa-egovkb"]["author"][0]["literal"].startswith(
        "United Nations"
    )
    assert items["turayeva-2023-apost"]["type"] == "article-journal"
    assert items["turayeva-2023-apost"]["container-title"].startswith("A Posteriori")
    assert items["saidova-ca-goals"]["type"] == "manuscript" and "issued" not in items["saidova-ca-goals"]
    assert items["kz-image-news-de"]["type"] == "article-newspaper"
    assert items["komolov-2024-uzb"]["author"] == [
        {"family": "Komolov", "given": "Mavlonbek Zafarjon", "dropping-particle": "ugli"}
    ]
    assert items["komolov-2024-uzb"]["issued"] == {"date-parts": [[2024, 2, 24]]}
    assert items["ukr-geopolitics-tech-2024"]["DOI"] == fb.sources["ukr-geopolitics-tech-2024"]["doi"]
    for sid, source in fb.sources.items():
        assert items[sid]["title"] == source["title"]
        assert items[sid].get("URL") == source.get("url")


def test_bib_parses_and_keys_titles_and_names_round_trip(fb):
    text = bibtex.bibtex(fb)
    entries = decoded(text)
    strict = pybtex_parse(text, "bibtex").entries  # pybtex raises on any syntax error
    for sid, source in fb.sources.items():
        assert entries[sid]["title"] == source["title"]
        people = [str(p) for p in strict[sid].persons.get("author", [])]
        if source["authors"]:
            assert people == source["authors"]
        elif source.get("producer"):
            assert people == ["{" + source["producer"] + "}"]  # one organisation, not split at " and "
    assert strict["undesa-egovkb"].type == "dataset" and strict["turayeva-2023-apost"].type == "article"
    assert strict["komolov-2024-uzb"].fields["date"] == "2024-02-24"


def test_csl_json_renders_every_item_in_citeproc(fb):
    items = json.loads(bibliography.csl_json(fb))
    rendered = citeproc_html(items)
    assert len(rendered) == len(items)
    for item, text in zip(items, rendered, strict=True):
        assert item["title"] in text.replace("&amp;", "&")


def test_tricky_source_exports_intact(tricky_fb):
    item = next(i for i in json.loads(bibliography.csl_json(tricky_fb)) if i["id"] == "fixture-article")
    assert item["title"] == TRICKY["title"] and item["container-title"] == TRICKY["outlet"]
    text = bibtex.bibtex(tricky_fb)
    entry = decoded(text)["fixture-article"]
    assert entry["title"] == TRICKY["title"] and entry["journal"] == TRICKY["outlet"]
    # URLs are verbatim: read without LaTeX decoding (which would take "%" for a comment).
    assert bibtexparser.parse_string(text).entries_dict["fixture-article"]["url"] == TRICKY["url"]
    people = [str(p) for p in pybtex_parse(text, "bibtex").entries["fixture-article"].persons["author"]]
    assert [p.replace("\\&", "&") for p in people] == TRICKY["authors"]
    raw_title = re.search(r"^  title = (.*),$", text.split("@article{fixture-article")[1], re.M).group(1)
    assert not re.search(r"(?<!\\)[&%$#_]", raw_title), raw_title  # every LaTeX special escaped


def test_lone_braces_and_carets_keep_the_file_parseable():
    # BibTeX ends a value at the brace that balances the first, escaped or not.
    assert bibtex.latex("a { b ^ c") == r"a \textbraceleft{} b \textasciicircum{} c"
    assert bibtex.latex("{a} } {") == r"\textbraceleft{}a\textbraceright{} \textbraceright{} \textbraceleft{}"
    assert bibtex.latex("f({x})") == r"f(\{x\})"
    text = "@misc{k,\n  title = {{" + bibtex.latex("a } b {") + "}},\n  note = {x}\n}\n"
    assert pybtex_parse(text, "bibtex").entries["k"].fields["note"] == "x"
    assert decoded(text)["k"]["note"] == "x"


def test_tricky_source_renders_escaped(tricky_fb):
    items = json.loads(bibliography.csl_json(tricky_fb))
    html = str(references.format_items(items)["fixture-article"])
    assert set(tags(html)) <= {"i", "a"}, tags(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script" not in html
    assert "Fish &amp; chips" in html and "Ёвбагшыев" in html
    assert "&lt;i&gt;Tests&lt;/i&gt;" in html and "&amp;amp;" not in html


def test_report_lists_every_source_as_the_csl_processor_formats_it(tricky_raw, tmp_path):
    """The report's list of sources, rendered from the fixture with the tricky article."""
    src = tidy_input(tricky_raw, tmp_path / "cache")
    tidy_dir = tmp_path / "tidy"
    tidy_dir.mkdir()
    for name, text in tidy.build_tables(src).items():
        (tidy_dir / name).write_text(text, encoding="utf-8")
    items = json.loads(bibliography.csl_json(src.fb))
    t = read_tables(tidy_dir)
    figures = dict.fromkeys(SPECS, b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    profiles = dict.fromkeys(src.countries, "")
    html = render_report(report_content(t, "Test", ROOT, list(profiles)), figures, profiles, items)
    section = html.split('<section id="sources">')[1].split("</section>")[0]
    entries = re.findall(r'<li id="src-([^"]+)"><strong>[^<]*</strong>: (.*?)\n<span class="muted">', section)
    assert [sid for sid, _ in entries] == sorted(src.fb.sources)  # the numbering: id order
    # Each reference is citeproc-py's rendering of the published item, its address made a link
    # (the tricky one differs by the escaping of its text, checked below).
    for (sid, shown), expected in zip(entries, citeproc_html(items), strict=True):
        if sid != "fixture-article":
            # The report's text is HTML (an address's "&" written "&amp;"); compare what it reads as.
            assert unescape(re.sub(r'<a href="([^"]*)">\1</a>', r"\1", shown)) == unescape(expected), sid
            assert "<a href=" in shown
    tricky = dict(entries)["fixture-article"]
    assert "&lt;script&gt;" in tricky and "<script" not in html
    assert '<a href="https://example.org/a?b=1&amp;c=%7B">' in tricky
    assert "Kind: student-paper" in section.split('id="src-fixture-article"')[1].split("</li>")[0]


@pytest.mark.workflow
def test_the_build_publishes_both_files_with_the_tables(mini_build, tmp_path):
    tidy_dir = mini_build / "data" / "tidy"
    fixture = checked(FIXTURES / "mini" / "raw", tmp_path / "cache").fb
    assert (tidy_dir / bibliography.CSL_JSON).read_text(encoding="utf-8") == bibliography.csl_json(fixture)
    assert (tidy_dir / bibliography.BIBTEX).read_text(encoding="utf-8") == bibtex.bibtex(fixture)
    manifest = json.loads((mini_build / "reports" / "manifest.json").read_text(encoding="utf-8"))
    assert {f"data/tidy/{name}" for name in bibliography.FILES} <= set(manifest["files"])
