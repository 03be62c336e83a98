"""Validate the whole raw fact base and load it: every problem in one run, or a FactBase.

Two passes. The schema pass (``schema_check``) checks each file's shape against its JSON
Schema as it is read, and every text in it against the fonts the report draws it in
(``glyphs``). The consistency pass (``checks``) checks what no schema can:
references between files (sources, indicators, goals, fact ids), plausible ranges, real
calendar dates, one file per country named by its code, and duplicates. Problems are
collected, never raised one by one, so a researcher fixes everything after a single run.

``load_factbase`` reads in the order references need: registries (sources, indicators,
frameworks) first, then the facts that cite them, then the records that cite facts.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

from ..common.textrefs import quality_refs
from . import ranges
from .checks import Checker, id_of, records, strings
from .dates import check_date
from .evidence import check_one_home, check_parties, check_practices, check_rules
from .factbase import FactBase
from .glyphs import glyph_problems
from .inventory import country_files, unread_files
from .outside import doi_problems, page_problems, quality_problems
from .problems import Problem, ValidationError
from .schema_check import schema_problems
from .stated_values import FILE as STATED
from .stated_values import check as check_stated
from .yamlio import load_yaml


@dataclass
class RawFiles:
    """Reads raw files (the schema pass runs on each), naming them relative to ``base``."""

    raw: Path
    base: Path
    problems: list[Problem] = field(default_factory=list)
    #: What reading each file gave, by its name and schema, with the bytes it was read from (a
    #: long-lived process such as make serve passes one dict to every validation: a file whose
    #: bytes did not change is not parsed again).
    memo: dict | None = None

    def rel(self, p: Path) -> str:
        try:
            return str(p.relative_to(self.base))
        except ValueError:
            return str(p)

    def read(self, path: Path, schema: str, required: bool = True) -> dict | None:
        """The file's mapping, or None (with the problem recorded) if it cannot be used."""
        name = self.rel(path)
        if not path.exists():
            if required:
                self.problems.append(Problem(name, "", "", "required file is missing"))
            return None
        if self.memo is None or not path.is_file():
            return self._read(path, name, schema)
        key, content = (name, schema), path.read_bytes()
        if self.memo.get(key, (None,))[0] != content:
            before = len(self.problems)
            doc = self._read(path, name, schema)
            # Pickled: the checks after this one may change what they are given.
            self.memo[key] = (content, pickle.dumps((doc, self.problems[before:])))
            del self.problems[before:]
        doc, problems = pickle.loads(self.memo[key][1])  # noqa: S301 (pickled just above)
        self.problems.extend(problems)
        return doc

    def _read(self, path: Path, name: str, schema: str) -> dict | None:
        doc, load_problems = load_yaml(path, name)
        self.problems.extend(load_problems)
        if doc is None:
            return None
        if not isinstance(doc, dict):
            self.problems.append(Problem(name, "", "", f"expected a YAML mapping at the top, got {type(doc).__name__}"))
            return None
        self.problems.extend(schema_problems(name, schema, doc))
        self.problems.extend(glyph_problems(name, doc))
        return doc


@dataclass
class Registries:
    """What other records refer to: sources, indicators and the frameworks."""

    sources: dict[str, dict]
    indicators: dict[str, dict]
    concept: dict
    goals: list[dict]
    directions: list[dict]


