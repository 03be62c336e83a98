"""The PDF as print engines and assistive technology read it: tagged PDF/UA-1 and PDF/A-2a,
title and language, an outline matching the contents, one alternative text per figure, live
links; bytes that do not depend on the machine's fonts or text libraries; data printed as
text, never run as Typst code."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from lxml import html as lxml_html
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from conftest import ROOT, bare_machine, pdftotext
from digidip.render.typst_markup import escape

PDF = ROOT / "reports" / "report.pdf"
HTML = ROOT / "reports" / "report.html"


@cache
def reader() -> PdfReader:
    return PdfReader(PDF)


@cache
def page() -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(HTML.read_text(encoding="utf-8"))


def structure(kind: str) -> list[DictionaryObject]:
    """Every structure element of type ``kind`` (/Figure, /Table, /TH ...) in the tag tree."""
    found, todo = [], [reader().trailer["/Root"]["/StructTreeRoot"]]
    while todo:
        node = todo.pop()
        if isinstance(node, DictionaryObject):
            if node.get("/S") == kind:
                found.append(node)
            kids = node.get("/K")
            if kids is not None:
                kids = kids.get_object()
                todo.extend(k.get_object() for k in (kids if isinstance(kids, ArrayObject) else [kids]))
    return found


def test_the_pdf_is_tagged_with_title_and_language():
    root = reader().trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]).startswith("en")
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert reader().metadata.title == page().findtext(".//title")


def test_the_xmp_metadata_claims_pdf_ua_1_and_pdf_a_2a():
    xmp = reader().trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"pdfuaid:part(?:>|=\")1", xmp), "no PDF/UA-1 identification"
    assert re.search(r"pdfaid:part(?:>|=\")2", xmp) and re.search(r"pdfaid:conformance(?:>|=\")A", xmp)


def html_alts() -> list[str]:
    """Every figure's alternative text in the HTML: an image's alt, a map's (inline SVG) title."""
    return [img.get("alt") for img in page().xpath("//figure//img")] + [
        t.text_content() for t in page().xpath("//figure//svg/title")
    ]


def test_every_figure_carries_the_alt_text_of_the_html():
    alts_html = sorted(html_alts())
    alts_pdf = sorted(str(f["/Alt"]) for f in structure("/Figure") if "/Alt" in f)
    assert len(alts_html) >= 10 and len(page().xpath("//figure//svg/title")) == 2
    assert alts_pdf == alts_html


@cache
def page_texts() -> tuple[str, ...]:
    """Each page's text, whitespace collapsed, as poppler reads it: one pdftotext run for the
    whole document (pypdf's text extraction takes seconds a pass over a hundred pages)."""
    pages = pdftotext(PDF).split("\f")[:-1]  # a form feed ends every page
    assert len(pages) == len(reader().pages)
    return tuple(" ".join(p.split()) for p in pages)


def pages_with(text: str) -> list[int]:
    """The 1-based numbers of the PDF's pages whose text holds ``text``."""
    return [i for i, p in enumerate(page_texts(), start=1) if text in p]


def images_on(number: int) -> list[str]:
    """The raster images pdfimages lists on one page of the PDF."""
    out = subprocess.run(
        ["pdfimages", "-list", "-f", str(number), "-l", str(number), str(PDF)],
        capture_output=True,
        text=True,
        check=True,
    )
    return [line for line in out.stdout.splitlines()[2:] if line.split()[2] == "image"]  # not their masks


@pytest.mark.parametrize("name", ["egdi_map", "region_map"])
def test_the_maps_print_as_vector_drawings(name):
    """A map's page holds no raster image (pdfimages lists none; only the cloud of dots of the
    EGDI world figure is one, if it shares the page), and its legend is text: the map is drawn
    as paths, sharp at any zoom. That figure's page shows the check sees an image where there is one."""
    number = int(page().xpath(f"//figure[@id='fig-{name}']/figcaption")[0].text_content().split()[1].rstrip("."))
    dots = int(page().xpath("//figure[@id='fig-egdi_world']/figcaption")[0].text_content().split()[1].rstrip("."))
    (found,) = pages_with(f"Figure {number}. ")
    (dots_page,) = pages_with(f"Figure {dots}. ")
    assert len(images_on(found)) == (1 if found == dots_page else 0), images_on(found)
    assert len(images_on(dots_page)) == 1
    assert "EGDI group in the UN E-Government Survey" in page_texts()[found - 1]


def test_tables_have_header_cells():
    tables = structure("/Table")
    assert len(tables) == len(page().xpath("//table"))
    assert len(structure("/TH")) >= len(page().xpath("//thead//th"))


def test_the_outline_follows_the_table_of_contents():
    """The PDF's bookmarks are the report's sections in order, as its contents list names them."""
    toc = [re.sub(r"\s+", " ", a.text_content()).strip() for a in page().xpath("//nav//ol/li/a")]
    outline = reader().outline
    top = [o.title for o in outline if not isinstance(o, list)]
    second = [o.title for sub in outline if isinstance(sub, list) for o in sub if not isinstance(o, list)]
    numbered = [re.sub(r"^\d+(\.\d+)*\.? ", "", t) for t in top + second]
    missing = [t for t in toc if t not in numbered]
    assert top[0] == "1. Summary"
    assert not missing, f"contents entries without a bookmark: {missing}"


