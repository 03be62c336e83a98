"""What a value cell of a publisher's file may hold, checked before any value is used.

A cell a reader keeps (``layouts.Cell``; a blank cell is no value, and the files leave the
years a state has no data blank) must read as a finite number: ``n/a``, ``NaN`` or a word
is refused, not turned into a traceback or a value nobody can compare. The number must lie
in the scale its indicator allows, stated once in the indicator dictionary for curated and
official values alike (``facts/ranges.py``; why there: that module's docstring). A rank's
highest place is the number of ranks the file holds for the same indicator and year: the
states it ranks (ties share a place, so places may stop short of it).

A value outside its scale that the publisher's file does hold is kept as published only
where the sidecar lists its fact id under ``out_of_range`` with the reason; a listed value
that is in range, or not in the file, is an error too, so the list cannot go stale.
Every problem names the file, the row and the column; all of a file's are reported at once.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from ..common.csvtext import number
from ..facts import ranges
from ..facts.problems import Problem, shown
from .layouts import Cell
from .snapshots import SIDECAR, Snapshot


def parse(text: str) -> int | float | None:
    """The cell's number, or None if it is not a finite number."""
    try:
        value = number(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def problems(snap: Snapshot, cells: Iterable[Cell], indicators: dict[str, dict]) -> list[Problem]:
    """Every cell of ``snap`` that is not a number its indicator allows, and every stale exception."""
    cells = list(cells)
    kept = snap.spec.get("out_of_range") or {}
    ranked = Counter((c.indicator, c.year) for c in cells if indicators.get(c.indicator, {}).get("kind") == "rank")
    found, listed = [], set()
    for c in cells:
        where = (snap.display, f"row {c.row}", c.column)
        indicator = indicators.get(c.indicator)
        if indicator is None:
            found.append(Problem(*where, f"indicator {c.indicator!r} is not in data/raw/indicators.yaml"))
            continue
        value = parse(c.text)
        if value is None:
            found.append(Problem(*where, f"{shown(c.text.strip())} is not a number (a missing value is a blank cell)"))
            continue
        why = ranges.problem(
            indicator, value, ranked.get((c.indicator, c.year)), f"the number of ranks the file holds for {c.year}"
        )
        fact = f"{c.key}-{c.indicator}-{c.year}"
        if fact in kept:
            listed.add(fact)
            if why is None:
                found.append(Problem(*where, f"{value} lies in range, but {fact} is listed under out_of_range"))
        elif why is not None:
            found.append(Problem(*where, f"{c.entity}: {why}"))
    found += [
        Problem(snap.display + SIDECAR, "out_of_range", fact, "no cell of the file holds this value")
        for fact in sorted(set(kept) - listed)
    ]
    return found
