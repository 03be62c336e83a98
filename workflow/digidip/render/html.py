"""One Jinja2 environment for every HTML fragment and page: autoescaping always on.

Text from the data is data: titles, notes and source fields are escaped wherever they
land, and a URL becomes a link only when it is http(s), so a ``javascript:`` URL in a
source record renders as inert text.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from ..analysis.numbers import amount, num, signed_num
from ..common.textrefs import QUALITY_REF
from ..official.names import display_name


def country_name(iso3: str) -> str:
    """A country's English short name, for codes the data give without one."""
    try:
        return display_name(iso3)
    except AttributeError:  # not an ISO code: show it as it is
        return iso3


TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"


def safe_url(url: object) -> str | None:
    """``url`` if it is an http(s) URL with a host and no whitespace or quotes, else None."""
    if not isinstance(url, str):
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"[\s\"'<>`]", url.strip()):
        return None
    return url.strip()


def anchor(kind: str, ident: object) -> str:
    """A fragment id that is valid and stable for any record id (ids may hold dots)."""
    return f"{kind}-" + re.sub(r"[^A-Za-z0-9_-]", lambda m: f"_{ord(m.group()):x}_", str(ident))


def svg_data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def inline_svg(name: str, svg: bytes, title: str, least_width: int = 0) -> Markup:
    """A figure's SVG drawing as markup to place in a page (the maps): its title (the accessible
    name a screen reader announces) first, every id of the drawing prefixed with ``name`` so two
    drawings on one page never share one, and its style sheet confined to itself."""
    text = svg.decode("utf-8")
    text = re.sub(r"<\?xml[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*|\s*<metadata>.*?</metadata>", "", text, flags=re.S)
    text = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{name}-{m.group(1)}"', text)
    text = re.sub(r'((?:xlink:)?href)="#([^"]+)"', lambda m: f'{m.group(1)}="#{name}-{m.group(2)}"', text)
    text = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{name}-{m.group(1)})", text)
    # matplotlib's sheet starts "*{": in a page it would reach every element of the page.
    text = text.replace('<style type="text/css">*{', f'<style type="text/css">svg#{name}-svg *{{')
    style = f' style="min-width: {least_width}px"' if least_width else ""
    opening = f'<svg id="{name}-svg" class="figure-svg" role="img" aria-labelledby="{name}-title"{style} '
    text = text.replace("<svg ", opening, 1)
    head = text.index(">", text.index("<svg ")) + 1
    if text[head - 2] == "/":  # an empty drawing: <svg .../>
        text, head = text[: head - 2] + "></svg>" + text[head:], head - 1
    title = f'\n <title id="{name}-title">{escape(title)}</title>'
    return Markup(text[:head] + title + text[head:])  # noqa: S704 - our own drawing, its title escaped


def link_or_text(url: object) -> Markup:
    """An <a> for http(s) URLs; escaped plain text for anything else."""
    ok = safe_url(url)
    if ok is None:
        return Markup("{}").format(escape(url or ""))
    return Markup('<a href="{}">{}</a>').format(ok, ok)


def groupby_first(rows: Iterable, key: str) -> list[tuple[object, list]]:
    """Group rows by an attribute in order of first appearance (Jinja's groupby sorts)."""
    groups: dict[object, list] = {}
    for r in rows:
        k = r[key] if isinstance(r, Mapping) else getattr(r, key)
        groups.setdefault(k, []).append(r)
    return list(groups.items())


def quality_links(text: object, base: str, titles: Mapping[str, str]) -> Markup:
    """Escaped prose whose quality-item ids ("see Q-...") read as links to the items,
    named by their titles: ids are for the data files, titles for readers."""
    out = Markup("")
    pos = 0
    s = "" if text is None else str(text)
    for m in QUALITY_REF.finditer(s):
        title = titles.get(m.group())
        if title is None:
            continue
        out += escape(s[pos : m.start()])
        out += Markup('the data-quality note <a href="{}#{}">“{}”</a>').format(base, anchor("q", m.group()), title)
        pos = m.end()
    return out + escape(s[pos:])


# The quality record's kinds as a reader says them (singular, plural).
QUALITY_KINDS = {
    "disagreement": ("disagreement between sources", "disagreements between sources"),
    "doubt": ("doubtful statement", "doubtful statements"),
    "inferred": ("date or year we inferred", "dates or years we inferred"),
    "undated": ("group of undated statements", "groups of undated statements"),
    "not-comparable": ("statement without an official counterpart", "statements without an official counterpart"),
}


def signed(n: int) -> str:
    """A change with its sign, the minus a real minus sign (U+2212), as in print."""
    return f"+{n}" if n > 0 else f"\u2212{-n}" if n < 0 else "0"


# The sources' kinds (sources.schema.yaml) as a reader says them (singular, plural).
SOURCE_KINDS = {
    "peer-reviewed-article": ("peer-reviewed article", "peer-reviewed articles"),
    "journal-article": ("journal article", "journal articles"),
    "student-paper": ("student paper", "student papers"),
    "abstract": ("abstract", "abstracts"),
    "news": ("news text", "news texts"),
    "official-dataset": ("official dataset", "official datasets"),
    "official-document": ("official document", "official documents"),
    "web-page": ("web page", "web pages"),
}


# What a fact rests on (defs.schema.yaml, basis) as a reader says it.
BASIS_SAID = {
    "full-text": "read in full",
    "abstract": "an abstract only",
    "reference-title": "a reference title only",
    "second-hand": "second-hand",
}


@cache
def env() -> Environment:
    e = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    e.filters["anchor"] = anchor
    e.filters["link_or_text"] = link_or_text
    e.filters["safe_url"] = safe_url
    e.filters["num"] = num
    e.filters["amount"] = amount
    e.filters["groupby_first"] = groupby_first
    e.filters["signed"] = signed
    e.filters["signed_num"] = signed_num
    e.filters["quality_links"] = quality_links
    e.globals["zip"] = zip
    e.globals["quality_kinds"] = QUALITY_KINDS
    e.globals["source_kinds_said"] = SOURCE_KINDS
    e.globals["basis_said"] = BASIS_SAID
    e.filters["country_name"] = country_name
    return e


def render(template: str, **context: object) -> str:
    return env().get_template(template).render(**context)