def test_links_are_live():
    """Citation markers and cross-references jump within the document; web addresses open."""
    internal = external = 0
    for p in reader().pages:
        for annot in p.get("/Annots") or []:
            a = annot.get_object()
            if a.get("/Subtype") != "/Link":
                continue
            action = a.get("/A")
            if "/Dest" in a or (action and action.get("/S") == "/GoTo"):
                internal += 1
            elif action and action.get("/S") == "/URI":
                external += 1
    assert internal >= len(page().xpath("//a[@class='cite']")) // 2
    assert external >= 5


def test_citation_markers_are_never_repeated_in_one_run():
    runs = re.findall(r"(?:\[\d+\]){2,}", pdftotext(PDF))
    bad = [r for r in runs if (n := [int(x) for x in re.findall(r"\d+", r)]) != sorted(set(n))]
    assert not bad, f"citation runs with a repeated or unordered marker: {bad}"


# -- the print engine depends on nothing of the machine's --------------------------------------

RENDER = """
import json, sys
from pathlib import Path
from digidip.render.pdf import render_pdf
render_pdf(sys.argv[1], sys.argv[2], 1725148800)
maps = Path("/proc/self/maps").read_text()
print(json.dumps(sorted({l.split("/")[-1] for l in maps.splitlines() if "/" in l})))
"""
SYSTEM_TEXT_LIBRARIES = ("harfbuzz", "fontconfig", "freetype", "pango", "cairo")


def render_in(env: dict[str, str], cwd: Path, html: Path, out: Path, wrap: list[str] = ()) -> list[str]:
    proc = subprocess.run(
        [*wrap, sys.executable, "-c", RENDER, str(html), str(out)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_pdf_bytes_do_not_depend_on_the_machine(tmp_path):
    """The same print copy gives the same bytes with the machine's set-up and with no fonts
    for fontconfig, another home, locale and time zone, another build path, and HarfBuzz's
    subsetter hidden; and the print path loads no system text library at all."""
    html = tmp_path / "a" / "deep" / "path" / "report.html"
    html.parent.mkdir(parents=True)
    shutil.copy2(HTML, html)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "workflow")}
    loaded = render_in(env, ROOT, HTML, tmp_path / "here.pdf")
    (tmp_path / "elsewhere").mkdir()
    bare, wrap = bare_machine(tmp_path / "elsewhere", env)
    render_in(bare, tmp_path / "elsewhere", html, tmp_path / "there.pdf", wrap)
    here, there = (tmp_path / "here.pdf").read_bytes(), (tmp_path / "there.pdf").read_bytes()
    assert hashlib.sha256(here).hexdigest() == hashlib.sha256(there).hexdigest()
    assert not [lib for lib in loaded if any(name in lib for name in SYSTEM_TEXT_LIBRARIES)]


def test_the_embedded_fonts_are_the_repository_s():
    out = subprocess.run(["pdffonts", str(PDF)], capture_output=True, text=True, check=True).stdout
    names = {line.split()[0].split("+")[-1] for line in out.splitlines()[2:]}
    shipped = {p.stem for p in (ROOT / "workflow/digidip/render/fonts").glob("*.ttf")}
    assert names and names <= shipped, f"fonts not from render/fonts/: {names - shipped}"
    assert (ROOT / "workflow/digidip/render/fonts/LICENSE").is_file()


# -- text from the data is text -----------------------------------------------------------------

HOSTILE = [
    '#panic("x")',
    "[link]<l0> @ref $x^2$",
    "// not a comment",
    "*bold* _em_ `raw`",
    "\\ back \\slash",
    "= not a heading",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escape_keeps_typst_syntax_as_text(text, tmp_path):
    import typst

    (tmp_path / "t.typ").write_text(f'#set document(title: "t")\n{escape(text)}\n', encoding="utf-8")
    pdf = tmp_path / "t.pdf"
    pdf.write_bytes(typst.compile(str(tmp_path / "t.typ"), ignore_system_fonts=True))
    assert pdftotext(pdf).split() == text.split()


def test_a_hostile_title_prints_as_written(tmp_path):
    """Through the whole print path: the template, the writer, the compiler."""
    from digidip.render.pdf import compile_pdf, typst_source

    title = '#panic("x") [a](b) <l0> @x // c $y$'
    quoted = title.replace("<", "&lt;")
    html = f'<html lang="en"><head><title>T</title></head><body><h2>{quoted}</h2><p>Also {quoted}</p></body></html>'
    pdf = tmp_path / "t.pdf"
    pdf.write_bytes(compile_pdf(typst_source(html, tmp_path), 0))
    text = " ".join(pdftotext(pdf).split())
    assert text.count(title) >= 2, text
