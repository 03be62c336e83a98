"""What the report says about the UN E-Government Survey's editions: their rhythm and the
names the Survey gave its composite index, computed from the editions the files hold.

The index has the same three components (online services, human capital, telecommunication
infrastructure) in every edition's file, from 2003 on. Its name changed: the 2008 edition
still called it the e-Government Readiness Index and described its three components
(source ``unpan-2008-egov-readiness``), and the 2010 edition combined them into the "United
Nations e-government development index" (source ``un-ilibrary-egov-survey-2010``). So 2008 is
not the first edition of the EGDI: it is the first of the two-yearly editions, the first the
report compares ranks from (``comparison.FIRST_EGDI_EDITION``).
"""

from __future__ import annotations

from itertools import pairwise

#: The first edition that names the index the E-Government Development Index, and the
#: sources that show the name before and after it (records of data/raw/sources.yaml).
RENAMED = 2010
NAME_SOURCES = ("unpan-2008-egov-readiness", "un-ilibrary-egov-survey-2010")


def history(editions: list[int], compared_from: int, registered: set[str] | None = None) -> dict:
    """The editions as the report describes them: the yearly run they start with, the first
    of the two-yearly ones, the last edition under the old name, and the first compared.
    The names are stated only with their sources: ``sources`` lists those of NAME_SOURCES
    that ``registered`` (the build's source ids; default: all) holds, and is empty unless
    it holds every one."""
    years = sorted(set(editions))
    if not years:
        return {}
    yearly = [years[0]]
    for year in years[1:]:
        if year - yearly[-1] != 1:
            break
        yearly.append(year)
    later = years[len(yearly) :]
    return {
        "first": years[0],
        "yearly": yearly,
        "two_yearly_from": later[0] if later and all(b - a == 2 for a, b in pairwise(later)) else None,
        "readiness_until": max((y for y in years if y < RENAMED), default=None),
        "renamed": RENAMED if RENAMED in years else None,
        "compared_from": compared_from,
        # In the bibliography's order (by id), so the markers read "[46][50]", never "[50][46]".
        "sources": sorted(NAME_SOURCES) if registered is None or set(NAME_SOURCES) <= registered else [],
    }
