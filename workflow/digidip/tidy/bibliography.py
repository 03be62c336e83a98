"""The bibliography as citation data: CSL-JSON (``data/tidy/sources.json``), one item per source.

This is the one place where a source record (``data/raw/sources.yaml``, validated in the fact
base) becomes bibliographic fields: the BibTeX export (``tidy/bibtex.py``) is derived from these
items, and the report formats its list of sources from the published file with a CSL processor
(``render/references.py``), so the exports and the report cannot disagree on a type, a name or
a date. Items are keyed by the source id and sorted by it; JSON is written with sorted keys,
so the same records always give the same bytes.
"""

from __future__ import annotations

import json

from ..facts.factbase import FactBase

#: The files this module and tidy/bibtex.py publish beside the tables.
CSL_JSON = "sources.json"
BIBTEX = "sources.bib"
FILES = (BIBTEX, CSL_JSON)

#: CSL item type of each source kind (sources.schema.yaml). An abstract is cited as the
#: journal article it summarises; a student paper is a journal article where its outlet is
#: stated and a manuscript where it is not (``csl_type``).
CSL_TYPES = {
    "peer-reviewed-article": "article-journal",
    "journal-article": "article-journal",
    "student-paper": "article-journal",
    "abstract": "article-journal",
    "news": "article-newspaper",
    "official-dataset": "dataset",
    "official-document": "report",
    "web-page": "webpage",
}
#: Types whose outlet is the periodical they appear in (CSL container-title), not a publisher.
PERIODICAL = {"article-journal", "article-newspaper"}
#: Kinds a reader should be told about in the reference itself (CSL genre).
GENRES = {"student-paper": "Student paper"}


def csl_type(source: dict) -> str:
    if source["kind"] == "student-paper" and not source.get("outlet"):
        return "manuscript"
    return CSL_TYPES[source["kind"]]


def csl_name(author: str) -> dict:
    """A person written "Family, Given" as CSL name parts.

    Lower-case words ending the given name (the Uzbek patronymic markers "ugli", "qizi", or a
    particle such as "van") are its dropping particle, as citeproc-js reads them: left in the
    given name, citeproc-py initialises them into "M.Z. ugli ." A name without a comma is
    kept whole (``literal``), never split by guesswork.
    """
    family, comma, given = (part.strip() for part in author.partition(","))
    if not comma or not family or not given:
        return {"literal": author.strip()}
    words = given.split()
    cut = len(words)
    while cut > 1 and words[cut - 1].islower():
        cut -= 1
    name = {"family": family, "given": " ".join(words[:cut])}
    if cut < len(words):
        name["dropping-particle"] = " ".join(words[cut:])
    return name


def date_parts(published: str) -> dict:
    """``"YYYY"``, ``"YYYY-MM"`` or ``"YYYY-MM-DD"`` as a CSL date (validated upstream)."""
    return {"date-parts": [[int(part) for part in published.split("-")]]}


def csl_item(source: dict) -> dict:
    """One source record as a CSL-JSON item (fields the record does not state are left out)."""
    kind = csl_type(source)
    item: dict = {"id": source["id"], "type": kind, "title": source["title"], "language": source["language"][0]}
    if source["authors"]:
        item["author"] = [csl_name(a) for a in source["authors"]]
    elif source.get("producer"):
        # An organisation is the author of its datasets and documents (a literal name).
        item["author"] = [{"literal": source["producer"]}]
    if source.get("outlet"):
        item["container-title" if kind in PERIODICAL else "publisher"] = source["outlet"]
    if source.get("producer") and source["authors"] and "publisher" not in item:
        # Written by people for an organisation: the organisation publishes it.
        item["publisher"] = source["producer"]
    if source.get("issue"):
        # The record states volume, issue and pages as one undivided designation ("No. 4/2023"):
        # kept whole, in the field a style prints first. A dataset's is its release or edition.
        item["version" if kind == "dataset" else "volume" if kind in PERIODICAL else "number"] = source["issue"]
    if source.get("published"):
        item["issued"] = date_parts(source["published"])
    if source.get("doi"):
        item["DOI"] = source["doi"]
    if source.get("url"):
        item["URL"] = source["url"]
    if source["kind"] in GENRES:
        item["genre"] = GENRES[source["kind"]]
    return item


def csl_items(fb: FactBase) -> list[dict]:
    """Every source of the fact base as a CSL item, in id order (the report's numbering)."""
    return [csl_item(fb.sources[sid]) for sid in sorted(fb.sources)]


def csl_json(fb: FactBase) -> str:
    return json.dumps(csl_items(fb), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