def check_registries(files: RawFiles, chk: Checker) -> Registries:
    raw = files.raw
    sources_name, indicators_name = files.rel(raw / "sources.yaml"), files.rel(raw / "indicators.yaml")
    sources_doc = files.read(raw / "sources.yaml", "sources")
    indicators_doc = files.read(raw / "indicators.yaml", "indicators")
    frameworks_doc = files.read(raw / "frameworks.yaml", "frameworks")
    sources: dict[str, dict] = {}
    listed = sources_doc.get("sources") if isinstance(sources_doc, dict) else None
    files.problems += doi_problems(sources_name, listed if isinstance(listed, list) else [])
    for label, rec in records(sources_doc, "sources"):
        if id_of(rec.get("id")) in sources:
            chk.add(sources_name, label, "id", "duplicate source id")
        sources.setdefault(id_of(rec.get("id")), rec)
        if rec.get("published") is not None and (msg := check_date(rec["published"])):
            chk.add(sources_name, label, "published", msg)
    indicators: dict[str, dict] = {}
    for label, rec in records(indicators_doc, "indicators"):
        if id_of(rec.get("id")) in indicators:
            chk.add(indicators_name, label, "id", "duplicate indicator id")
        indicators.setdefault(id_of(rec.get("id")), rec)
        if msg := ranges.definition_problem(rec):
            chk.add(indicators_name, label, "range", msg)
    frameworks_name = files.rel(raw / "frameworks.yaml")
    concept = frameworks_doc.get("concept") if isinstance(frameworks_doc, dict) else None
    concept = concept if isinstance(concept, dict) else {"definition": "", "citations": []}
    credit = frameworks_doc.get("goals_credit") if isinstance(frameworks_doc, dict) else None
    concept = {**concept, "goals_credit": credit}
    for i, cit in enumerate(concept.get("citations") or []):
        if isinstance(cit, dict):
            chk.source(frameworks_name, f"concept.citations[{i}]", cit, sources)
    for key in ("goals", "directions"):
        for label, rec in records(frameworks_doc, key):
            chk.source(frameworks_name, label, rec, sources)
    goals = [rec for _, rec in records(frameworks_doc, "goals")]
    directions = [rec for _, rec in records(frameworks_doc, "directions")]
    return Registries(sources, indicators, concept, goals, directions)


def check_country_code(chk: Checker, name: str, path: Path, iso3: object) -> None:
    """A known ISO 3166-1 alpha-3 code, equal to the file's name."""
    if not isinstance(iso3, str):
        return
    if pycountry.countries.get(alpha_3=iso3) is None:
        chk.add(name, "country", "iso3", f"unknown country code {iso3!r}; expected an ISO 3166-1 alpha-3 code")
    if path.stem != iso3:
        chk.add(
            name,
            "country",
            "iso3",
            f"file name {path.name!r} differs from the country code {iso3!r}; name the file {iso3}.yaml",
        )


def check_countries(files: RawFiles, chk: Checker, reg: Registries, only: set[str] | None = None) -> dict[str, dict]:
    """Every country file's facts (or only those of ``only``); a country enters the base only
    when its file is named right."""
    paths = country_files(files.raw)
    if only is not None:
        paths = [p for p in paths if p.stem in only]
    elif not paths:
        files.problems.append(
            Problem(files.rel(files.raw / "countries"), "", "", "no country files (<ISO3>.yaml) found")
        )
    docs = {p: files.read(p, "country") for p in paths}
    countries: dict[str, dict] = {}
    for path, doc in docs.items():
        name = files.rel(path)
        if not isinstance(doc, dict):
            continue
        meta = doc.get("country") if isinstance(doc.get("country"), dict) else {}
        iso3 = meta.get("iso3")
        check_country_code(chk, name, path, iso3)
        for label, rec in records(doc, "observations"):
            chk.register(name, label, rec.get("id"), country=iso3)
            chk.observation(name, label, rec, reg.indicators, reg.sources)
            chk.observation_key(name, label, str(iso3), rec)
        for label, rec in records(doc, "events"):
            chk.register(name, label, rec.get("id"), country=iso3)
            chk.source(name, label, rec, reg.sources)
            chk.dated(name, label, rec)
            chk.amounts(name, label, rec)
            check_parties(chk, name, label, iso3, rec)
        if isinstance(iso3, str) and path.stem == iso3:
            countries[iso3] = {
                "country": meta,
                # Lists only: a wrong type is the schema pass's to report, never a crash here.
                "observations": doc.get("observations") if isinstance(doc.get("observations"), list) else [],
                "events": doc.get("events") if isinstance(doc.get("events"), list) else [],
                "practices": doc.get("practices") if isinstance(doc.get("practices"), list) else [],
                "file": name,
            }
    return countries


