"""Rules of the UN E-Government Survey that the extraction applies in code, never by hand.

* ``out_of``: an edition ranks the states its file gives a rank (191 in 2003-2005, when
  Montenegro and South Sudan appear as empty rows; 192 in 2008-2010; 193 since).
* Not assessed: a state whose EGDI is 0 had no online presence the survey could assess
  (or was not surveyed): its zero indices and its rank are placeholders, not measurements.
  The rank of such a state must be the edition's shared bottom rank; anything else is an
  error in the file. Its Human Capital and Telecommunication Infrastructure values come
  from other statistics and are real, so they keep no flag.
"""

from __future__ import annotations

from collections import Counter

from ..facts.problems import Problem
from .layouts import LayoutError

#: Indicators that rest on the survey's own assessment of a state's online presence.
ASSESSED = ("egdi", "egdi_rank", "epi", "osi")
NOT_ASSESSED = "not-assessed"


def apply_rules(display: str, rows: list[dict]) -> list[dict]:
    """Set ``out_of`` on ranks and flag not-assessed values, for one edition's rows."""
    ranks = [r for r in rows if r["indicator"] == "egdi_rank"]
    for r in ranks:
        r["out_of"] = len(ranks)
    unassessed = {r["country"] for r in rows if r["indicator"] == "egdi" and r["value"] == 0}
    if unassessed:
        _check_bottom_tie(display, ranks, unassessed)
    for r in rows:
        if r["country"] in unassessed and r["indicator"] in ASSESSED:
            r["flag"] = NOT_ASSESSED
    return rows


def _check_bottom_tie(display: str, ranks: list[dict], unassessed: set[str]) -> None:
    bottom = max(r["value"] for r in ranks)
    ties = Counter(r["value"] for r in ranks)
    wrong = [r for r in ranks if r["country"] in unassessed and (r["value"] != bottom or ties[bottom] < 2)]
    if wrong:
        raise LayoutError(
            [
                Problem(
                    display,
                    r["locator"],
                    "egdi_rank",
                    f"EGDI is 0 (not assessed) but the rank {r['value']} is not the edition's shared bottom rank {bottom}",
                )
                for r in wrong
            ]
        )
