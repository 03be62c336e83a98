"""The values an indicator allows: one rule for curated observations, snapshots and copies.

The scale is a property of what is measured, not of the file that holds it: an EGDI lies in
0-1 whether a curator typed it, a UN survey file holds it or an independent copy repeats
it. So it is stated once, in the indicator dictionary (``data/raw/indicators.yaml``), and
every value of the indicator is checked against it. An index or a score states its
``range`` there (the EGDI 0-1, a GCI 2020 pillar 0-20, a GCI 2020 score 0-100); every other
kind has the scale of its kind: a percentage 0-100, a count or an amount not negative, a
rank a whole number from 1 to the number of states ranked (``out_of`` for a curated value,
the number of ranks of the same indicator and year in a file).
"""

from __future__ import annotations

import math

#: Kinds whose scale is their own, stated as ``range`` in the dictionary.
RANGED = ("index", "score")
#: The scale of every other kind of number: (lowest, highest or None for no bound).
BY_KIND = {"percent": (0, 100), "count": (0, None), "amount": (0, None), "rank": (1, None)}
#: How a message names a value of each kind.
WORD = {"percent": "percentage"}


def definition_problem(indicator: dict) -> str | None:
    """Why a dictionary entry's ``range`` is wrong (the schema requires it of an index or a score)."""
    scale = indicator.get("range")
    if not isinstance(scale, dict):
        return None
    if indicator.get("kind") not in RANGED:
        return f"only an index or a score states a range; the scale of a {indicator.get('kind')} follows from its kind"
    low, high = scale.get("min"), scale.get("max")
    if isinstance(low, (int, float)) and isinstance(high, (int, float)) and not low < high:
        return f"min {low} is not below max {high}"
    return None


def bounds(indicator: dict) -> tuple[float, float | None]:
    """(lowest, highest or None) value the indicator allows; a rank's highest is the number ranked."""
    if indicator["kind"] in RANGED:
        return indicator["range"]["min"], indicator["range"]["max"]
    return BY_KIND.get(indicator["kind"], (-math.inf, None))


def problem(indicator: dict, value: float, out_of: int | None = None, ranked: str = "out_of") -> str | None:
    """Why ``value`` cannot be a value of ``indicator`` (None if it can).

    ``out_of`` is a rank's highest place, the number ranked; ``ranked`` says where that
    number comes from, for the message.
    """
    kind = indicator["kind"]
    if kind == "rank":
        if value != int(value):
            return f"rank {value} is not a whole number"
        if out_of is not None and not 1 <= value <= out_of:
            return f"rank {value} is outside 1-{out_of} ({ranked})"
        return None
    low, high = bounds(indicator)
    if low <= value and (high is None or value <= high):
        return None
    if high is None:
        return f"{kind} {value} is negative"
    where = f" (the range of {indicator['id']} in data/raw/indicators.yaml)" if kind in RANGED else ""
    return f"{WORD.get(kind, kind)} {value} is outside {low:g}-{high:g}{where}"
