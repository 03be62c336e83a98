"""Extract one dataset's snapshots into long tables: observations, and classifications.

Every value of every entity in the files becomes a row, with the kind of entity it is
about (a country, a publisher's aggregate, another entity), its fact id
(``<ISO3>-<indicator>-<year>``, stable: anchors, citations and quality notes use it) and a
locator naming the snapshot's file, row and column. Two values claiming the same fact id
are an error, never a silent choice.
"""

from __future__ import annotations

from collections import defaultdict

from ..common.csvtext import number
from ..facts.problems import Problem
from . import cells, classes, egdi, geometry, layouts
from .names import CountryNames
from .snapshots import Snapshot

OBSERVATION_COLUMNS = [
    "entity_kind",
    "scope",
    "country",
    "entity_name",
    "indicator",
    "year",
    "value",
    "out_of",
    "flag",
    "source",
    "fact_id",
    "locator",
]
GROUP_COLUMNS = ["country", "name", "classification", "year", "value", "source", "locator"]


def observation(snap: Snapshot, cell: layouts.Cell) -> dict:
    return {
        "entity_kind": cell.kind,
        "scope": cell.scope or None,
        "country": cell.key,
        "entity_name": cell.entity,
        "indicator": cell.indicator,
        "year": cell.year,
        "value": number(cell.text),
        "out_of": None,
        "flag": None,
        "source": snap.extract["source"],
        "fact_id": f"{cell.key}-{cell.indicator}-{cell.year}",
        "locator": f"{snap.display}, row {cell.row} ({cell.entity}), column {cell.column}",
    }


def _unique(rows: list[dict]) -> list[Problem]:
    seen: dict[str, dict] = {}
    problems = []
    for r in rows:
        first = seen.setdefault(r["fact_id"], r)
        if first is not r:
            problems.append(
                Problem(
                    r["locator"].split(",")[0],
                    r["locator"],
                    "",
                    f"second value for {r['fact_id']}; the first is at {first['locator']}",
                )
            )
    return problems


def extract_dataset(
    snapshots: list[Snapshot], names: CountryNames, indicators: dict[str, dict]
) -> tuple[list[dict], list[dict]]:
    """(observations, classifications) of one dataset, sorted; raise LayoutError on any problem.

    ``indicators`` is the indicator dictionary by id: the scale of every value (``cells``).
    """
    siblings = {s.path.name: s for s in snapshots}
    observations: list[dict] = []
    groups: list[dict] = []
    problems: list[Problem] = []
    for snap in snapshots:
        layout = snap.extract["layout"]
        if layout in classes.CLASSIFIERS:
            groups += classes.CLASSIFIERS[layout](snap)
            continue
        if layout == "geometry":
            try:  # outlines for the maps, no values: checked, and nothing extracted
                geometry.outlines(snap)
            except geometry.GeometryError as exc:
                problems += exc.problems
            continue
        read = list(layouts.READERS[layout](snap, names, siblings))
        if found := cells.problems(snap, read, indicators):
            problems += found  # every file's bad cells in one report, and no value of it used
            continue
        rows = [observation(snap, c) for c in read]
        if layout == "undesa-egdi":
            rows = egdi.apply_rules(snap.display, rows)
        observations += rows
    problems += _unique(observations)
    if problems:
        raise layouts.LayoutError(problems)
    observations.sort(key=lambda r: (r["entity_kind"], r["country"], r["indicator"], r["year"]))
    groups.sort(key=lambda r: (r["country"], r["classification"], r["year"] or 0))
    return observations, groups


def counts(observations: list[dict]) -> dict[str, int]:
    """Values per kind of entity (the extraction log says what it kept, by kind)."""
    out: dict[str, int] = defaultdict(int)
    for r in observations:
        out[r["entity_kind"]] += 1
    return dict(sorted(out.items()))
