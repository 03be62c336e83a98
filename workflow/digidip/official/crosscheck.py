"""Independent copies of the official files, compared value for value with the snapshots.

Under ``data/crosscheck/`` lie copies of official files made by other parties than the
makers of our snapshots, each with a sidecar (schema ``crosscheck.schema.yaml``) naming the
snapshot edition it is compared with and mapping its columns to indicators. Every value of
every country either file holds is compared with the extracted snapshot value: equal ranks,
indices equal to 1e-9 (the copies' float round trips differ by 1e-16), or both blank.

Every difference is matched to the quality item that records a decision on it (an item
listing the value's fact id). A difference of a country the build profiles without one stops
the tidy stage, naming it; any other is published with no decision, and the report says so.
Values that published pages state (data/raw/stated-values.yaml) are compared by ``stated``
into the same tables.
"""

from __future__ import annotations

from pathlib import Path

from ..facts.problems import Problem, ValidationError, shown
from . import cells, layouts
from .names import CountryNames, is_iso3
from .snapshots import Snapshot, read_dataset

AGREEMENT_COLUMNS = ["edition", "indicator", "copy", "compared", "agreeing", "differing"]
DIFFERENCE_COLUMNS = ["edition", "country", "indicator", "fact_id", "ours", "theirs", "copy", "issue"]
TOLERANCE = 1e-9


def load_copies(root: Path, base: Path) -> list[Snapshot]:
    """Every copy under ``root``, its sidecar valid and its checksum verified."""
    copies, problems = read_dataset(root, base, schema="crosscheck")
    if problems:
        raise ValidationError(problems, what="the cross-check copies")
    return copies


def copy_values(
    copy: Snapshot, names: CountryNames, indicators: dict[str, dict]
) -> dict[tuple[str, str], float | None]:
    """(country, indicator) -> the copy's value (None for a blank cell).

    A copy is read as strictly as a snapshot: its rows as many as its sidecar states and each
    as wide as the header (``layouts.rows``), each value a number its indicator allows (``cells``).
    """
    spec = copy.spec
    out, unknown, read = {}, [], []
    header = layouts.header(copy)
    missing = [c for c in (spec["key"], *spec["columns"]) if c not in header]
    if missing:
        raise ValidationError(
            [Problem(copy.display, "header", c, "declared in the sidecar but not in the file") for c in missing],
            what="the cross-check copies",
        )
    try:
        for n, row in layouts.rows(copy):
            key = row[spec["key"]].strip()
            iso3 = (key if is_iso3(key) else None) if spec["key_kind"] == "iso3" else names.iso3(key)
            if iso3 is None:
                unknown.append(Problem(copy.display, f"row {n}", spec["key"], f"unknown country {shown(key)}"))
                continue
            for column, indicator in spec["columns"].items():
                cell = row[column].strip()
                out[(iso3, indicator)] = cells.parse(cell) if cell else None
                if cell:
                    read.append(layouts.Cell(layouts.COUNTRY, iso3, key, indicator, spec["year"], cell, n, column))
    except layouts.LayoutError as err:  # a file read only in part: its cells cannot be judged
        raise ValidationError(unknown + err.problems, what="the cross-check copies") from None
    unknown += cells.problems(copy, read, indicators)
    if unknown:
        raise ValidationError(unknown, what="the cross-check copies")
    return out


def _agree(indicator: str, ours: float | None, theirs: float | None) -> bool:
    if ours is None or theirs is None:
        return ours is None and theirs is None
    return ours == theirs if indicator.endswith("_rank") else abs(ours - theirs) <= TOLERANCE


def compare(
    copies: list[Snapshot], observations: list[dict], names: CountryNames, indicators: dict[str, dict]
) -> tuple[list[dict], list[dict]]:
    """The agreement table (per edition, indicator and copy) and every differing value;
    ``indicators`` (the dictionary by id) bounds the copies' values."""
    ours = {
        (r["year"], r["country"], r["indicator"]): r["value"] for r in observations if r["entity_kind"] == "country"
    }
    agreement, differences = [], []
    for copy in copies:
        spec, theirs = copy.meta["compare"], copy_values(copy, names, indicators)
        repo = copy.meta["copied_from"]["repository"]
        year = spec["year"]
        countries = {c for c, _ in theirs} | {c for y, c, _ in ours if y == year}
        for indicator in sorted(set(spec["columns"].values())):
            counts = {"compared": 0, "agreeing": 0}
            for iso3 in sorted(countries):
                mine, other = ours.get((year, iso3, indicator)), theirs.get((iso3, indicator))
                counts["compared"] += 1
                if _agree(indicator, mine, other):
                    counts["agreeing"] += 1
                    continue
                differences.append(
                    {"edition": year, "country": iso3, "indicator": indicator, "fact_id": f"{iso3}-{indicator}-{year}"}
                    | {"ours": mine, "theirs": other, "copy": repo}
                )
            agreement.append(
                {"edition": year, "indicator": indicator, "copy": repo, **counts}
                | {"differing": counts["compared"] - counts["agreeing"]}
            )
    return agreement, differences


def decide(differences: list[dict], quality: list[dict]) -> list[dict]:
    """Each difference with the quality item that records a decision on it ("" where none does)."""
    decided = {f: q["id"] for q in quality for f in q.get("facts") or []}
    return [{**d, "issue": decided.get(d["fact_id"], "")} for d in differences]


def undecided(differences: list[dict], countries: list[str], display: str) -> list[Problem]:
    """One problem per difference of a profiled country that no quality item decides."""
    return [
        Problem(
            display,
            d["fact_id"],
            "facts",
            f"{d['edition']} {d['indicator']} of {d['country']}: {d['ours']} in our snapshot, "
            f"{d['theirs']} in the copy of {d['copy']}; record a decision on it (a quality item listing "
            f"{d['fact_id']})",
        )
        for d in differences
        if d["country"] in countries and not d["issue"]
    ]


def require_decisions(differences: list[dict], countries: list[str], display: str) -> None:
    """Raise, naming each one, if a difference of a profiled country has no recorded decision."""
    if problems := undecided(differences, countries, display):
        raise ValidationError(problems, what="the cross-checks")
