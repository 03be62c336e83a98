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
