"""Numbers as the report prints them: rounded by indicator kind (the tables keep full precision)."""

from __future__ import annotations

from ..common.csvtext import cell

#: Decimals shown for a value of each indicator kind (the tables keep full precision).
DECIMALS = {"percent": 1, "index": 3, "score": 1, "count": 1, "amount": 0, "rank": 0}


#: Kinds whose values always show their decimals, whole or not (an index of 1 prints 1.000
#: beside 0.881, so one column reads as one scale).
FIXED = {"percent", "index", "score", "count"}


def num(value: object, kind: str = "") -> str:
    """A number as the report shows it: rounded by kind; ranks and amounts whole, with a thin
    space between thousands from 10 000."""
    if value is None or value == "":
        return ""
    x = float(value)  # type: ignore[arg-type]
    if x.is_integer() and kind not in FIXED:
        return f"{int(x):,}".replace(",", "\u2009") if abs(x) >= 10000 else str(int(x))
    return f"{x:.{DECIMALS.get(kind, 2)}f}"


def amount(a: dict) -> str:
    """An amount as the report prints it, every digit the source gives (never rounded), whole
    numbers with a thin space between thousands as every number of the report:
    "600 000 USD (value of the equipment handed over)"."""
    value = float(a["value"])
    shown = num(value, "amount") if value.is_integer() else cell(a["value"])
    return f"{shown} {a['unit']} ({a['what']})"
