"""Survey values stated by independent published pages (data/raw/stated-values.yaml), compared
with the snapshot of their edition.

A page is compared at the precision it writes: the file's value is rounded half up, in
decimal, to the page's decimals, so a page's 0.90 agrees with the file's 0.90093 and 0.91 does
not. A rank or a count must be equal. A group is compared with the group the file's EGDI falls
in, by the survey's bounds (``GROUP_BOUNDS``). Survey-wide statements are computed over the
edition's states with a real EGDI (placeholders left out): the mean, and how many states each
group holds.

Like an independent copy's, every difference is matched to the quality item that records a
decision on it (an item listing the fact id of the value it contradicts; a group statement
contradicts the EGDI). A difference of a profiled country without one stops the tidy stage,
naming the record of this file; a survey-wide statement has no fact id and is published
undecided.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from ..facts.problems import Problem, ValidationError
from ..facts.yamlio import load_yaml
from .crosscheck import undecided as undecided_copies
from .egdi import PLACEHOLDERS

FILE = "stated-values.yaml"
STATED_COLUMNS = [
    "edition",
    "country",
    "indicator",
    "group",
    "stated",
    "decimals",
    "snapshot",
    "agrees",
    "fact_id",
    "source",
    "locator",
]
#: The survey's EGDI groups, each from its lower bound (Very High 0.75-1, High 0.5-0.75, ...).
GROUP_BOUNDS = (("Very High", 0.75), ("High", 0.5), ("Middle", 0.25), ("Low", 0.0))
#: Values compared at the precision the page writes them.
INDICES = ("egdi", "egdi_mean")


def read(raw: Path | str) -> list[dict]:
    """The file's records, each with its label (``stated[i]``); none when there is no file."""
    path = Path(raw) / FILE
    if not path.exists():
        return []
    doc, problems = load_yaml(path)
    if doc is None:
        raise ValidationError(problems, what=str(path))
    return [{**rec, "record": f"stated[{i}]"} for i, rec in enumerate(doc["stated"])]


def group_of(egdi: float) -> str:
    """The survey's group of an EGDI value."""
    return next(name for name, low in GROUP_BOUNDS if egdi >= low)


def at_precision(value: float, decimals: int) -> Decimal:
    """``value`` rounded half up, in decimal, to ``decimals`` digits after the point."""
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def agrees(indicator: str, stated: object, ours: object, decimals: int | None = None) -> bool:
    """Whether a stated value agrees with the snapshot's (an index at the stated ``decimals``)."""
    if ours is None:
        return False
    if indicator in INDICES:
        return at_precision(float(ours), decimals or 0) == Decimal(repr(float(stated)))
    return ours == stated


def _real_values(observations: list[dict]) -> dict[int, dict[tuple[str, str], float]]:
    """edition -> (country, indicator) -> the EGDI and its rank, placeholders left out."""
    out: dict[int, dict[tuple[str, str], float]] = {}
    for r in observations:
        real = r["entity_kind"] == "country" and r["flag"] not in PLACEHOLDERS and r["value"] is not None
        if real and r["indicator"] in ("egdi", "egdi_rank"):
            out.setdefault(int(r["year"]), {})[(r["country"], r["indicator"])] = r["value"]
    return out


def snapshot_value(rec: dict, values: dict[int, dict[tuple[str, str], float]]) -> object:
    """What the snapshot of the record's edition gives for what the record states (None: nothing)."""
    edition, indicator = values.get(rec["edition"], {}), rec["indicator"]
    if indicator in ("egdi", "egdi_rank"):
        return edition.get((rec["country"], indicator))
    if indicator == "egdi_group":
        egdi = edition.get((rec["country"], "egdi"))
        return None if egdi is None else group_of(egdi)
    egdis = [v for (_, ind), v in edition.items() if ind == "egdi"]
    if not egdis:
        return None
    if indicator == "egdi_mean":
        return math.fsum(egdis) / len(egdis)
    return sum(group_of(v) == rec["group"] for v in egdis)  # egdi_group_count


def _text(indicator: str, value: object, decimals: int | None = None) -> str | None:
    """A value as the tables write it: a stated index with the page's decimals ("0.90")."""
    if value is None:
        return None
    if indicator in INDICES and decimals is not None:
        return f"{float(value):.{decimals}f}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a rank read back as a number
    return str(value)


def compare(records: list[dict], observations: list[dict]) -> tuple[list[dict], list[dict], list[dict]]:
    """Every stated value beside the snapshot's; the agreement rows (per edition, indicator
    and page, the page's source id as the copy) and every differing value."""
    values = _real_values(observations)
    rows, counts, differences = [], {}, []
    for rec in records:
        ind, country, decimals = rec["indicator"], rec.get("country"), rec.get("decimals")
        ours = snapshot_value(rec, values)
        same = agrees(ind, rec["value"], ours, decimals)
        fact_id = f"{country}-{'egdi' if ind == 'egdi_group' else ind}-{rec['edition']}" if country else None
        stated, snapshot = _text(ind, rec["value"], decimals), _text(ind, ours)
        rows.append(
            {"edition": rec["edition"], "country": country, "indicator": ind, "group": rec.get("group")}
            | {"stated": stated, "decimals": decimals, "snapshot": snapshot, "agrees": same, "fact_id": fact_id}
            | {"source": rec["source"], "locator": rec["locator"]}
        )
        count = counts.setdefault((rec["edition"], ind, rec["source"]), {"compared": 0, "agreeing": 0})
        count["compared"] += 1
        count["agreeing"] += same
        if not same:
            differences.append(
                {"edition": rec["edition"], "country": country, "indicator": ind, "fact_id": fact_id}
                | {"ours": snapshot, "theirs": stated, "copy": rec["source"]}
            )
    agreement = [
        {"edition": e, "indicator": i, "copy": s, **c, "differing": c["compared"] - c["agreeing"]}
        for (e, i, s), c in counts.items()
    ]
    return rows, agreement, differences


def require_decisions(differences: list[dict], countries: list[str], raw: Path | str) -> None:
    """Raise, naming each one, if a difference of a profiled country has no recorded decision:
    an independent copy's as ``crosscheck`` does, a stated value's naming its record here."""
    records = read(raw)
    pages = {r["source"] for r in records}
    by_key = {(r["edition"], r.get("country"), r["indicator"], r["source"]): r for r in records}
    problems = undecided_copies([d for d in differences if d["copy"] not in pages], countries, f"{raw}/quality.yaml")
    for d in differences:
        rec = by_key.get((d["edition"], d["country"], d["indicator"], d["copy"]))
        if rec is None or d["country"] not in countries or d["issue"]:
            continue
        decimals = f" (compared at {rec['decimals']} decimals)" if rec.get("decimals") is not None else ""
        message = (
            f"{d['edition']} {d['indicator']} of {d['country']}: {d['theirs']} stated by {d['copy']}, "
            f"{d['ours'] if d['ours'] is not None else 'no value'} in our snapshot{decimals}; record a decision on it "
            f"(a quality item listing {d['fact_id']}) or correct the record"
        )
        problems.append(Problem(f"{raw}/{FILE}", rec["record"], "value", message))
    if problems:
        raise ValidationError(problems, what="the cross-checks")
