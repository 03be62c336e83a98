"""Validate the whole raw fact base and load it: every problem in one run, or a FactBase.

Two passes. The schema pass checks each file's shape against its JSON Schema. The
consistency pass checks what no schema can: references between files (sources,
indicators, goals, fact ids), plausible ranges, real calendar dates, one file per country
named by its code, and duplicates. Problems are collected, never raised one by one, so a
researcher fixes everything after a single run.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pycountry
from jsonschema.exceptions import ValidationError as JsonSchemaError
from jsonschema.exceptions import best_match
from referencing.exceptions import Unresolvable

from .problems import Problem, ValidationError
from .schemas import _registry, validator
from .yamlio import load_yaml

#: Years a fact about digital diplomacy can plausibly carry. Fixed here, never read from
#: the clock, so a build next year validates the same data the same way.
FIRST_YEAR, LAST_YEAR = 1990, 2030

#: The form of a date the calendar check can read; other forms are the schema pass's to report.
_DATE_FORM = re.compile(r"[0-9]{4}(-[0-9]{2}){0,2}")

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
)


@dataclass
class FactBase:
    """Everything under data/raw/, validated."""

    sources: dict[str, dict]
    indicators: dict[str, dict]
    countries: dict[str, dict]  # iso3 -> {"country", "observations", "events", "practices"}
    official: list[dict]  # observations with a "country" field
    context: list[dict]
    concept: dict  # {"definition", "citations": [{"source", "locator"}]}
    goals: list[dict]
    directions: list[dict]
    quality: list[dict]
    files: dict[str, str] = field(default_factory=dict)  # record id -> file it came from

    def facts_by_id(self) -> dict[str, dict]:
        """Every fact (observation, event, context fact) by id, with its country."""
        out: dict[str, dict] = {}
        for iso3, doc in self.countries.items():
            for kind in ("observations", "events"):
                for rec in doc[kind]:
                    out[rec["id"]] = {**rec, "country": iso3, "fact_kind": kind[:-1]}
        for rec in self.official:
            out[rec["id"]] = {**rec, "fact_kind": "observation"}
        for rec in self.context:
            out[rec["id"]] = {**rec, "country": None, "fact_kind": "context"}
        return out


def _record_name(doc: object, path: list) -> tuple[str, list]:
    """Split a JSON path into (record label, path inside the record)."""
    if len(path) >= 2 and path[0] in RECORD_LISTS and isinstance(path[1], int):
        label = f"{path[0]}[{path[1]}]"
        try:
            rec_id = doc[path[0]][path[1]].get("id")  # type: ignore[index,union-attr]
        except (AttributeError, IndexError, KeyError, TypeError):
            rec_id = None
        if isinstance(rec_id, str) and rec_id:
            label = f"{rec_id} ({label})"
        return label, path[2:]
    if path and path[0] == "country":
        return "country", path[1:]
    return "", path


def _declared_properties(schema: object) -> set[str]:
    """Property names ``schema`` declares itself or through ``allOf`` (following ``$ref``).

    These are the names ``unevaluatedProperties`` may see as evaluated. jsonschema drops the
    annotations of a failing ``allOf`` branch, so one wrong value in an observation would
    otherwise turn every other field of the record into an "unknown field".
    """
    if not isinstance(schema, dict):
        return set()
    names = set(schema.get("properties") or {})
    for sub in schema.get("allOf") or []:
        if isinstance(sub, dict) and "$ref" in sub:
            try:
                sub = _registry().resolver().lookup(sub["$ref"]).contents
            except Unresolvable:
                continue
        names |= _declared_properties(sub)
    return names


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _message(err: JsonSchemaError) -> str:
    """A curator-readable message for one schema error (jsonschema's own wording is for programmers)."""
    kind, want, got = err.validator, err.validator_value, err.instance
    if kind == "type":
        want = " or ".join(want) if isinstance(want, list) else want
        return f"expected {want}, got {type(got).__name__} {got!r}"
    if kind == "enum":
        return f"{got!r} is not one of: {', '.join(str(v) for v in want if v is not None)}"
    if kind == "pattern":
        desc = err.schema.get("description", "") if isinstance(err.schema, dict) else ""
        desc = desc[:1].lower() + desc[1:]
        return f"{got!r} has the wrong form; expected {desc or want}"
    if kind == "minimum":
        return f"expected a number of at least {want}, got {got!r}"
    if kind == "minLength":
        return "expected non-empty text" if want == 1 else f"expected text of at least {want} characters"
    if kind == "minItems":
        return f"expected a list of at least {_plural(want, 'item')}, got {_plural(len(got), 'item')}"
    if kind in ("anyOf", "oneOf") and err.context:
        # "is not valid under any of the given schemas" names no reason. The alternatives
        # here are a value or null: report why the value branch failed.
        tried = [e for e in err.context if not (e.validator == "type" and e.validator_value == "null")]
        if tried:
            return _message(best_match(tried))
    return err.message


def _schema_problems(name: str, schema: str, doc: object) -> list[Problem]:
    problems = []
    for err in validator(schema).iter_errors(doc):
        path = list(err.absolute_path)
        record, inner = _record_name(doc, path)
        fld = ".".join(str(p) for p in inner)
        if err.validator in ("additionalProperties", "unevaluatedProperties"):
            allowed = sorted(_declared_properties(err.schema))
            extra = sorted(set(err.instance) - set(allowed), key=str) if isinstance(err.instance, dict) else []
            if not extra:
                continue  # only the echo of another error in the record, reported on its own
            for key in extra:
                sub = f"{fld}.{key}" if fld else str(key)
                hint = f"; allowed here: {', '.join(allowed)}" if allowed else ""
                problems.append(Problem(name, record, sub, f"unknown field{hint}"))
            continue
        if err.validator == "required":
            missing = err.message.split("'")[1] if "'" in err.message else err.message
            sub = f"{fld}.{missing}" if fld else missing
            problems.append(Problem(name, record, sub, "missing required field"))
            continue
        problems.append(Problem(name, record, fld, _message(err)))
    return problems


def _check_date(value: object) -> str | None:
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


class _Checker:
    """The consistency pass over documents that passed (or mostly passed) their schema."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.fact_ids: dict[str, str] = {}
        self.first_label: dict[str, str] = {}

    def add(self, *args: str) -> None:
        self.problems.append(Problem(*args))

    def register(self, name: str, label: str, fact_id: object) -> None:
        if not isinstance(fact_id, str):
            return
        if fact_id in self.fact_ids:
            first = f"{self.fact_ids[fact_id]} {self.first_label[fact_id]}"
            self.add(name, label, "id", f"duplicate fact id; first used in {first}; ids must be unique")
        else:
            self.fact_ids[fact_id] = name
            self.first_label[fact_id] = label

    def observation(self, name: str, label: str, rec: dict, fb_indicators: dict, sources: dict) -> None:
        ind = fb_indicators.get(_key(rec.get("indicator")))
        if _key(rec.get("indicator")) is not None and ind is None:
            self.add(
                name,
                label,
                "indicator",
                f"unknown indicator id {rec['indicator']!r}; define it in data/raw/indicators.yaml",
            )
        self.source(name, label, rec, sources)
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
        if ind["kind"] == "percent" and not 0 <= value <= 100:
            self.add(name, label, "value", f"percentage {value} is outside 0-100")
        if ind["kind"] == "rank":
            if out_of is None:
                self.add(
                    name,
                    label,
                    "out_of",
                    f"missing required field for rank indicator {ind['id']}: how many countries were ranked",
                )
            elif not isinstance(out_of, (int, float)) or isinstance(out_of, bool) or out_of < 1:
                pass  # a wrong out_of is reported by the schema pass
            elif not 1 <= value <= out_of or value != int(value):
                self.add(name, label, "value", f"rank {value} is outside 1-{out_of} (out_of)")
        elif ind["kind"] in ("count", "amount", "index", "score") and value < 0:
            self.add(name, label, "value", f"{ind['kind']} {value} is negative")

    def source(self, name: str, label: str, rec: dict, sources: dict) -> None:
        src = _key(rec.get("source"))
        if src is not None and src not in sources:
            self.add(name, label, "source", f"unknown source id {src!r}; add it to data/raw/sources.yaml")

    def dated(self, name: str, label: str, rec: dict) -> None:
        for key in ("date",):
            if rec.get(key) is not None and (msg := _check_date(rec[key])):
                self.add(name, label, key, msg)
        period = rec.get("period")
        if isinstance(period, dict):
            for key in ("start", "end"):
                if period.get(key) is not None and (msg := _check_date(period[key])):
                    self.add(name, label, f"period.{key}", msg)
            try:
                if date_key(period["start"]) > date_key(period["end"], end=True):
                    self.add(
                        name, label, "period", f"period starts ({period['start']}) after it ends ({period['end']})"
                    )
            except (KeyError, ValueError):
                pass


def _key(value: object) -> str | None:
    """``value`` if it can be an id (a string), else None.

    The consistency pass also runs over records that failed their schema; a list or mapping
    where an id belongs is reported there and must not crash the lookups here.
    """
    return value if isinstance(value, str) else None


def _strings(value: object) -> list[str]:
    """The strings of a list of ids; anything else is the schema pass's to report."""
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _records(doc: object, key: str) -> list[tuple[str, dict]]:
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


def load_factbase(raw_dir: Path | str, root: Path | str | None = None) -> FactBase:
    """Validate everything under ``raw_dir`` and return it; raise ValidationError listing all problems.

    File names in messages are relative to ``root`` (default: the parent of data/).
    """
    raw = Path(raw_dir)
    base = Path(root) if root is not None else raw.parent.parent

    def rel(p: Path) -> str:
        try:
            return str(p.relative_to(base))
        except ValueError:
            return str(p)

    problems: list[Problem] = []
    docs: dict[str, tuple[Path, object, str]] = {}

    def read(path: Path, schema: str, required: bool = True) -> object:
        name = rel(path)
        if not path.exists():
            if required:
                problems.append(Problem(name, "", "", "required file is missing"))
            return None
        doc, load_problems = load_yaml(path, name)
        problems.extend(load_problems)
        if doc is None:
            return None
        if not isinstance(doc, dict):
            problems.append(Problem(name, "", "", f"expected a YAML mapping at the top, got {type(doc).__name__}"))
            return None
        problems.extend(_schema_problems(name, schema, doc))
        docs[name] = (path, doc, schema)
        return doc

    sources_doc = read(raw / "sources.yaml", "sources")
    indicators_doc = read(raw / "indicators.yaml", "indicators")
    frameworks_doc = read(raw / "frameworks.yaml", "frameworks")
    context_doc = read(raw / "context.yaml", "context", required=False) or {"facts": []}
    quality_doc = read(raw / "quality.yaml", "quality", required=False) or {"issues": []}
    country_paths = sorted((raw / "countries").glob("*.yaml"))
    if not country_paths:
        problems.append(Problem(rel(raw / "countries"), "", "", "no country files (<ISO3>.yaml) found"))
    country_docs = {p: read(p, "country") for p in country_paths}
    official_docs = {p: read(p, "official") for p in sorted((raw / "official").glob("*.yaml"))}

    chk = _Checker()
    # Registries first: what other records may refer to.
    sources: dict[str, dict] = {}
    for label, rec in _records(sources_doc, "sources"):
        if _key(rec.get("id")) in sources:
            chk.add(rel(raw / "sources.yaml"), label, "id", "duplicate source id")
        sources.setdefault(_key(rec.get("id")), rec)
        if rec.get("published") is not None and (msg := _check_date(rec["published"])):
            chk.add(rel(raw / "sources.yaml"), label, "published", msg)
    indicators: dict[str, dict] = {}
    for label, rec in _records(indicators_doc, "indicators"):
        if _key(rec.get("id")) in indicators:
            chk.add(rel(raw / "indicators.yaml"), label, "id", "duplicate indicator id")
        indicators.setdefault(_key(rec.get("id")), rec)
    concept = frameworks_doc.get("concept") if isinstance(frameworks_doc, dict) else None
    concept = concept if isinstance(concept, dict) else {"definition": "", "citations": []}
    for i, cit in enumerate(concept.get("citations") or []):
        if isinstance(cit, dict):
            chk.source(rel(raw / "frameworks.yaml"), f"concept.citations[{i}]", cit, sources)
    goals = [rec for _, rec in _records(frameworks_doc, "goals")]
    directions = [rec for _, rec in _records(frameworks_doc, "directions")]
    for key in ("goals", "directions"):
        for label, rec in _records(frameworks_doc, key):
            chk.source(rel(raw / "frameworks.yaml"), label, rec, sources)
    goal_ids = {_key(g.get("id")) for g in goals}

    countries: dict[str, dict] = {}
    obs_keys: dict[tuple, tuple[object, str, str]] = {}

    def check_obs_key(name: str, label: str, iso3: str, rec: dict) -> None:
        year = rec.get("year")
        key = (iso3, _key(rec.get("indicator")), year if isinstance(year, int) else None, _key(rec.get("source")))
        if None in key:
            return
        if key in obs_keys:
            first_value, first_name, first_label = obs_keys[key]
            same = (
                "the same value"
                if first_value == rec.get("value")
                else f"a different value ({first_value} there, {rec.get('value')} here)"
            )
            chk.add(
                name,
                label,
                "value",
                f"observation {'/'.join(map(str, key))} (country/indicator/year/source) is already recorded in {first_name} {first_label} with {same}",
            )
        else:
            obs_keys[key] = (rec.get("value"), name, label)

    for path, doc in country_docs.items():
        name = rel(path)
        if not isinstance(doc, dict):
            continue
        meta = doc.get("country") if isinstance(doc.get("country"), dict) else {}
        iso3 = meta.get("iso3")
        if isinstance(iso3, str):
            if pycountry.countries.get(alpha_3=iso3) is None:
                chk.add(name, "country", "iso3", f"unknown country code {iso3!r}; expected an ISO 3166-1 alpha-3 code")
            if path.stem != iso3:
                chk.add(
                    name,
                    "country",
                    "iso3",
                    f"file name {path.name!r} differs from the country code {iso3!r}; name the file {iso3}.yaml",
                )
        for label, rec in _records(doc, "observations"):
            chk.register(name, label, rec.get("id"))
            chk.observation(name, label, rec, indicators, sources)
            check_obs_key(name, label, str(iso3), rec)
        for label, rec in _records(doc, "events"):
            chk.register(name, label, rec.get("id"))
            chk.source(name, label, rec, sources)
            chk.dated(name, label, rec)
        if isinstance(iso3, str) and path.stem == iso3:
            countries[iso3] = {
                "country": meta,
                "observations": doc.get("observations") or [],
                "events": doc.get("events") or [],
                "practices": doc.get("practices") if isinstance(doc.get("practices"), list) else [],
                "file": name,
            }

    official: list[dict] = []
    for path, doc in official_docs.items():
        name = rel(path)
        for label, rec in _records(doc, "observations"):
            chk.register(name, label, rec.get("id"))
            chk.observation(name, label, rec, indicators, sources)
            iso3 = rec.get("country")
            if isinstance(iso3, str) and iso3 not in countries:
                chk.add(name, label, "country", f"no country file data/raw/countries/{iso3}.yaml for country {iso3!r}")
            check_obs_key(name, label, str(iso3), rec)
            official.append(rec)

    context = []
    for label, rec in _records(context_doc, "facts"):
        name = rel(raw / "context.yaml")
        chk.register(name, label, rec.get("id"))
        chk.source(name, label, rec, sources)
        chk.dated(name, label, rec)
        context.append(rec)

    # References to fact ids come last, once every id is known.
    for doc in countries.values():
        for i, rec in enumerate(doc["practices"]):
            if not isinstance(rec, dict):
                continue
            label = f"practices[{i}] ({rec.get('goal')})"
            if _key(rec.get("goal")) not in goal_ids:
                chk.add(
                    doc["file"], label, "goal", f"unknown goal id {rec.get('goal')!r}; see data/raw/frameworks.yaml"
                )
            for ref in _strings(rec.get("evidence")):
                if ref not in chk.fact_ids:
                    chk.add(doc["file"], label, "evidence", f"unknown fact id {ref!r}")
        goals_seen = Counter(_key(r.get("goal")) for r in doc["practices"] if isinstance(r, dict))
        for goal, n in sorted(goals_seen.items(), key=lambda kv: str(kv[0])):
            if n > 1:
                chk.add(
                    doc["file"],
                    f"practices ({goal})",
                    "goal",
                    f"goal coded {n} times; merge the evidence into one entry",
                )
    quality = []
    for label, rec in _records(quality_doc, "issues"):
        name = rel(raw / "quality.yaml")
        for ref in _strings(rec.get("facts")):
            if ref not in chk.fact_ids:
                chk.add(name, label, "facts", f"unknown fact id {ref!r}")
        quality.append(rec)

    problems.extend(chk.problems)
    if problems:
        raise ValidationError(problems)
    files = defaultdict(str, chk.fact_ids)
    return FactBase(
        sources=sources,
        indicators=indicators,
        countries=countries,
        official=official,
        context=context,
        concept=concept,
        goals=goals,
        directions=directions,
        quality=quality,
        files=dict(files),
    )
