"""The bibliography as BibTeX (``data/tidy/sources.bib``), derived from the CSL items.

One entry per source, its key the source id, written by bibtexparser. The file is UTF-8 and
meant for biblatex/biber and for import into Zotero or JabRef; classic BibTeX reads it too
(entry types it does not know, ``@dataset`` and ``@online``, fall back to ``@misc``).
"""

from __future__ import annotations

from ..facts.factbase import FactBase
from .bibliography import csl_items

#: Entry type of each CSL type. Without a stated outlet an article has no journal (a field
#: ``@article`` requires), so it is written as ``@misc`` (``entry_type``).
ENTRY_TYPES = {
    "article-journal": "article",
    "article-newspaper": "article",
    "dataset": "dataset",
    "webpage": "online",
    "manuscript": "unpublished",
    "report": "misc",
}

# Text fields escape LaTeX's special characters; other characters, Cyrillic included, stay
# UTF-8, as biblatex/biber and Zotero read them.
LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
# BibTeX counts every brace, escaped or not, to find where a value ends: braces that do not
# pair up are written as text commands, so that a lone "{" cannot end the field early.
UNPAIRED = LATEX | {"{": r"\textbraceleft{}", "}": r"\textbraceright{}"}
# URL and DOI fields are verbatim (no LaTeX), so only what would unbalance the braces around
# the value is percent-encoded; a resolver reads the result as the same address.
VERBATIM = str.maketrans({"{": "%7B", "}": "%7D", "\\": "%5C"})


def paired(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def latex(text: str) -> str:
    return text.translate(str.maketrans(LATEX if paired(text) else UNPAIRED))


def person(name: dict) -> str:
    """A CSL name as BibTeX reads it: "Family, Given particle", or an organisation in braces
    (so that BibTeX neither splits it at " and " nor takes its comma for "Family, Given")."""
    if "literal" in name:
        return "{" + latex(name["literal"]) + "}"
    given = " ".join(p for p in (name["given"], name.get("dropping-particle")) if p)
    return f"{latex(name['family'])}, {latex(given)}"


def entry_type(item: dict) -> str:
    if item["type"] in ("article-journal", "article-newspaper") and "container-title" not in item:
        return "misc"
    return ENTRY_TYPES[item["type"]]


def fields(item: dict, kind: str) -> list[tuple[str, str]]:
    """The entry's fields, in a fixed order, as BibTeX value text (without outer braces)."""
    out = []
    if "author" in item:
        out.append(("author", " and ".join(person(n) for n in item["author"])))
    # Titles are as the source gives them: the inner braces keep a style from changing their case.
    out.append(("title", "{" + latex(item["title"]) + "}"))
    if "container-title" in item:
        out.append(("journal", latex(item["container-title"])))
    if item["type"] == "article-newspaper" and kind == "article":
        out.append(("entrysubtype", "newspaper"))
    if "publisher" in item:
        out.append(("organization" if kind == "online" else "publisher", latex(item["publisher"])))
    for key in ("volume", "number", "version"):
        if key in item:
            out.append((key, latex(item[key])))
    if "issued" in item:
        parts = item["issued"]["date-parts"][0]
        out.append(("date", "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))))
        out.append(("year", str(parts[0])))
    if "genre" in item:
        out.append(("note", latex(item["genre"])))
    if "DOI" in item:
        out.append(("doi", item["DOI"].translate(VERBATIM)))
    if "URL" in item:
        out.append(("url", item["URL"].translate(VERBATIM)))
    out.append(("langid", langid(item["language"])))
    return out


def langid(code: str) -> str:
    """biblatex's language name (babel/polyglossia) for an ISO 639-1 code: "ru" -> "russian"."""
    import pycountry

    lang = pycountry.languages.get(alpha_2=code)
    return lang.name.lower() if lang is not None else code


def bibtex(fb: FactBase) -> str:
    """Every source of the fact base as one BibTeX entry, in id order."""
    import bibtexparser
    from bibtexparser.middlewares import AddEnclosingMiddleware
    from bibtexparser.model import Entry, Field

    entries = []
    for item in csl_items(fb):
        kind = entry_type(item)
        entries.append(Entry(kind, item["id"], [Field(k, v) for k, v in fields(item, kind)]))
    fmt = bibtexparser.BibtexFormat()
    fmt.indent = "  "
    fmt.block_separator = "\n"
    enclose = AddEnclosingMiddleware(reuse_previous_enclosing=False, enclose_integers=True, default_enclosing="{")
    return bibtexparser.write_string(bibtexparser.Library(entries), unparse_stack=[enclose], bibtex_format=fmt)
