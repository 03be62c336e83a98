"""What changed for each country between the UN Survey's last two editions (the report's
"What changed" table), read from the tables only.

Rank, EGDI and the Survey's group come from ``change.edition_moves`` (changes.csv and the
groups in it, egdi-groups.csv). The GCI tier is the ITU's latest edition in tiers (2024, the
first such edition: there is no earlier tier to compare with). "New facts" cannot mean the
facts added since the previous edition of this report: which facts that edition held is in
the git history, which the build does not read (and must not: a build from an archive has
none). So a new fact is one *dated* after the previous Survey edition's year: what the
sources record as happening since then, whenever it entered the fact base (a fact only
attested by then is not: it may be older).
"""

from __future__ import annotations

from ..tidy.read import Tables

#: The indicators of the Global Cybersecurity Index's editions in tiers start with this.
GCI_TIER = "itu_gci_tier"
#: The dating of a fact a source shows only in force by a date (docs/data-model.md).
ATTESTED = "attested"


def _gci_tier(t: Tables, iso3: str) -> dict | None:
    """The country's tier in the latest GCI edition in tiers, with its fact; None if unknown."""
    o = t.observations
    sel = o[(o["country"] == iso3) & o["indicator"].str.startswith(GCI_TIER)]
    if sel.empty:
        return None
    r = sel.sort_values(["year", "indicator"]).iloc[-1]
    return {"value": int(r["value"]), "year": int(r["year"]), "fact_id": r["fact_id"], "source": r["source"]}


def _new_facts(t: Tables, iso3: str, after: int) -> list[dict]:
    """The country's dated facts the report shows, dated in a year after ``after``, oldest first.
    A fact a source only attests ("in force by" a date) is left out: its own date is unknown and
    may be long before."""
    e = t.events
    sel = e[(e["country"] == iso3) & (e["year"] > after) & e["shown"] & (e["dating"] != ATTESTED)]
    sel = sel.sort_values(["date", "fact_id"])
    return [
        {
            "date": r["report_date"],
            "title": r["report_title"],
            "fact_id": r["fact_id"],
            "source": r["source"],
            "cited_only": bool(r["cited_only"]),  # known only from a title the article cites
        }
        for _, r in sel.iterrows()
    ]


def what_changed(t: Tables, moves: dict | None) -> dict | None:
    """One row per profiled country: its move in rank, EGDI and group between the last two
    editions (None where it was not ranked in both), its GCI tier and its new facts."""
    if moves is None:
        return None
    by_country = {r["country"]: r for r in moves["rows"]}
    previous = max(moves["previous"]) if moves["previous"] else moves["edition"]
    rows = []
    for iso3 in t.countries["country"]:
        move = by_country.get(iso3)
        rows.append(
            {
                "country": iso3,
                "rank": move["rank"] if move else None,
                "egdi": move["egdi"] if move else None,
                "gci_tier": _gci_tier(t, iso3),
                "new_facts": _new_facts(t, iso3, previous),
            }
        )
    return {"edition": moves["edition"], "previous": moves["previous"], "facts_after": previous, "rows": rows}
