"""The whole input checked at once: snapshots, curated facts, and the references between them.

Curated records may cite official facts by id (a quality note on ``TKM-egdi_rank-2020``,
evidence for a coded practice). Those ids come from the snapshots, so validating the
curated facts needs the set of official fact ids: it is computed by the extraction itself
and cached by content (snapshots, sidecars, name overrides, this stage's code), so an
unchanged tree costs a hash, not an extraction.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..common import inputfiles
from ..common.atomic import write_text
from ..facts import cache as factcache
from ..facts import ranges
from ..facts.factbase import FactBase
from ..facts.problems import Problem, ValidationError
from ..facts.schema_check import schema_problems
from ..facts.yamlio import load_yaml
from . import extract, snapshots
from .data import Official
from .names import CountryNames

NAMES = "country-names.yaml"
INDICATORS = "indicators.yaml"


def _key(snapshot_root: Path, names_file: Path, indicators_file: Path) -> str:
    """The content the official ids follow from. Files are named relative to their folder
    (the snapshots', the raw data's, the package's), so a project copied or moved elsewhere
    keeps its cache."""
    from ..common.codedeps import PKG, closure, module_file

    h = hashlib.sha256()
    code = sorted(module_file(m) for m in closure({"digidip.official.factbase"}))
    named = [
        *((p, p.relative_to(snapshot_root)) for p in inputfiles.files(snapshot_root)),
        (names_file, Path("raw") / names_file.name),
        (indicators_file, Path("raw") / indicators_file.name),
        *((p, p.relative_to(PKG.parent)) for p in code),
    ]
    for path, name in named:
        h.update(name.as_posix().encode() + b"\0")
        h.update(path.read_bytes() if path.exists() else b"")
    return h.hexdigest()


def names(raw: Path, base: Path) -> CountryNames:
    """The name overrides of ``raw``, checked; raise ValidationError on a problem."""
    path = raw / NAMES
    if not path.exists():
        return CountryNames({})  # no overrides: pycountry alone must know every name
    found, problems = CountryNames.from_file(path, snapshots.display(path, base))
    if problems:
        raise ValidationError(problems)
    return found


def dictionary(raw: Path, base: Path) -> dict[str, dict]:
    """The indicator dictionary of ``raw`` by id, the scale of every extracted value
    (``cells``), checked against its schema; raise ValidationError on a problem."""
    path = raw / INDICATORS
    name = snapshots.display(path, base)
    doc, problems = load_yaml(path, name)
    if doc is not None:
        problems = schema_problems(name, "indicators", doc)
    if not problems:  # a valid document: each entry's range makes sense
        problems = [
            Problem(name, i["id"], "range", msg) for i in doc["indicators"] if (msg := ranges.definition_problem(i))
        ]
    if problems:
        raise ValidationError(problems)
    return {i["id"]: i for i in doc["indicators"]}


def official_index(
    datasets: dict[str, list[snapshots.Snapshot]], raw: Path, base: Path, root: Path, cache: Path
) -> tuple[set[str], list[str]]:
    """Fact ids of every country value the snapshots hold, and the UN members (extracted once per content)."""
    key = _key(root, raw / NAMES, raw / INDICATORS)
    try:
        doc = json.loads(cache.read_text(encoding="utf-8"))
        if doc.get("key") == key:
            return set(doc["ids"]), doc["members"]
    except (OSError, ValueError, KeyError):
        pass
    resolver, indicators = names(raw, base), dictionary(raw, base)
    rows = []
    for snaps in datasets.values():
        rows += extract.extract_dataset(snaps, resolver, indicators)[0]
    ids = {r["fact_id"] for r in rows if r["entity_kind"] == "country"}
    members = Official(rows, []).members()
    write_text(cache, json.dumps({"key": key, "ids": sorted(ids), "members": members}))
    return ids, members


def sidecar_problems(datasets: dict[str, list[snapshots.Snapshot]], fb: FactBase) -> list[Problem]:
    """A sidecar's source must be in the bibliography, its indicators in the dictionary."""
    problems = []
    for snaps in datasets.values():
        for s in snaps:
            x, name = s.extract, s.display + snapshots.SIDECAR
            if x["source"] not in fb.sources:
                problems.append(
                    Problem(
                        name, "extract", "source", f"unknown source id {x['source']!r}; add it to data/raw/sources.yaml"
                    )
                )
            used = [x.get("indicator"), *x.get("columns", {}).values(), *x.get("variables", {}).values()]
            for ind in sorted({i for i in used if i}):
                if ind not in fb.indicators:
                    problems.append(
                        Problem(
                            name,
                            "extract",
                            "indicator",
                            f"unknown indicator id {ind!r}; define it in data/raw/indicators.yaml",
                        )
                    )
    return problems


@dataclass
class Inputs:
    """The checked input: curated facts, snapshots by dataset, and the UN member states."""

    fb: FactBase
    datasets: dict[str, list[snapshots.Snapshot]]
    members: list[str]


def load(raw: Path | str, base: Path | str, cache_dir: Path | str, snapshot_root: Path | str | None = None) -> Inputs:
    """Verify every snapshot, then validate the curated facts against the official ids; raise on any problem.

    ``base`` is the project root (file names in messages are relative to it); the snapshots
    are under ``snapshot_root`` (default ``base/data/snapshots``).
    """
    raw, base, cache_dir = Path(raw), Path(base), Path(cache_dir)
    root = Path(snapshot_root) if snapshot_root is not None else base / "data" / "snapshots"
    datasets = snapshots.load_all(root, base)
    try:
        ids, members = official_index(datasets, raw, base, root, cache_dir / "official-ids.json")
    except extract.layouts.LayoutError as err:
        raise ValidationError(err.problems, what="the snapshots") from None
    fb = factcache.load(raw, cache=cache_dir / "factbase.json", root=base, known_ids=ids)
    problems = sidecar_problems(datasets, fb)
    if problems:
        raise ValidationError(problems, what="the snapshots")
    return Inputs(fb, datasets, members)
