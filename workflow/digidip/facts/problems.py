"""A validation problem and how it is printed: one readable line naming file, record, field."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the raw data.

    ``record`` is the record's id when it has one, else its position ("observations[3]");
    ``field`` is a dotted path inside the record ("period.end"), empty for the whole record.
    """

    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.record:
            where += f": record {self.record}"
        if self.field:
            where += f": field {self.field}"
        return f"{where}: {self.message}"


#: Top-level keys whose items are records: a message names a record by its id and position.
RECORD_LISTS = (
    "observations",
    "events",
    "practices",
    "facts",
    "issues",
    "sources",
    "indicators",
    "goals",
    "directions",
    "stated",
)


def record_of(doc: object, path: list) -> tuple[str, list]:
    """Split a JSON path into (record label, path inside the record)."""
    if len(path) >= 2 and path[0] in RECORD_LISTS and isinstance(path[1], int):
        label = f"{path[0]}[{path[1]}]"
        try:
            rec_id = doc[path[0]][path[1]].get("id")  # type: ignore[index,union-attr]
        except (AttributeError, IndexError, KeyError, TypeError):
            rec_id = None
        if isinstance(rec_id, str) and 0 < len(rec_id) <= 100:  # a longer id is itself the problem
            label = f"{rec_id} ({label})"
        return label, path[2:]
    if path and path[0] == "country":
        return "country", path[1:]
    return "", path


def shown(value: object, limit: int = 80) -> str:
    """A value as a message quotes it, cut to about ``limit`` characters: a pasted dump of
    megabytes is named by its length, never echoed into the message."""
    text = repr(value)
    if len(text) <= limit:
        return text
    size = len(value) if isinstance(value, str) else len(text)
    return f"{text[:limit]}... ({size:,} characters)"


class ValidationError(Exception):
    """Raised with every problem found, so one run reports them all."""

    def __init__(self, problems: list[Problem], what: str = "the raw data"):
        self.problems = sorted(set(problems))
        self.what = what
        super().__init__(self.format())

    def format(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in {self.what}:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])
