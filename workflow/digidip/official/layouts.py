"""Readers of the publishers' file layouts: each yields the file's values as ``Cell``s.

A reader resolves who each row is about (a country by its ISO3 code, a publisher's
aggregate, or another entity such as a territory without an ISO code) and which indicator
and year each value belongs to, exactly as the snapshot's sidecar declares (``extract``).
Every column of the file is either extracted or declared unused with a reason, and every
row is accounted for: a name or code that cannot be resolved is a problem naming the
file, the row and the name. Every row is as wide as the header, the file holds as many rows
as its sidecar states (``rows``), and a year, a code or a group cell has its form; what a
value cell may hold is judged, for all layouts alike, by ``cells``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..facts.problems import Problem, ValidationError, shown
from .names import CountryNames, is_iso3
from .snapshots import Snapshot

COUNTRY, AGGREGATE, OTHER = "country", "aggregate", "other"


@dataclass(frozen=True)
class Cell:
    """One published value and where it stands in its file."""

    kind: str  # country | aggregate | other
    key: str  # ISO3 code for a country; the publisher's code (or name) otherwise
    entity: str  # the name (or code) as the file writes it
    indicator: str
    year: int
    text: str
    row: int  # line of the file (the header is line 1)
    column: str
    scope: str = ""  # for an aggregate: world | region | income-group | other


class LayoutError(ValidationError):
    """The file does not have the layout its sidecar declares, or holds a cell it may not.

    A ValidationError, so a step that meets it (``python -m digidip extract``) prints every
    problem, one a line, and exits non-zero instead of a traceback."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems, what="the snapshots")


def rows(snap: Snapshot) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) for every data row; a byte-order mark and CRLF line ends are allowed.

    A row with fewer or more cells than the header (a line cut short, a stray separator)
    stops the reading, naming it, and so does a file with another number of rows than its
    sidecar states (``rows``): a file cut down to its header line would otherwise read as a
    file without values, and the states it held would vanish from the edition unnoticed.
    """
    text = snap.path.read_bytes().decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    count = 0
    for row in reader:
        if None in row or None in row.values():
            raise LayoutError([_shape_problem(snap, reader.line_num, row)])
        count += 1
        yield reader.line_num, row
    if count != snap.spec["rows"]:
        raise LayoutError(
            [
                Problem(
                    snap.display,
                    "",
                    "",
                    f"the file holds {count} rows below its header, but its sidecar states {snap.spec['rows']} "
                    "(rows): a file cut short, or a new release to vendor in a folder of its own",
                )
            ]
        )


def _shape_problem(snap: Snapshot, line: int, row: dict) -> Problem:
    """A row whose cells do not match the header, named by its first missing column."""
    width = sum(1 for k in row if k is not None)  # the header's cells
    missing = [k for k, v in row.items() if k is not None and v is None]
    if missing:
        more = f" and {len(missing) - 1} more columns" if len(missing) > 1 else ""
        return Problem(
            snap.display,
            f"row {line}",
            missing[0],
            f"row cut short: {width - len(missing)} cells where the header has {width}; no cell for this column{more}",
        )
    return Problem(snap.display, f"row {line}", "", f"{width + len(row[None])} cells where the header has {width}")


def year_of(snap: Snapshot, line: int, column: str, text: str) -> int:
    """A row's year, refused (naming row and column) unless it is a year such as 2020."""
    if not re.fullmatch(r"[0-9]{4}", text.strip()):
        raise LayoutError([Problem(snap.display, f"row {line}", column, f"{shown(text)} is not a year such as 2020")])
    return int(text)


def header(snap: Snapshot) -> list[str]:
    text = snap.path.read_bytes().decode("utf-8-sig")
    return next(csv.reader(io.StringIO(text, newline="")))


def check_columns(snap: Snapshot, used: set[str], extra: Callable[[str], bool] = lambda c: False) -> None:
    """Every column is used or declared unused: nothing in a file is skipped silently."""
    declared = used | set(snap.extract.get("not_used", {}))
    cols = header(snap)
    problems = [
        Problem(
            snap.display, "header", c, "column is neither extracted nor listed under extract.not_used with a reason"
        )
        for c in cols
        if c not in declared and not extra(c)
    ]
    problems += [
        Problem(snap.display, "header", c, "declared in the sidecar but not in the file")
        for c in sorted(used)
        if c not in cols
    ]
    if problems:
        raise LayoutError(problems)


