"""The PDF reads as print: no words drawn over words, no number broken, no stranded caption,
no web navigation or internal ids in the body (checked on the published report)."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from conftest import ROOT
from digidip.analysis.numbers import num
from digidip.tidy.read import read_tables

PDF = ROOT / "reports" / "report.pdf"
HTML = ROOT / "reports" / "report.html"


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@cache
def words(pdf: Path = PDF) -> list[Word]:
    """Every word of the PDF with its box (poppler's pdftotext -bbox)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", out).replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    found = []
    for n, page in enumerate(root.iter("page"), start=1):
        for w in page.iter("word"):
            box = [float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
            found.append(Word(n, w.text or "", *box))
    return found


def overlap(a: Word, b: Word) -> float:
    """The share of the smaller box that the two boxes have in common."""
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    if w <= 0 or h <= 0:
        return 0.0
    smaller = min((a.x1 - a.x0) * (a.y1 - a.y0), (b.x1 - b.x0) * (b.y1 - b.y0))
    return w * h / smaller if smaller else 0.0


def test_no_word_is_drawn_over_another():
    by_page: dict[int, list[Word]] = {}
    for w in words():
        by_page.setdefault(w.page, []).append(w)
    clashes = []
    for page, ws in by_page.items():
        ws.sort(key=lambda w: w.y0)
        for i, a in enumerate(ws):
            for b in ws[i + 1 :]:
                if b.y0 > a.y1:
                    break
                if overlap(a, b) > 0.3:
                    clashes.append(f"page {page}: {a.text!r} over {b.text!r}")
    assert not clashes, f"{len(clashes)} overlapping words, e.g. {clashes[:5]}"


def test_every_official_value_prints_whole():
    """Each value of the official-series tables appears as one word: never split across lines."""
    t = read_tables(ROOT / "data" / "tidy")
    official = t.observations[t.observations["source"].isin(t.official_sources())]
    kinds = dict(zip(t.indicators["indicator"], t.indicators["kind"], strict=True))
    printed = {w.text.rstrip("†") for w in words()}
    expected = {num(v, kinds[i]) for v, i in zip(official["value"], official["indicator"], strict=True)}
    missing = sorted(expected - printed)
    assert not missing, f"{len(missing)} values never print as one word, e.g. {missing[:10]}"


def table_headers() -> dict[int, str]:
    """Table number -> the text of its first header cell, from the HTML."""
    html = HTML.read_text(encoding="utf-8")
    out = {}
    for m in re.finditer(r"<caption[^>]*>Table (\d+)\..*?</caption>\s*<thead><tr><th[^>]*>([^<]+)</th>", html, re.S):
        out[int(m.group(1))] = m.group(2).split()[0]
    return out


def test_a_table_caption_stays_on_the_page_of_its_table():
    ws = words()
    headers = table_headers()
    assert len(headers) > 10
    stranded = []
    for i, w in enumerate(ws[:-1]):
        nxt = ws[i + 1]
        if w.text == "Table" and re.fullmatch(r"\d+\.", nxt.text) and nxt.page == w.page:
            n = int(nxt.text[:-1])
            if n not in headers:
                continue
            below = [x for x in ws if x.page == w.page and x.y0 > w.y1 and x.text == headers[n]]
            if not below:
                stranded.append(f"Table {n} (page {w.page})")
    assert not stranded, f"captions printed apart from their tables: {stranded}"


@pytest.mark.parametrize(
    "phrase",
    ["Open the", "Back to the comparative report", "not-assessed", "year-inferred", "Q-KAZ", "Q-TKM", "Q-UKR"],
)
def test_web_navigation_and_internal_ids_stay_out_of_the_printed_body(phrase):
    """Links for browsing and the record ids are for the HTML; the PDF's body reads without them
    (the fact index, an appendix, keeps fact ids)."""
    text = " ".join(w.text for w in words())
    appendix = text.split("10. Fact index")[-1] if "10. Fact index" in text else ""
    body = text.replace(appendix, "")
    assert phrase not in body


def test_quality_markers_never_run_together():
    """Two Q markers side by side on one line read as a stutter: a group of facts gets one."""
    qs = [w for w in words() if w.text == "Q"]
    runs = [
        f"page {a.page}"
        for a in qs
        for b in qs
        if b.page == a.page and 0 <= b.x0 - a.x1 < 4 and min(a.y1, b.y1) - max(a.y0, b.y0) > 0.5 * (a.y1 - a.y0)
    ]
    assert not runs, f"Q markers side by side: {runs}"


PAGE_HEIGHT = 841.89  # A4, in points
BODY = (20 * 72 / 25.4, PAGE_HEIGHT - 22 * 72 / 25.4)  # the page's body, between its margins


def bookmarks() -> list[tuple[str, int]]:
    """Every bookmark of the PDF, in order, with the page (1-based) it opens."""
    from pypdf import PdfReader

    reader = PdfReader(PDF)
    out: list[tuple[str, int]] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append((item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    return out


def test_no_heading_is_left_alone_at_the_foot_of_a_page():
    """Each heading has body text under it on its own page (headings stick to what follows)."""
    ws = words()
    alone = []
    for title, page in bookmarks():
        on_page = [w for w in ws if w.page == page and BODY[0] < w.y0 < BODY[1]]
        parts = title.split()
        starts = [
            i for i in range(len(on_page) - len(parts) + 1) if [w.text for w in on_page[i : i + len(parts)]] == parts
        ]
        assert starts, f"heading {title!r} not found on page {page}"
        bottom = on_page[starts[0] + len(parts) - 1].y1
        if not any(w.y0 > bottom + 1 for w in on_page):
            alone.append(f"{title!r} (page {page})")
    assert not alone, f"headings with nothing under them on their page: {alone}"


def test_a_long_table_repeats_its_header_row_on_every_page():
    """The fact index runs over several pages; each of them starts with the table's header."""
    marks = dict(bookmarks())
    first, after = marks["10. Fact index"], marks["11. Official series"]
    pages = range(first, after)
    assert len(pages) >= 2, "the fact index is expected to run over pages"
    ws = words()
    for page in pages:
        texts = [w.text for w in ws if w.page == page]
        assert "Statement" in texts and "locator" in texts, f"page {page}: no header row"


def test_no_page_is_blank():
    """Every page has something in its body, between the running title and the page number."""
    ws = words()
    pages = max(w.page for w in ws)
    empty = [p for p in range(1, pages + 1) if not any(w.page == p and BODY[0] < w.y0 < BODY[1] for w in ws)]
    assert not empty, f"blank pages: {empty}"


PAGE_WIDTH = 595.28  # A4, in points
RIGHT_EDGE = PAGE_WIDTH - 16 * 72 / 25.4  # the body's right margin


def test_no_word_runs_past_the_right_margin():
    """A long word (a commit hash, an address, a path) breaks inside its column rather than
    running off it or off the page."""
    past = [f"page {w.page}: {w.text!r}" for w in words() if w.x1 > RIGHT_EDGE + 2]
    assert not past, f"{len(past)} words past the right margin, e.g. {past[:5]}"
