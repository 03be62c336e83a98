"""Text the edition's fonts cannot draw: a problem named by file, record and field.

Nearly every text of the curated facts is printed somewhere: titles, names and labels in
the figures (an event's title on its country's timeline, country names, the goals' labels),
everything in the pages and in the PDF. The figures and the PDF draw it in DejaVu Sans
(``common/fonts.py``), which covers Latin, Greek and Cyrillic scripts but not, for one,
Chinese; a character it lacks would be a gap in a figure and would stop the PDF's job, the
last of the build, with no word of where it came from. So it is refused here, in every text of
every raw file, before anything is built.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..common import fonts
from .problems import Problem, record_of

#: How many of a text's undrawable characters a message names.
SHOWN = 3


def _texts(value: object, path: list) -> Iterator[tuple[list, str]]:
    """Every text in a document with its path (keys are field names, checked by the schema)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, sub in value.items():
            yield from _texts(sub, [*path, key])
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from _texts(sub, [*path, i])


def message(chars: list[str]) -> str:
    named = ", ".join(fonts.describe(c) for c in chars[:SHOWN])
    more = f" and {len(chars) - SHOWN} more" if len(chars) > SHOWN else ""
    return (
        f"has characters the report's font ({fonts.FAMILY}, in the figures and the PDF) cannot draw: {named}{more};"
        " write the text in a script it covers (Latin, Greek, Cyrillic), e.g. transliterated or translated"
    )


def glyph_problems(name: str, doc: object) -> list[Problem]:
    """A problem for each text in ``doc`` (the file ``name``) holding an undrawable character."""
    problems = []
    for path, text in _texts(doc, []):
        chars = fonts.undrawable(text)
        if chars:
            record, inner = record_of(doc, path)
            problems.append(Problem(name, record, ".".join(str(p) for p in inner), message(chars)))
    return problems
