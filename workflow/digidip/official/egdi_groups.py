"""The UN E-Government Survey's EGDI groups, computed from each state's EGDI in each edition.

The Survey sorts the member states into four groups by the value of their EGDI. What we
could read of it and of pages restating it (quotes are the sources' words):

* The bounds, 0.25, 0.50 and 0.75. A Knoema page restating the UN's definitions (October
  2016; http://tunisia.opendataforafrica.org/atlas/sources/UNPACS, note 2): "Very
  High-EGDI (Greater than 0.75)High-EGDI (Between 0.50 and 0.75)Middle-EGDI (Between
  0.25 and 0.50)Low-EGDI (Less than 0.25)".
* Which side of a bound is inclusive: the UN text we found does not say. The Knoema wording
  puts exactly 0.75 in High; a book on the 2016 edition (Yasinovskaya, on its table 1.5;
  https://simplybooks.in/reader/cifrovaya-transformaciya-gosudarstvennogo-upravleniya-datacentrichnost-yasinovskaya/25)
  writes the top group as "(≥0,75)". We take every lower bound as inclusive (0.75 is Very
  High, 0.50 High, 0.25 Middle). No real EGDI of an edition with groups lies on a bound, so
  no group depends on this choice (tests/test_egdi_groups.py checks it; quality record
  Q-EGDI-group-bounds).
* Editions: the 2016 Survey counts the states by group (ch. 5, 5.2: "Figure 5.1 shows the
  number of countries grouped by the E-Government Development Index";
  https://pdfslide.us/documents/e-government-in-support-of-sustainable-development-chapter-5-world-e-government.html),
  and so do 2018 (ch. 6, 6.2.4: "no European country ranks below the high-level EGDI
  category"; https://fliphtml5.com/gnel/lmvk/E-Government_Survey_2018_FINAL_for_web/170/),
  2020 (UN DESA press release, 10 July 2020: "65 per cent of Member States are at the high or
  very high EGDI level"; https://www.scribd.com/document/498152758/E-Government-Survey-2020-Press-Releases),
  2022 (ch. 1, 1.1: "within four EGDI value groups (very
  high, high, middle and low)"; https://studylib.es/doc/9307472/global-trends-in-e-government)
  and 2024 (counts 76, 62, 44 and 11, restated by
  https://intosairussia.org/news-media/brief-reviews/un-e-government-survey-2024.html).
  We found no text of an earlier edition that uses the groups, so ``FIRST_EDITION`` is 2016
  and the editions before it get no group: not because the Survey surely had none then, but
  because we could not show it had. When a source shows an earlier edition using them, move
  ``FIRST_EDITION`` back.
* Rating classes (VH, V3, V2, V1 within Very High, down to LM, L3, L2, L1 within Low): the
  2022 Survey has a section "1.3.2 Country EGDI levels and quartile classifications"
  (https://www.scribd.com/document/694604909/Chapter-1), but no text we could read says
  whether a class is a quarter of the group's value interval or a quartile of the states in
  the group, nor from which edition on. They are not computed here.

A placeholder (``egdi.PLACEHOLDERS``: a 0 that is no score) gets no group, and says why.
"""

from __future__ import annotations

from .egdi import PLACEHOLDERS

#: The groups from the top, each with its lower bound (inclusive) and upper bound (exclusive;
#: the top group's includes 1).
GROUPS = (("Very High", 0.75, 1.0), ("High", 0.50, 0.75), ("Middle", 0.25, 0.50), ("Low", 0.0, 0.25))
#: The first edition a source shows using the groups (see the module's docstring).
FIRST_EDITION = 2016
INDICATOR = "egdi"
COLUMNS = ["country", "year", "value", "group", "lower", "upper", "no_group", "flag", "source", "fact_id"]
METHOD = (
    "Each state's group is read off its EGDI in that edition: Very High from 0.75, High from 0.50,"
    " Middle from 0.25, Low below 0.25 (lower bounds inclusive; no value lies on a bound)."
    f" Editions before {FIRST_EDITION} (no source shows the Survey using the groups then) and"
    " placeholders (a 0 that is no score) get no group; no_group says which."
)


def group_of(value: float) -> str:
    """The group of an EGDI value (0 to 1)."""
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"an EGDI lies between 0 and 1, not {value}")
    return next(name for name, lower, _ in GROUPS if value >= lower)


def bounds(group: str) -> tuple[float, float]:
    return next((lower, upper) for name, lower, upper in GROUPS if name == group)


def why_none(year: int, flag: str | None) -> str | None:
    """Why a value has no group (None when it has one)."""
    if flag in PLACEHOLDERS:
        return f"placeholder ({flag}), not a score"
    if year < FIRST_EDITION:
        return f"edition before {FIRST_EDITION}: no source shows the Survey's groups then"
    return None


def group(row: dict) -> str | None:
    """The group of an extracted EGDI row, or None (a placeholder, an edition before the groups)."""
    return None if why_none(row["year"], row.get("flag")) else group_of(row["value"])


def group_rows(observations: list[dict]) -> list[dict]:
    """One row per state and edition with an EGDI: its group (or why it has none), bounds and source."""
    rows = []
    for r in observations:
        if r["entity_kind"] != "country" or r["indicator"] != INDICATOR:
            continue
        name = group(r)
        lower, upper = bounds(name) if name else (None, None)
        rows.append(
            {
                "country": r["country"],
                "year": r["year"],
                "value": r["value"],
                "group": name,
                "lower": lower,
                "upper": upper,
                "no_group": why_none(r["year"], r.get("flag")),
                "flag": r.get("flag"),
                "source": r["source"],
                "fact_id": r["fact_id"],
            }
        )
    return sorted(rows, key=lambda r: (r["country"], r["year"]))


def counts(rows: list[dict], year: int) -> dict[str, int]:
    """How many states each group holds in one edition (every group named, 0 if empty)."""
    found = [r["group"] for r in rows if r["year"] == year and r["group"]]
    return {name: found.count(name) for name, _, _ in GROUPS}
