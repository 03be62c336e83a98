"""The report's list of sources, formatted by a CSL processor from ``data/tidy/sources.json``.

citeproc-py formats every item in one standard style, the Harvard style of *Cite Them Right*
that it bundles (``STYLE``; the style file is the CSL project's, CC BY-SA 3.0, and comes with
the pinned package). The report numbers its sources itself (the position in the id-sorted
list, ``srcnum``); the style's own order and labels are not used.

citeproc-py's HTML output does not escape the text of the items (a ``<`` or ``&`` in a title
reaches the page as it is) and it reads ``<span class="nocase">`` in a value as markup, so
every text value is HTML-escaped before the processor sees it: only the processor's own tags
(``<i>``, ``<b>``) are markup, and data stays data.
"""

from __future__ import annotations

import json
from functools import cache
from html import escape
from pathlib import Path

from markupsafe import Markup

from .html import link_or_text, safe_url

#: The bundled CSL style and the locale it is written for (British English).
STYLE = "harvard-cite-them-right"
LOCALE = "en-GB"
#: CSL fields that are codes or numbers, not text: passed on as they are.
NOT_TEXT = {"id", "type", "language", "issued"}


def read_items(path: Path | str) -> list[dict]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _escaped(value: object) -> object:
    if isinstance(value, str):
        return escape(value, quote=False)
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items()}
    return value


def _html_safe(item: dict) -> dict:
    return {k: (v if k in NOT_TEXT else _escaped(v)) for k, v in item.items()}


def _linked(html: str, item: dict) -> str:
    """The reference with its DOI or URL as a link (the style prints them as plain text, last)."""
    for url in (f"https://doi.org/{item['DOI']}" if "DOI" in item else None, item.get("URL")):
        ok = safe_url(url)
        text = escape(ok or "", quote=False)
        if ok and text in html:
            head, _, tail = html.rpartition(text)
            html = head + str(link_or_text(ok)) + tail
    return html


@cache
def _style():
    from citeproc import CitationStylesStyle

    # validate: the style file is checked against the CSL schema that citeproc-py ships.
    return CitationStylesStyle(STYLE, locale=LOCALE, validate=True)


def style_title() -> str:
    """The style's name as its file gives it, for the report to say how it cites."""
    return _style().root.info.title.text


def format_items(items: list[dict]) -> dict[str, Markup]:
    """Each item's reference as HTML, by id, formatted by citeproc-py in ``STYLE``."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    source = CiteProcJSON([_html_safe(item) for item in items])
    bib = CitationStylesBibliography(_style(), source, formatter.html)
    for item in items:
        bib.register(Citation([CitationItem(item["id"])]))
    # Registered in id order and never sorted, so the references come out in that order.
    formatted = [str(text) for text in bib.bibliography()]
    if len(formatted) != len(items):
        raise ValueError(f"the CSL processor formatted {len(formatted)} of {len(items)} sources")
    # citeproc-py reads ids in lower case; ours are lower case already (sources.schema.yaml).
    return {
        item["id"]: Markup(_linked(text, item))  # noqa: S704 - values escaped above; tags are citeproc's
        for item, text in zip(items, formatted, strict=True)
    }
