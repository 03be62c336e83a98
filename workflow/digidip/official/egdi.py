"""Rules of the UN E-Government Survey that the extraction applies in code, never by hand.

* ``out_of``: an edition ranks the states its file gives a rank (191 in 2003-2005, 192 in
  2008-2010, 193 since).
* A state the file gives no rank (Montenegro in 2003-2005, South Sudan in 2003-2010) was not
  a UN member when the survey was made: its rows of zeros are flagged ``not-ranked`` (the
  benchmarks check each against data/raw/un-membership.yaml).
* An EGDI of 0 is never a score. Where the Online Service Index is 0 too, the survey found no
  online presence it could assess (2003-2005, 2012): the EGDI, its rank, the OSI and the EPI
  are ``not-assessed`` placeholders. Where the OSI is real (2008, 2010), the EGDI was not
  computed because a component is missing (the Human Capital Index): the EGDI and its rank
  are ``not-computed``; the OSI and EPI are real. Either way the rank must be the edition's
  shared bottom rank; anything else is an error in the file.
* A Human Capital or Telecommunication Infrastructure Index of 0 is a placeholder for a
  missing value (no state scores 0; an independent copy of 2010 leaves these cells blank):
  flagged ``missing``.

Flagged values stay in the tables, marked; no statistic counts them (``PLACEHOLDERS``).
"""

from __future__ import annotations

from collections import Counter

from ..facts.problems import Problem
from .layouts import LayoutError

#: Indicators that rest on the survey's own assessment of a state's online presence.
ASSESSED = ("egdi", "egdi_rank", "epi", "osi")
NOT_ASSESSED = "not-assessed"
NOT_COMPUTED = "not-computed"
MISSING = "missing"
NOT_RANKED = "not-ranked"
#: Flags of values that are placeholders, not measurements: no statistic counts them.
PLACEHOLDERS = frozenset({NOT_ASSESSED, NOT_COMPUTED, MISSING, NOT_RANKED})
#: Each placeholder as the report explains it.
REASONS = {
    NOT_ASSESSED: "a state the survey could not assess online (index 0, shared bottom rank)",
    NOT_COMPUTED: "an EGDI the UN could not compute for want of a component (0, shared bottom rank)",
    MISSING: "a missing value the file writes as 0",
    NOT_RANKED: "a state not yet a UN member (a row of zeros without a rank)",
}
#: Components whose 0 stands for a missing value.
NEVER_ZERO = ("hci", "tii")


def apply_rules(display: str, rows: list[dict]) -> list[dict]:
    """Set ``out_of`` on ranks and flag the placeholders, for one edition's rows."""
    ranks = [r for r in rows if r["indicator"] == "egdi_rank"]
    for r in ranks:
        r["out_of"] = len(ranks)
    ranked = {r["country"] for r in ranks}
    value = {(r["country"], r["indicator"]): r["value"] for r in rows}
    zero = {r["country"] for r in rows if r["indicator"] == "egdi" and r["value"] == 0 and r["country"] in ranked}
    if zero:
        _check_bottom_tie(display, ranks, zero)
    unassessed = {c for c in zero if value.get((c, "osi")) == 0}
    for r in rows:
        r["flag"] = _flag(r, ranked, zero, unassessed) or r.get("flag")
    return rows


def _flag(r: dict, ranked: set[str], zero: set[str], unassessed: set[str]) -> str | None:
    country, indicator = r["country"], r["indicator"]
    if country not in ranked:
        return NOT_RANKED
    if country in unassessed and indicator in ASSESSED:
        return NOT_ASSESSED
    if country in zero and indicator in ("egdi", "egdi_rank") and country not in unassessed:
        return NOT_COMPUTED
    if indicator in NEVER_ZERO and r["value"] == 0:
        return MISSING
    return None


def _check_bottom_tie(display: str, ranks: list[dict], zero: set[str]) -> None:
    bottom = max(r["value"] for r in ranks)
    ties = Counter(r["value"] for r in ranks)
    wrong = [r for r in ranks if r["country"] in zero and (r["value"] != bottom or ties[bottom] < 2)]
    if wrong:
        raise LayoutError(
            [
                Problem(
                    display,
                    r["locator"],
                    "egdi_rank",
                    f"EGDI is 0 (a placeholder) but the rank {r['value']} is not the edition's shared bottom rank {bottom}",
                )
                for r in wrong
            ]
        )