#: A code column's form: ISO 3166-1 alpha-3 (UNSD), or the World Bank's three letters or digits.
CODE_FORMS = {"m49": re.compile(r"[A-Z]{3}"), "wdi-country-metadata": re.compile(r"[A-Z0-9]{3}")}


def code_of(snap: Snapshot, line: int, row: dict) -> str:
    """A classification row's code, refused (naming row and column) unless it has the layout's form."""
    column = snap.extract["code"]
    code = row[column].strip()
    if not CODE_FORMS[snap.extract["layout"]].fullmatch(code):
        raise LayoutError([Problem(snap.display, f"row {line}", column, f"{shown(code)} is not a country code")])
    return code


def group_of(snap: Snapshot, line: int, column: str, row: dict) -> str:
    """A classification cell: blank (no group), or one of the groups the sidecar lists for its column."""
    value = row[column].strip()
    known = snap.extract["groups"][column]
    if value and value not in known:
        raise LayoutError(
            [
                Problem(
                    snap.display,
                    f"row {line}",
                    column,
                    f"{shown(value)} is none of the groups the sidecar lists for this column (groups): {', '.join(known)}",
                )
            ]
        )
    return value


def _iso3_of(snap: Snapshot, names: CountryNames, line: int, column: str, name: str) -> str:
    """The code a row's country name means; a name nobody knows stops the extraction."""
    iso3 = names.iso3(name)
    if iso3 is None:
        raise LayoutError(
            [
                Problem(
                    snap.display,
                    f"row {line}",
                    column,
                    f"country name {name!r} is unknown to pycountry and not in data/raw/country-names.yaml",
                )
            ]
        )
    return iso3


def _named_cells(snap: Snapshot, names: CountryNames, check: Callable[[int, dict], None]) -> Iterator[Cell]:
    """Cells of a table with one row per country, named (not coded), one column per
    indicator, every value of the sidecar's year; ``check`` sees each row first."""
    x = snap.extract
    check_columns(snap, {x["country_name"], *x["columns"]})
    for line, row in rows(snap):
        check(line, row)
        name = row[x["country_name"]].strip()
        iso3 = _iso3_of(snap, names, line, x["country_name"], name)
        for column, indicator in x["columns"].items():
            if row[column].strip():
                yield Cell(COUNTRY, iso3, name, indicator, x["year"], row[column], line, column)


def undesa_egdi(snap: Snapshot, names: CountryNames, _: dict) -> Iterator[Cell]:
    """One row per member state, named (not coded); one column per index. The survey's own
    rules (ranks, placeholders) are applied after reading (official/egdi.py)."""
    year = str(snap.extract["year"])

    def survey_year(line: int, row: dict) -> None:
        if "Survey Year" in row and row["Survey Year"].strip() != year:
            raise LayoutError(
                [
                    Problem(
                        snap.display,
                        f"row {line}",
                        "Survey Year",
                        f"{row['Survey Year']!r}, but the sidecar says {year}",
                    )
                ]
            )

    yield from _named_cells(snap, names, survey_year)


def named(snap: Snapshot, names: CountryNames, _: dict) -> Iterator[Cell]:
    """One row per country, named (not coded); one column per indicator; a table of one
    edition (the year in the sidecar), read as it stands: no rule of another publisher applies."""
    yield from _named_cells(snap, names, lambda line, row: None)


def _wdi_kinds(meta: Snapshot) -> dict[str, tuple[str, str]]:
    """WDI code -> (kind, scope): an economy has a region in the metadata, an aggregate has none.

    An aggregate's scope is found by its name: "World", or the label of a region or an
    income group that the metadata assigns to economies; any other aggregate (the euro
    area, IDA countries, ...) has scope "other".
    """
    x = meta.extract
    column_of = {cls: c for c, cls in x["classifications"].items()}
    # Checked as the classification reader checks them: whichever reads the file first stops on a bad cell.
    table = [
        (code_of(meta, line, row), {c: group_of(meta, line, c, row) for c in x["classifications"]}, row)
        for line, row in rows(meta)
    ]
    regions = {g[column_of["wdi_region"]] for _, g, _ in table} - {""}
    incomes = {g[column_of["wdi_income_group"]] for _, g, _ in table} - {""}
    kinds = {}
    for code, groups, row in table:
        name = row[x["name"]].strip()
        if groups[column_of["wdi_region"]]:
            kinds[code] = (COUNTRY if is_iso3(code) else OTHER, "")
        else:
            scope = (
                "world"
                if name == "World"
                else "region"
                if name in regions
                else "income-group"
                if name in incomes
                else "other"
            )
            kinds[code] = (AGGREGATE, scope)
    return kinds