def check_context(files: RawFiles, chk: Checker, reg: Registries) -> list[dict]:
    doc = files.read(files.raw / "context.yaml", "context", required=False) or {"facts": []}
    name = files.rel(files.raw / "context.yaml")
    context = []
    for label, rec in records(doc, "facts"):
        chk.register(name, label, rec.get("id"))
        chk.source(name, label, rec, reg.sources)
        chk.dated(name, label, rec)
        chk.amounts(name, label, rec)
        context.append(rec)
    return context


def rule_facts(rule: object) -> list[str]:
    """The fact ids a quality rule names."""
    if not isinstance(rule, dict):
        return []
    refs = [rule.get(k) for k in ("lead", "date_label", "title", "fact")]
    lists = [rule.get(k) or [] for k in ("over", "cited_only", "weak_evidence")]
    return strings([r for r in refs if r] + [r for refs in lists for r in refs])


def check_quality(files: RawFiles, chk: Checker, sources: dict[str, dict], facts: dict[str, dict]) -> list[dict]:
    """The quality record's issues, each naming facts that exist and citing known sources, its
    rules agreeing with the facts."""
    doc = files.read(files.raw / "quality.yaml", "quality", required=False) or {"issues": []}
    name = files.rel(files.raw / "quality.yaml")
    quality = []
    for label, rec in records(doc, "issues"):
        cits = rec.get("sources")
        for i, cit in enumerate(cits if isinstance(cits, list) else []):
            if isinstance(cit, dict):
                chk.source(name, f"{label}: sources[{i}]", cit, sources)
        for ref in strings(rec.get("facts")):
            if not chk.cites(ref):
                chk.add(name, label, "facts", f"unknown fact id {ref!r}")
        for i, rule in enumerate(rec.get("rules") or []):
            for ref in rule_facts(rule):
                if ref not in strings(rec.get("facts")):
                    chk.add(
                        name, label, f"rules[{i}]", f"{ref!r} is not among this issue's facts; a rule governs only them"
                    )
        check_rules(chk, name, label, rec, facts)
        quality.append(rec)
    return quality


PROSE_FIELDS = ("note", "summary", "handling")


def check_prose_refs(
    files: RawFiles, chk: Checker, countries: dict[str, dict], context: list[dict], quality: list[dict]
) -> None:
    """A note that says "see Q-..." names an item the quality record has."""
    known = {id_of(q.get("id")) for q in quality}
    sections = [(d["file"], k, d[k]) for d in countries.values() for k in ("observations", "events", "practices")]
    sections += [(files.rel(files.raw / "context.yaml"), "facts", context)]
    sections += [(files.rel(files.raw / "quality.yaml"), "issues", quality)]
    for file, key, recs in sections:
        for i, rec in enumerate(recs):
            if not isinstance(rec, dict):
                continue
            for fld in PROSE_FIELDS:
                for ref in quality_refs(rec.get(fld)):
                    if ref not in known:
                        label = f"{key}[{i}] ({rec.get('id') or rec.get('goal')})"
                        chk.add(file, label, fld, f"mentions {ref!r}, which is not an issue in data/raw/quality.yaml")


def check_outside(files: RawFiles, reg: Registries, countries: dict[str, dict], context: list, quality: list) -> None:
    """Every web page named in prose is a registered source; a quality item cites the pages it names."""
    frameworks = files.rel(files.raw / "frameworks.yaml")
    facts = [(d["file"], k, d[k]) for d in countries.values() for k in ("observations", "events", "practices")]
    facts += [(files.rel(files.raw / "context.yaml"), "facts", context)]
    groups = [(files.rel(files.raw / "sources.yaml"), "sources", list(reg.sources.values())), *facts]
    groups += [(frameworks, "goals", reg.goals), (frameworks, "directions", reg.directions)]
    fact_sources = {
        r["id"]: r.get("source") for _, _, recs in facts for r in recs if isinstance(r, dict) and id_of(r.get("id"))
    }
    files.problems += page_problems(reg.sources, groups)
    files.problems += quality_problems(files.rel(files.raw / "quality.yaml"), quality, reg.sources, fact_sources)


