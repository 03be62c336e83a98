"""Dates as curators write them: "YYYY", "YYYY-MM" or "YYYY-MM-DD", checked and ordered."""

from __future__ import annotations

import datetime as dt
import re

#: Years a fact about digital diplomacy can plausibly carry. Fixed here, never read from
#: the clock, so a build next year validates the same data the same way.
FIRST_YEAR, LAST_YEAR = 1990, 2030

#: The form of a date the calendar check can read; other forms are the schema pass's to report.
_DATE_FORM = re.compile(r"[0-9]{4}(-[0-9]{2}){0,2}")


def check_date(value: object) -> str | None:
    """Return a problem message if ``value`` is not a real calendar date, else None."""
    text = str(value)
    if isinstance(value, bool) or not isinstance(value, (str, int)) or not _DATE_FORM.fullmatch(text):
        return None  # not a date at all: the schema pass says what form is expected
    parts = [int(p) for p in text.split("-")]
    year = parts[0]
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return f"year {year} is outside the plausible range {FIRST_YEAR}-{LAST_YEAR}"
    if len(parts) == 3:
        try:
            dt.date(*parts)
        except ValueError:
            return f"{text} is not a real calendar date"
    return None


def date_key(value: object, end: bool = False) -> tuple[int, int, int]:
    """Sortable (year, month, day) of a partial date; ``end`` fills missing parts at the end."""
    parts = [int(p) for p in str(value).split("-")]
    while len(parts) < 3:
        parts.append(99 if end else 0)
    return parts[0], parts[1], parts[2]
