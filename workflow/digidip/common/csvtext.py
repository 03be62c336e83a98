"""Deterministic CSV: the text every table of the workflow is written as.

Numbers keep the type they came with (an integer stays an integer, a float prints in its
shortest round-trip form), booleans are ``true``/``false``, missing values are empty, a list
is a JSON array (so a value containing any character, a separator included, reads back as
itself), lines end in "\\n" and quoting is minimal: the same rows always give the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import re

_INTEGER = re.compile(r"-?[0-9]+")


def cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return json.dumps(list(value), ensure_ascii=False)
    return str(value)


def read_list(text: object) -> list:
    """A list cell read back (an empty cell is an empty list)."""
    if text is None or text == "" or (isinstance(text, float) and text != text):
        return []
    value = json.loads(str(text))
    if not isinstance(value, list):
        raise ValueError(f"expected a JSON array, got {text!r}")
    return value


def to_csv(rows: list[dict], columns: list[str]) -> str:
    """Rows -> CSV text with "\\n" line ends and minimal quoting."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(c)) for c in columns])
    return buf.getvalue()


def number(text: str) -> int | float:
    """A number as a file writes it: "29" stays an integer, "0.47430" becomes 0.4743."""
    text = text.strip()
    return int(text) if _INTEGER.fullmatch(text) else float(text)
