"""Readers of the files that say which group a state belongs to (classifications, not values).

Each reader yields one row per state and classification: its ``value`` (the group's name)
and, for a classification that changes over time, the calendar ``year`` it applies to
(``None`` for one that does not). Every row names its file and cell.

* ``wdi-country-metadata``: the World Bank region and income group of the WDI download
  (the classification current at the download; ``layouts.classification_columns``).
* ``m49``: UNSD's M49 region and sub-region of each state, the grouping the UN
  E-Government Survey reports by (read like the WDI metadata: ``layouts.classification_columns``).
* ``wb-income-history``: the World Bank's income group of every economy in every fiscal
  year (OGHIST.xlsx). Fiscal year X is set on 1 July of X-1 from GNI per capita of calendar
  year X-2 and stays fixed until 30 June X. A value of calendar year Y is grouped by the
  classification in force on 1 July of Y, fiscal year Y+1 (``IN_FORCE``): the one the World
  Bank published in the middle of the year, when most survey editions appear. A cell with no
  group (``..`` or empty: an economy not yet or no longer classified) yields no row, so the
  state is named as unclassified in that year rather than given a group, unless the sidecar
  names a predecessor whose group stands for it (``extract.predecessors``: Serbia's row in
  the surveys of 2003-2005 is the state union the World Bank classified under its own code).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..facts.problems import Problem
from .layouts import LayoutError, classification_columns
from .snapshots import Snapshot

#: Calendar year Y -> the fiscal year whose classification applies to it.
IN_FORCE = 1
#: Labels of the header rows of OGHIST's sheet, as its column B writes them.
FISCAL_YEAR_ROW, DATA_YEAR_ROW = "Bank's fiscal year:", "Data for calendar year :"
#: A group's label row, e.g. "Lower middle income (LM)".
GROUP_LABEL = re.compile(r"^(?P<label>[A-Za-z ]+?) \((?P<code>[A-Z]+)\)$")
#: Cells that are not a group: listed but unclassified, or empty.
NO_GROUP = {"", ".."}
#: The one footnoted code (Yemen, FY89-FY90: the two Yemens together would have been LM).
FOOTNOTED = {"LM*": "LM"}


def _row(snap: Snapshot, code: str, name: str, classification: str, year: int | None, value: str, where: str) -> dict:
    return {
        "country": code,
        "name": name,
        "classification": classification,
        "year": year,
        "value": value,
        "source": snap.extract["source"],
        "locator": f"{snap.display}, {where}",
    }


def _problem(snap: Snapshot, where: str, field: str, message: str) -> LayoutError:
    return LayoutError([Problem(snap.display, where, field, message)])


def _header(snap: Snapshot, sheet) -> tuple[dict[int, int], dict[str, str], int]:
    """(column -> fiscal year, group code -> label, first economy row) of the history sheet."""
    found: dict[str, tuple] = {}
    labels: dict[str, str] = {}
    first = None
    for n, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        label = str(row[1] or "").strip()
        if label in (FISCAL_YEAR_ROW, DATA_YEAR_ROW):
            found[label] = row
        elif m := GROUP_LABEL.match(label):
            labels[m["code"]] = m["label"]
        elif row[0] and found and labels:
            first = n
            break
    if len(found) < 2 or first is None or set(labels) != {"L", "LM", "UM", "H"}:
        raise _problem(
            snap, "header rows", snap.extract["sheet"], "fiscal-year, data-year or group label rows not found"
        )
    fiscal = {}
    for col, (fy, data_year) in enumerate(zip(found[FISCAL_YEAR_ROW], found[DATA_YEAR_ROW], strict=True)):
        if isinstance(fy, str) and re.fullmatch(r"FY\d\d", fy):
            year = int(fy[2:]) + (1900 if int(fy[2:]) >= 50 else 2000)
            if data_year != year - 2:
                raise _problem(snap, f"column {col + 1}", fy, f"GNI data year {data_year!r}, not {year - 2}")
            fiscal[col] = year
    return fiscal, labels, first


def income_history(snap: Snapshot) -> Iterator[dict]:
    """The income group of every economy for every calendar year it was classified in."""
    from openpyxl import load_workbook  # only this reader needs it
    from openpyxl.utils import get_column_letter

    x = snap.extract
    # Stored values: four header cells are formulas into another workbook (see the sidecar).
    book = load_workbook(snap.path, read_only=True, data_only=True)
    unknown = set(book.sheetnames) - {x["sheet"], *x.get("not_used", {})}
    if x["sheet"] not in book.sheetnames or unknown:
        raise _problem(
            snap,
            "sheets",
            "extract.sheet",
            f"sheet {x['sheet']!r} is not in the workbook, or sheets "
            f"{sorted(unknown)} are neither read nor listed under extract.not_used",
        )
    sheet = book[x["sheet"]]
    fiscal, labels, first = _header(snap, sheet)
    table = {}
    for n, row in enumerate(sheet.iter_rows(min_row=first, values_only=True), start=first):
        if code := str(row[0] or "").strip():  # a row without a code is a footnote
            if code in table:
                raise _problem(snap, f"row {n}", code, f"a second row of this code; the first is row {table[code][0]}")
            table[code] = (n, row)
    if len(table) != x["rows"]:
        raise _problem(
            snap, "", "", f"the sheet holds {len(table)} economies, but the sidecar states {x['rows']} (rows)"
        )
    stands_for = {old["code"]: new for new, old in x.get("predecessors", {}).items()}
    for code, (n, row) in table.items():
        for col, fy in fiscal.items():
            cell = str(row[col] if row[col] is not None else "").strip()
            if cell in NO_GROUP:
                continue
            group = FOOTNOTED.get(cell, cell)
            at = f"cell {get_column_letter(col + 1)}{n}"
            if group not in labels:
                raise _problem(snap, at, code, f"unknown income group {cell!r}")
            state = code
            if code in stands_for:
                state = stands_for[code]
                if str(table[state][1][col] or "").strip() not in NO_GROUP:
                    continue  # the successor has a group of its own that year
            where = f"sheet {x['sheet']}, {at} ({code}, FY{fy % 100:02d})"
            yield _row(snap, state, str(row[1]).strip(), x["classification"], fy - IN_FORCE, labels[group], where)
    book.close()


#: Layout name -> reader of classifications.
CLASSIFIERS = {
    "wdi-country-metadata": classification_columns,
    "m49": classification_columns,
    "wb-income-history": income_history,
}
