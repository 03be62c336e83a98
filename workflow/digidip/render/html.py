"""One Jinja2 environment for every HTML fragment and page: autoescaping always on.

Text from the data is data: titles, notes and source fields are escaped wherever they
land, and a URL becomes a link only when it is http(s), so a ``javascript:`` URL in a
source record renders as inert text.
"""

from __future__ import annotations

import base64
import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from ..analysis.numbers import num

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


def link_or_text(url: object) -> Markup:
    """An <a> for http(s) URLs; escaped plain text for anything else."""
    ok = safe_url(url)
    if ok is None:
        return Markup("{}").format(escape(url or ""))
    return Markup('<a href="{}">{}</a>').format(ok, ok)


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
    e.globals["zip"] = zip
    return e


def render(template: str, **context: object) -> str:
    return env().get_template(template).render(**context)