def wdi_wide(snap: Snapshot, names: CountryNames, siblings: dict) -> Iterator[Cell]:
    """One row per economy or aggregate, one column per year; the metadata file tells which is which."""
    x = snap.extract
    meta = siblings.get(x["metadata"])
    if meta is None:
        raise LayoutError(
            [Problem(snap.display, "", "extract.metadata", f"companion file {x['metadata']!r} is not a snapshot here")]
        )
    kinds = _wdi_kinds(meta) | dict.fromkeys(x.get("others", {}), (OTHER, ""))
    check_columns(snap, {x["code"], x["name"]}, extra=str.isdigit)
    years = [c for c in header(snap) if c.isdigit()]
    for line, row in rows(snap):
        code = row[x["code"]].strip()
        if code not in kinds:
            raise LayoutError(
                [
                    Problem(
                        snap.display,
                        f"row {line}",
                        x["code"],
                        f"code {code!r} is neither in {meta.display} nor under extract.others",
                    )
                ]
            )
        for year in years:
            if row[year].strip():
                kind, scope = kinds[code]
                yield Cell(kind, code, row[x["name"]].strip(), x["indicator"], int(year), row[year], line, year, scope)


def owid_grapher(snap: Snapshot, names: CountryNames, _: dict) -> Iterator[Cell]:
    """One row per entity and year; countries carry ISO3 codes, aggregates are declared by name."""
    x = snap.extract
    check_columns(snap, {x["entity"], x["code"], x["year_column"], *x["columns"]})
    aggregates = x.get("aggregates", {})
    for line, row in rows(snap):
        code, entity = row[x["code"]].strip(), row[x["entity"]].strip()
        kind = COUNTRY if is_iso3(code) else AGGREGATE if entity in aggregates else OTHER
        key = code if kind == COUNTRY else (code or entity)
        year = year_of(snap, line, x["year_column"], row[x["year_column"]])
        for column, indicator in x["columns"].items():
            if row[column].strip():
                yield Cell(kind, key, entity, indicator, year, row[column], line, column, aggregates.get(entity, ""))


def long(snap: Snapshot, names: CountryNames, _: dict) -> Iterator[Cell]:
    """One row per country, year and variable (the value in its own column)."""
    x = snap.extract
    check_columns(snap, {x["code"], x["year_column"], x["variable"], x["value"]})
    for line, row in rows(snap):
        code, variable = row[x["code"]].strip(), row[x["variable"]].strip()
        if variable not in x["variables"]:
            raise LayoutError(
                [
                    Problem(
                        snap.display,
                        f"row {line}",
                        x["variable"],
                        f"variable {variable!r} is not mapped in extract.variables",
                    )
                ]
            )
        if row[x["value"]].strip():
            kind = COUNTRY if is_iso3(code) else OTHER
            yield Cell(
                kind,
                code,
                code,
                x["variables"][variable],
                year_of(snap, line, x["year_column"], row[x["year_column"]]),
                row[x["value"]],
                line,
                x["value"],
            )


def classification_columns(snap: Snapshot) -> Iterator[dict]:
    """Classification rows of a table with one row per state and one column per classification
    (the WDI metadata's region and income group; UNSD's M49 region and sub-region): a blank
    cell gives no row (WDI's aggregates; Antarctica and Taiwan in the M49 table)."""
    x = snap.extract
    check_columns(snap, {x["code"], x["name"], *x["classifications"]})
    for line, row in rows(snap):
        code = code_of(snap, line, row)
        for column, classification in x["classifications"].items():
            if value := group_of(snap, line, column, row):
                yield {
                    "country": code,
                    "name": row[x["name"]].strip(),
                    "classification": classification,
                    "year": None,
                    "value": value,
                    "source": x["source"],
                    "locator": f"{snap.display}, row {line} ({code}), column {column}",
                }


#: Layout name -> reader of values. ``wdi-country-metadata`` holds classifications, not values.
READERS = {
    "undesa-egdi": undesa_egdi,
    "named": named,
    "wdi-wide": wdi_wide,
    "owid-grapher": owid_grapher,
    "long": long,
}