def check_membership(files: RawFiles, chk: Checker, reg: Registries) -> None:
    """The UN membership record: known codes, real dates after ``all_members_by``, known sources."""
    path = files.raw / "un-membership.yaml"
    doc = files.read(path, "un-membership")
    if not isinstance(doc, dict):
        return
    name = files.rel(path)
    for label, rec in records(doc.get("basis") or {}, "sources"):
        chk.source(name, f"basis.{label}", rec, reg.sources)
    since = str(doc.get("all_members_by"))
    for label, rec in records(doc, "admitted"):
        chk.source(name, label, rec, reg.sources)
        if pycountry.countries.get(alpha_3=str(rec.get("iso3"))) is None:
            chk.add(name, label, "iso3", f"unknown country code {rec.get('iso3')!r}")
        if msg := check_date(rec.get("date")):
            chk.add(name, label, "date", msg)
        elif len(str(rec.get("date"))) != 10 or str(rec.get("date")) <= since:
            chk.add(name, label, "date", f"expected a full date after all_members_by ({since})")


def load_factbase(
    raw_dir: Path | str,
    root: Path | str | None = None,
    known_ids: set[str] | frozenset[str] = frozenset(),
    only: list[str] | None = None,
    memo: dict | None = None,
) -> FactBase:
    """Validate everything under ``raw_dir`` and return it; raise ValidationError listing all problems.

    File names in messages are relative to ``root`` (default: the parent of data/).
    ``known_ids`` are fact ids defined elsewhere (the official statistics) that records may
    cite; a curated record may not reuse one. ``only`` reads just those countries' files
    (a job that needs one country): references to other countries' facts are then taken as
    valid, since the whole base was validated when the workflow loaded. ``memo`` keeps what
    reading each file gave, by its bytes, across calls (``RawFiles.memo``).
    """
    raw = Path(raw_dir)
    files = RawFiles(raw, Path(root) if root is not None else raw.parent.parent, memo=memo)
    if only is None:
        # A job reading some countries' files was preceded by this check of the whole tree.
        files.problems += unread_files(raw, files.rel)
    chk = Checker(frozenset(known_ids), trusted_prefixes=None if only is None else set(only))
    reg = check_registries(files, chk)
    countries = check_countries(files, chk, reg, None if only is None else set(only))
    context = check_context(files, chk, reg)
    check_membership(files, chk, reg)
    stated = raw / STATED  # optional: without it, no stated values are compared
    check_stated(files.read(stated, "stated-values", required=False), files.rel(stated), chk, reg.sources)
    check_one_home(chk, countries, context, files.rel(files.raw / "context.yaml"))
    # References to fact ids come last, once every id is known.
    check_practices(chk, {id_of(g.get("id")) for g in reg.goals}, countries)
    facts = {r.get("id"): {**r, "country": iso3} for iso3, d in countries.items() for _, r in records(d, "events")}
    facts |= {r.get("id"): {**r, "country": None} for _, r in records({"facts": context}, "facts")}
    quality = check_quality(files, chk, reg.sources, facts)
    check_prose_refs(files, chk, countries, context, quality)
    if only is None:
        # Pages are checked against every fact's source: a job reading some countries' files
        # was preceded by this check of the whole tree.
        check_outside(files, reg, countries, context, quality)
    problems = files.problems + chk.problems
    if problems:
        raise ValidationError(problems)
    return FactBase(
        sources=reg.sources,
        indicators=reg.indicators,
        countries=countries,
        context=context,
        concept=reg.concept,
        goals=reg.goals,
        directions=reg.directions,
        quality=quality,
        files=dict(chk.fact_ids),
    )
