"""Escaping and links: text from data stays text; only http(s) URLs become links; the maps are
drawn in the page with a title, beside their tables of values."""

from __future__ import annotations

import subprocess

import pytest

from conftest import ROOT
from digidip.render.html import anchor, env, inline_svg, link_or_text, safe_url


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://example.org/a?b=1", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("//evil.example/x", False),
        ('https://example.org/"onmouseover=alert(1)', False),
        ("ftp://example.org/file", False),
        (None, False),
    ],
)
def test_safe_url(url, ok):
    assert (safe_url(url) is not None) is ok


def test_link_or_text_escapes_non_links():
    assert str(link_or_text("javascript:alert(1)")) == "javascript:alert(1)"
    assert str(link_or_text("<img src=x onerror=alert(1)>")) == "&lt;img src=x onerror=alert(1)&gt;"
    assert str(link_or_text("https://example.org/")) == '<a href="https://example.org/">https://example.org/</a>'


def test_autoescape_is_on_for_every_template():
    tpl = env().from_string("{{ x }}")
    assert tpl.render(x="<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_anchor_is_valid_and_distinct():
    assert anchor("fact", "KAZ-egdi_rank-2020") == "fact-KAZ-egdi_rank-2020"
    assert anchor("fact", "a.b") != anchor("fact", "a_b")
    assert " " not in anchor("src", 'a b"c')


def test_scope_fragment_prefixes_ids_and_what_refers_to_them():
    from digidip.render.notebooks import scope_fragment

    body = (
        '<h2 id="Timeline">Timeline</h2><div class="table-wrap" role="region" aria-labelledby="caption-timeline" '
        'tabindex="0"><table><caption id="caption-timeline">Dated facts</caption></table></div><a href="#Timeline">up</a>'
    )
    out = scope_fragment(body, "KAZ", shift=2)
    assert '<h4 id="KAZ-Timeline">' in out and 'href="#KAZ-Timeline"' in out
    assert 'aria-labelledby="KAZ-caption-timeline"' in out and '<caption id="KAZ-caption-timeline">' in out


# -- the maps, drawn in the page ----------------------------------------------------------------


def test_an_inline_drawing_gets_a_title_and_ids_of_its_own():
    """Two drawings on one page share no id, their references follow, their title is escaped
    and their style sheet stays inside them."""
    svg = (
        b'<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg" width="10pt">\n'
        b' <metadata>x</metadata>\n <defs><style type="text/css">*{stroke-linecap: butt}</style>'
        b'<clipPath id="p1"/></defs>\n <g id="a" clip-path="url(#p1)"><use xlink:href="#a"/></g>\n</svg>\n'
    )
    out = str(inline_svg("egdi_map", svg, "A <map> & more", 500))
    assert out.startswith('<svg id="egdi_map-svg" class="figure-svg" role="img" aria-labelledby="egdi_map-title"')
    assert '<title id="egdi_map-title">A &lt;map&gt; &amp; more</title>' in out
    assert 'id="egdi_map-p1"' in out and "url(#egdi_map-p1)" in out and 'xlink:href="#egdi_map-a"' in out
    assert "svg#egdi_map-svg *{" in out and "<metadata>" not in out and "<?xml" not in out
    assert 'style="min-width: 500px"' in out


@pytest.fixture(scope="module")
def report():
    from lxml import html as lxml_html

    return lxml_html.document_fromstring((ROOT / "reports" / "report.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["egdi_map", "region_map"])
def test_each_map_is_an_svg_in_the_page_with_its_title(report, name):
    from digidip.analysis.figspecs import SPECS

    (svg,) = report.xpath(f"//figure[@id='fig-{name}']//svg")
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == f"{name}-title"
    (title,) = svg.xpath("title")
    assert title.get("id") == f"{name}-title" and title.text_content() == SPECS[name].alt
    assert svg.xpath(".//path") and not svg.xpath(".//image")  # drawn as paths, no raster
    caption = report.xpath(f"//figure[@id='fig-{name}']/figcaption")[0].text_content()
    assert "imply no position" in caption and "68/262" in caption and "Crimea" in caption
    assert report.xpath(f"//figure[@id='fig-{name}']//a[@href='figures/{name}.csv'][.='Data']")


@pytest.mark.parametrize("name", ["egdi_map", "region_map"])
def test_each_maps_table_lists_the_values_its_csv_holds(report, name):
    """The report's table of a map's values has one row per row of the map's CSV, with the
    same EGDI and the same mark (its group, hatched or not drawn), in the report and the PDF."""
    import csv

    rows = list(csv.DictReader((ROOT / "reports" / "figures" / f"{name}.csv").open(encoding="utf-8")))
    (table,) = report.xpath(f"//table[@id='map-values-{name}']")
    cells = [[c.text_content().strip() for c in tr.xpath("th|td")] for tr in table.xpath("tbody/tr")]
    want = sorted((r["value"] or "n/a", r["mark"]) for r in rows)
    assert sorted((value, mark) for _, value, mark in cells) == want
    assert len(cells) == len(rows) > 20
    if name == "egdi_map":
        names = {n: (v, m) for n, v, m in cells}
        assert names["Malta"][1] == "no outline at this scale (not drawn)" and names["Ukraine"][0] != "n/a"
    pdf = subprocess.run(
        ["pdftotext", str(ROOT / "reports" / "report.pdf"), "-"], capture_output=True, text=True
    ).stdout
    number = table.xpath("caption")[0].text_content().split(".")[0]
    assert f"{number}. The values Figure" in " ".join(pdf.split())
