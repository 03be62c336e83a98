"""Outside evidence as sources: every web page the fact base names is a registered source,
the quality record cites the pages it rests on, and a record with a DOI is complete.

A page a curator relies on (to correct a date, to weigh one value against another) has to
be a record in data/raw/sources.yaml, so the report lists it and a reader can find it, and
the quality item that relies on it cites it with a locator (its ``sources``). The check reads
the web addresses a curator writes in prose (notes, summaries, handling, reliability,
locators: any text field but ``url`` and ``doi``) and asks that each host be the host of a
registered source's ``url``; in a quality item, of a source the item cites (its ``sources``,
or the source of one of its facts). A page a seed article cites in its reference list is
named as that article's reference ("reference 5 (daryo.uz)"): the article is the source there,
not the page, so such a mention needs no record of its own. Outlets named without their
address ("Kazinform") are not seen by this check; the curator writes the address beside them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from .problems import Problem

#: A web host as curators write one: labels joined by dots, ending in a top-level domain the
#: sources use. The list is explicit: file names ("quality.yaml") and abbreviations ("e.g.")
#: must never read as hosts.
HOST = re.compile(
    r"(?<![\w.@/-])((?:[a-z0-9][a-z0-9-]*\.)+"
    r"(?:com|org|net|info|int|gov|edu|io|kz|kg|uz|tj|tm|ua|by|ru|ee|de|pl|uk|az|am|ge|md|lt|lv))"
    r"(?![\w-]|\.\w)",
    re.IGNORECASE,
)
#: A page named as an item of a seed article's reference list: "reference 5 (daryo.uz",
#: "Reference list, item 25 (... kmu.gov.ua", "Reference 3 is a page of metbugat.gov.tm".
SEED_REFERENCE = re.compile(r"\breference(?:\s+list)?[,\s]*(?:item\s+)?\d+\b", re.IGNORECASE)
#: Fields that hold addresses as data, not prose.
NOT_PROSE = ("url", "doi")


def hosts(text: str) -> list[str]:
    """The web hosts a text names, lower case, in order, leaving out those named as a seed
    article's reference (checked within the sentence before the host)."""
    out = []
    for m in HOST.finditer(text):
        sentence = re.split(r"[.;]\s", text[: m.start()])[-1]
        if not SEED_REFERENCE.search(sentence):
            out.append(m.group(1).lower())
    return out


def url_host(url: object) -> str | None:
    """The host of a record's ``url`` (None for anything that is not an address)."""
    if not isinstance(url, str) or "://" not in url:
        return None
    try:
        return urlsplit(url).hostname
    except ValueError:  # a malformed address is the schema's or the reader's to see
        return None


def covers(registered: str, named: str) -> bool:
    """Whether a source's host accounts for a named host: the same site, or one within the
    other ("news.tj" and www.news.tj; "inform.kz" and en.inform.kz)."""
    return registered == named or registered.endswith("." + named) or named.endswith("." + registered)


def _texts(value: object, path: str = "") -> Iterable[tuple[str, str]]:
    """(field path, text) of every string in a record, however deep, but its addresses."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, v in value.items():
            if key not in NOT_PROSE:
                yield from _texts(v, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _texts(v, f"{path}[{i}]")


def _unregistered(rec: dict, allowed: set[str]) -> Iterable[tuple[str, str]]:
    for fld, text in _texts(rec):
        for named in hosts(text):
            if not any(covers(h, named) for h in allowed):
                yield fld.split("[", 1)[0], named


def _list(value: object) -> list:
    """``value`` if it is a list; anything else is the schema pass's to report."""
    return value if isinstance(value, list) else []


def _label(key: str, i: int, rec: dict) -> str:
    rid = rec.get("id") or rec.get("goal")
    return f"{rid} ({key}[{i}])" if isinstance(rid, str) and rid else f"{key}[{i}]"


def page_problems(sources: dict[str, dict], groups: list[tuple[str, str, list]]) -> list[Problem]:
    """A named page without a source record. ``groups`` are (file, key, records) of the files
    that cite sources: sources, countries' facts, context facts, frameworks."""
    registered = {h for s in sources.values() if isinstance(s, dict) and (h := url_host(s.get("url")))}
    out = []
    for file, key, recs in groups:
        for i, rec in enumerate(_list(recs)):
            if not isinstance(rec, dict):
                continue
            for fld, named in _unregistered(rec, registered):
                out.append(
                    Problem(
                        file,
                        _label(key, i, rec),
                        fld,
                        f"names the page {named!r}, which no record of data/raw/sources.yaml has as its url; register it (kind, title, outlet, date, url) and cite it",
                    )
                )
    return out


def quality_problems(file: str, quality: list, sources: dict[str, dict], fact_sources: dict[str, str]) -> list[Problem]:
    """A quality item names only pages it cites: its ``sources`` or its facts' sources."""
    out = []
    for i, rec in enumerate(_list(quality)):
        if not isinstance(rec, dict):
            continue
        cited = [c.get("source") for c in _list(rec.get("sources")) if isinstance(c, dict)]
        cited += [fact_sources.get(f) for f in _list(rec.get("facts")) if isinstance(f, str)]
        records = [sources.get(s) for s in cited if isinstance(s, str)]
        allowed = {h for s in records if isinstance(s, dict) and (h := url_host(s.get("url")))}
        for fld, named in _unregistered({k: rec.get(k) for k in ("summary", "handling", "sources")}, allowed):
            out.append(
                Problem(
                    file,
                    _label("issues", i, rec),
                    fld,
                    f"names the page {named!r}; cite its record under sources, with where in it the point stands",
                )
            )
    return out


def doi_problems(file: str, sources: list) -> list[Problem]:
    """A record whose DOI identifies a journal article names its outlet and its authors, or
    says why no author can be named (``authors_unstated``)."""
    out = []
    for i, rec in enumerate(sources):
        if not isinstance(rec, dict):
            continue
        label = _label("sources", i, rec)
        if rec.get("authors") and rec.get("authors_unstated"):
            out.append(Problem(file, label, "authors_unstated", "the record names its authors; drop authors_unstated"))
        if not rec.get("doi"):
            continue
        if not rec.get("outlet"):
            out.append(
                Problem(file, label, "outlet", "a record with a DOI names the journal or publisher it identifies")
            )
        if not rec.get("authors") and not rec.get("authors_unstated"):
            out.append(
                Problem(
                    file,
                    label,
                    "authors",
                    "a record with a DOI names its authors ('Family, Given'), or says under authors_unstated why none can be named",
                )
            )
    return out
