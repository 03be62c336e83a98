"""The consistency pass: what no schema can check, over records that passed (or mostly passed) it.

References between files (sources, indicators, goals, fact ids), plausible ranges, real
calendar dates and duplicates. A ``Checker`` collects problems, never raises, so one run
reports every problem in the fact base.
"""

from __future__ import annotations

import math

from . import ranges
from .dates import FIRST_YEAR, LAST_YEAR, check_date, date_key
from .problems import Problem


class Checker:
    """The consistency pass over documents that passed (or mostly passed) their schema."""

    def __init__(self, known_ids: frozenset[str] = frozenset(), trusted_prefixes: set[str] | None = None) -> None:
        #: Fact ids defined outside the curated files (official statistics), citable by records.
        self.known_ids = known_ids
        #: When only some countries' files are read: the countries read. A reference to a fact
        #: of any other country is then trusted (the whole base was validated before).
        self.loaded_countries = trusted_prefixes
        self.problems: list[Problem] = []
        self.fact_ids: dict[str, str] = {}
        self.first_label: dict[str, str] = {}
        #: (country, indicator, year, source) -> (value, file, record) of its first observation.
        self.observation_keys: dict[tuple, tuple[object, str, str]] = {}

    def add(self, *args: str) -> None:
        self.problems.append(Problem(*args))

    # --- cross-references

    def observation(self, name: str, label: str, rec: dict, fb_indicators: dict, sources: dict) -> None:
        """An observation's references, then its ranges."""
        ind = fb_indicators.get(id_of(rec.get("indicator")))
        if id_of(rec.get("indicator")) is not None and ind is None:
            self.add(
                name,
                label,
                "indicator",
                f"unknown indicator id {rec['indicator']!r}; define it in data/raw/indicators.yaml",
            )
        self.source(name, label, rec, sources)
        self.observation_ranges(name, label, rec, ind)

    def source(self, name: str, label: str, rec: dict, sources: dict) -> None:
        src = id_of(rec.get("source"))
        if src is not None and src not in sources:
            self.add(name, label, "source", f"unknown source id {src!r}; add it to data/raw/sources.yaml")

    # --- ranges and dates

    def observation_ranges(self, name: str, label: str, rec: dict, ind: dict | None) -> None:
        """Whole years and counts, finite values, and the values the indicator allows (facts/ranges.py)."""
        year = rec.get("year")
        if isinstance(year, float) and year.is_integer():
            # JSON Schema counts 2020.0 as an integer; the tidy table would print "2020.0".
            self.add(name, label, "year", f"expected a whole year such as {int(year)}, got {year!r}")
        elif isinstance(year, (int, float)) and not FIRST_YEAR <= year <= LAST_YEAR:
            self.add(name, label, "year", f"year {year} is outside the plausible range {FIRST_YEAR}-{LAST_YEAR}")
        out_of = rec.get("out_of")
        if isinstance(out_of, float) and out_of.is_integer():
            self.add(name, label, "out_of", f"expected a whole number such as {int(out_of)}, got {out_of!r}")
        value = rec.get("value")
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return
        if not math.isfinite(value):
            # YAML's .nan and .inf are numbers to JSON Schema, but no source states them.
            self.add(name, label, "value", f"expected a finite number, got {value!r}")
            return
        if ind is None:
            return
        if rec.get("unit") is not None and rec["unit"] != ind["unit"]:
            self.add(
                name, label, "unit", f"unit {rec['unit']!r} differs from indicator {ind['id']}'s unit {ind['unit']!r}"
            )
        if ind["kind"] == "rank":
            if out_of is None:
                self.add(
                    name,
                    label,
                    "out_of",
                    f"missing required field for rank indicator {ind['id']}: how many countries were ranked",
                )
                return
            if not isinstance(out_of, (int, float)) or isinstance(out_of, bool) or out_of < 1:
                return  # a wrong out_of is reported by the schema pass
        elif ind["kind"] in ranges.RANGED and not isinstance(ind.get("range"), dict):
            return  # the dictionary entry lacks its range: reported on the entry
        if msg := ranges.problem(ind, value, out_of):
            self.add(name, label, "value", msg)

    def dated(self, name: str, label: str, rec: dict) -> None:
        for key in ("date",):
            if rec.get(key) is not None and (msg := check_date(rec[key])):
                self.add(name, label, key, msg)
        period = rec.get("period")
        if isinstance(period, dict):
            for key in ("start", "end"):
                if period.get(key) is not None and (msg := check_date(period[key])):
                    self.add(name, label, f"period.{key}", msg)
            try:
                if date_key(period["start"]) > date_key(period["end"], end=True):
                    self.add(
                        name, label, "period", f"period starts ({period['start']}) after it ends ({period['end']})"
                    )
            except (KeyError, ValueError):
                pass

    def amounts(self, name: str, label: str, rec: dict) -> None:
        """Each amount a finite number: amounts.csv publishes it as one."""
        items = rec.get("amounts")
        for i, a in enumerate(items if isinstance(items, list) else []):
            value = a.get("value") if isinstance(a, dict) else None
            if isinstance(value, float) and not math.isfinite(value):
                self.add(name, label, f"amounts[{i}].value", f"expected a finite number, got {value!r}")

    # --- duplicates

    def cites(self, fact_id: str) -> bool:
        """Whether ``fact_id`` names a fact: a curated one or an official one."""
        if fact_id in self.fact_ids or fact_id in self.known_ids:
            return True
        prefix = fact_id.split("-", 1)[0]
        return self.loaded_countries is not None and prefix not in self.loaded_countries | {"REG", "CTX"}

    def register(self, name: str, label: str, fact_id: object, country: object = None) -> None:
        """Remember a fact id; a second record with the same id is a problem. A country's
        fact ids start with its code, so any record tells by its id whose fact it is."""
        if not isinstance(fact_id, str):
            return
        if isinstance(country, str) and not fact_id.startswith(f"{country}-"):
            self.add(name, label, "id", f"a fact of {country} has an id starting with '{country}-'")
        if fact_id in self.known_ids:
            self.add(name, label, "id", "fact id of an official statistic (from data/snapshots/); choose another id")
        elif fact_id in self.fact_ids:
            first = f"{self.fact_ids[fact_id]} {self.first_label[fact_id]}"
            self.add(name, label, "id", f"duplicate fact id; first used in {first}; ids must be unique")
        else:
            self.fact_ids[fact_id] = name
            self.first_label[fact_id] = label

    def observation_key(self, name: str, label: str, iso3: str, rec: dict) -> None:
        """One value per country, indicator, year and source, wherever it is recorded."""
        year = rec.get("year")
        key = (iso3, id_of(rec.get("indicator")), year if isinstance(year, int) else None, id_of(rec.get("source")))
        if None in key:
            return
        if key not in self.observation_keys:
            self.observation_keys[key] = (rec.get("value"), name, label)
            return
        first_value, first_name, first_label = self.observation_keys[key]
        same = (
            "the same value"
            if first_value == rec.get("value")
            else f"a different value ({first_value} there, {rec.get('value')} here)"
        )
        self.add(
            name,
            label,
            "value",
            f"observation {'/'.join(map(str, key))} (country/indicator/year/source) is already recorded in {first_name} {first_label} with {same}",
        )


def id_of(value: object) -> str | None:
    """``value`` if it can be an id (a string), else None.

    The consistency pass also runs over records that failed their schema; a list or mapping
    where an id belongs is reported there and must not crash the lookups here.
    """
    return value if isinstance(value, str) else None


def strings(value: object) -> list[str]:
    """The strings of a list of ids; anything else is the schema pass's to report."""
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def records(doc: object, key: str) -> list[tuple[str, dict]]:
    """(label, record) pairs of the dict records in ``doc[key]``."""
    items = doc.get(key) if isinstance(doc, dict) else None
    if not isinstance(items, list):
        return []
    out = []
    for i, rec in enumerate(items):
        if isinstance(rec, dict):
            rid = rec.get("id")
            label = f"{rid} ({key}[{i}])" if isinstance(rid, str) and rid else f"{key}[{i}]"
            out.append((label, rec))
    return out
