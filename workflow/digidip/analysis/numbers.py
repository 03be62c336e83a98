"""Numbers as the report prints them: rounded by indicator kind (the tables keep full precision).

One rule, applied once: a printed number is the stored value (the table's exact value, never
a value rounded before) rounded half up in decimal to the kind's decimals. 47.1503 prints
47.2 and 69.948 prints 69.9, where rounding twice (to 47.15 and then 47.1, to 69.95 and then
70.0) would move the last digit.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

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
    return rounded(x, DECIMALS.get(kind, 2))


def rounded(x: float, decimals: int) -> str:
    """``x`` rounded half up to ``decimals`` places, from its shortest decimal form (the digits
    the table stores): 0.15 -> "0.2", which binary rounding would print "0.1"."""
    step = Decimal(1).scaleb(-decimals)
    text = f"{Decimal(repr(x)).quantize(step, rounding=ROUND_HALF_UP):f}"
    return "0." + "0" * decimals if text.startswith("-") and Decimal(text) == 0 else text


def amount(a: dict) -> str:
    """An amount as the report prints it, every digit the source gives (never rounded), whole
    numbers with a thin space between thousands as every number of the report:
    "600 000 USD (value of the equipment handed over)"."""
    value = float(a["value"])
    shown = num(value, "amount") if value.is_integer() else cell(a["value"])
    return f"{shown} {a['unit']} ({a['what']})"


def signed_num(value: object, kind: str = "") -> str:
    """A change as the report prints it: rounded like a value of its kind, with its sign (a
    real minus sign, U+2212, as in print); a change that rounds to nothing prints "±0"."""
    text = num(abs(float(value)), kind)  # type: ignore[arg-type]
    if float(text.replace("\u2009", "")) == 0:
        return "\u00b10"
    return ("+" if float(value) > 0 else "\u2212") + text  # type: ignore[arg-type]
