"""The reading that opens each comparison subsection: two to four sentences from its tables.

Each sentence is built by ``sentences.say`` from values computed here or in the findings
(what stands out, and how sure we are), never typed as a claim: a template writes the parts
and the words around them. What the sentences rest on is kept beside them, so a test can
trace each one (tests/test_reading.py). The Discussion and the Conclusion, read from the
same findings, are in ``discussion``.
"""

from __future__ import annotations

from ..tidy.read import Tables
from . import components
from .comparison import latest
from .sentences import all_of, clauses, plural, say
from .standing import EGDI_COMPONENTS, latest_edition


def _ranks(f: dict) -> dict:
    """The latest edition's range of ranks, with who holds each end."""
    best, worst = f["best"], f["worst"]
    return {
        "ed": f["edition"],
        "n": f["ranked_count"],
        "b": best[0]["value"],
        "of": best[0]["out_of"],
        "bw": [r["country"] for r in best],
        "w": worst[0]["value"],
        "ww": [r["country"] for r in worst],
        "src": best + worst,
    }


def latest_move_clauses(m: dict) -> tuple[list[str], dict]:
    """Who rose, who fell and who held since the previous edition, as template clauses."""
    parts, values = [], {"nr": len(m["rose"]), "fw": m["fell"], "hw": m["held"]}
    if m["rose"]:
        parts.append(
            all_of("nr", len(m["rose"])) + " rose" if not m["fell"] and not m["held"] else "{nr:n} of them rose"
        )
    if m["fell"]:
        parts.append("{fw:names} fell")
        if len(m["fell"]) == 1:
            row = next(r for r in m["rows"] if r["country"] == m["fell"][0])
            parts[-1] += " from {fp:n} to {fn:n}"
            values |= {"fp": row["rank"]["previous_value"], "fn": row["rank"]["value"]}
    if m["held"]:
        parts.append("{hw:names} held")
    return parts, values


def ranks_sentence(f: dict) -> dict | None:
    """The latest edition's range of ranks and the change since the previous edition."""
    if "best" not in f:
        return None
    values = _ranks(f)
    text = "In the {ed:year} Survey the {n:n} countries rank from {b:n} of {of:n} ({bw:names}) to {w:n} ({ww:names}){src:cite}"
    m = f.get("latest_moves")
    if m:
        parts, more = latest_move_clauses(m)
        since = "the {prev:year} edition" if len(m["previous"]) == 1 else "each one's previous edition"
        text += f"; since {since}, {clauses(parts)}"
        values |= more | {"prev": m["previous"][0]}
    return say(text + ".", **values)


def internet_sentence(f: dict, n: int) -> dict | None:
    """Internet use in the latest year all the countries report, and whose series stops it there."""
    if "common_year" not in f:
        return say("Internet use shares no year across all {n:n} countries, so its levels are not compared.", n=n)
    year = f["common_year"]
    limiting = [r["country"] for r in f["latest"] if r["year"] == year]
    text = (
        f"Internet use is compared across {all_of('n', n)} only in {{y:year}}, the latest year the World Bank's"
        " file reports for each: from {lo:percent} % in {lc:names} to {hi:percent} % in {hc:names}{src:cite}"
    )
    if limiting and len(limiting) < n:
        text += (
            "; {lim:names}'s series ends in that year, so the later values of the others are read country by country"
        )
    return say(
        text + ".",
        n=n,
        y=year,
        lo=f["low"][0]["value"],
        lc=[r["country"] for r in f["low"]],
        hi=f["high"][0]["value"],
        hc=[r["country"] for r in f["high"]],
        src=f["low"] + f["high"],
        lim=limiting,
    )


def practice_sentence(f: dict, ev: dict, n: int) -> dict:
    """How many countries the articles document, and how much of it rests on thin evidence."""
    coded = sorted(ev["countries"], key=lambda c: (-ev["countries"][c], c))
    values = {"k": len(f.get("strategies", {})), "n": n, "m": len(coded), "who": coded}
    text = "The articles date a national digital strategy for {k:n} of the {n:n} countries"
    if not coded:
        return say(text + " and document no practice of digital diplomacy for any of them.", **values)
    text += " and document practice of digital diplomacy for {m:n} ({who:names}), {cells:n} coded goal "
    text += plural(len(ev["cells"]), "entry", "entries") + " in all"
    values |= {"cells": len(ev["cells"]), "thin": len(ev["thin"]), "min": ev["min_facts"]}
    if ev["thin"]:
        text += "; " + (all_of("thin", len(ev["thin"])) if len(ev["thin"]) == len(ev["cells"]) else "{thin:n} of them")
        text += (
            " rest on fewer than {min:n} facts of strong evidence (read in full, not in doubt), so the goal counts show where the"
            " sources look more than what the countries do"
        )
    else:
        text += "; each rests on at least {min:n} facts of strong evidence (read in full, not in doubt)"
    return say(text + ".", **values)


def comparison_reading(t: Tables, f: dict, ev: dict) -> list[dict]:
    """Section 3.1's opening sentences: ranks and their latest change, internet use in a
    common year, and how far the articles' evidence reaches."""
    n = len(t.countries)
    found = [ranks_sentence(f), internet_sentence(f, n), practice_sentence(f, ev, n)]
    return [s for s in found if s is not None]


def quarters(t: Tables) -> dict | None:
    """Where each profiled country's EGDI falls among the members' quartiles in the latest edition."""
    year = latest_edition(t)
    if year is None:
        return None
    b = t.benchmarks
    sel = b[(b["indicator"] == "egdi") & (b["year"] == year) & (b["scope"] == "world")]
    stat = dict(zip(sel["statistic"], sel["value"].astype(float), strict=False))
    out: dict = {"year": year, "n": int(sel["n"].iloc[0]), "top": [], "upper": [], "lower": [], "bottom": [], "src": []}
    for iso3 in t.countries["country"]:
        cell = latest(t, iso3, "egdi", year=year)
        if cell is None:
            continue
        v = cell["value"]
        where = "top" if v > stat["q3"] else "upper" if v > stat["median"] else "lower" if v >= stat["q1"] else "bottom"
        out[where].append(iso3)
        out["src"].append(cell)
    return out


def _verb(codes: list[str], one: str, many: str) -> str:
    return one if len(codes) == 1 else many


def peers_sentence(world: dict) -> dict | None:
    """Above or below the median of the UN region (the default peer group) and of the income group."""
    p = world.get("peers")
    if not p:
        return None
    said, values = [], {"src": p["rows"], "year": p["year"]}
    for key, at, words in (
        ("r", 1, "its UN region, the survey's default peer group"),
        ("i", 4, "the World Bank income group each was in that year"),
    ):
        above = [r["country"] for r in p["rows"] if r["groups"][at] and r["value"] > r["groups"][at]["value"]]
        below = [r["country"] for r in p["rows"] if r["groups"][at] and r["value"] <= r["groups"][at]["value"]]
        parts = []
        if above:
            parts.append(f"{{{key}a:names}} {_verb(above, 'stands', 'stand')} above it")
        if below:
            parts.append(f"{{{key}b:names}} {'at or below it' if not above else 'at or below'}")
        if parts:
            said.append(f"against the median of {words}, " + " and ".join(parts))
        values |= {f"{key}a": above, f"{key}b": below}
    if not said:
        return None
    text = "In {year:year}, " + "; ".join(said) + "{src:cite}."
    return say(text, **values)


def weakest_sentence(world: dict) -> dict | None:
    """How many countries have one weakest component by the report's rule, two about equal, or none."""
    w = world.get("weakest")
    if not w or not w["countries"]:
        return None
    by = {v: [c for c, x in w["countries"].items() if x["verdict"] == v] for v in ("one", "about-equal", "none")}
    parts = []
    if by["one"]:
        parts.append(f"{{one:names}} {_verb(by['one'], 'has', 'each have')} a single weakest component")
    if by["about-equal"]:
        parts.append("for {eq:names} the two weakest are about equal")
    if by["none"]:
        parts.append("for {none:names} none stands out")
    cells = [c for x in w["countries"].values() for c in x["all"]]
    return say(
        "By the report's one rule for the weakest EGDI component in {year:year} (the lowest world percentile;"
        " within {m:score} points of it, about equal), " + clauses(parts) + "{src:cite} ({fig:fig}).",
        year=w["year"],
        m=w["margin"],
        one=by["one"],
        eq=by["about-equal"],
        none=by["none"],
        src=cells,
        fig="egdi_components",
    )


def world_limits_sentence(t: Tables, world: dict) -> dict | None:
    """How sure: where the component series break, and which series stops the common year."""
    k = sum(len(components.method_breaks(t, ind)) for ind, _ in EGDI_COMPONENTS)
    net = world["years"].get("internet_users_pct") or {}
    parts = [
        "the component lines break at {k:n} points where the members' median jumped ({fig:fig})"
        if k
        else "no component's median jumped between editions ({fig:fig})"
    ]
    if net.get("year") and net.get("limited_by"):
        parts.append("internet use is compared in {y:year}, where {lim:names}'s series ends")
    return say(
        "Each position is read within one edition or one year: " + clauses(parts) + ".",
        k=k,
        fig="egdi_components",
        y=net.get("year"),
        lim=net.get("limited_by", []),
    )


def world_reading(t: Tables, world: dict) -> list[dict]:
    """Section 3.2's opening sentences: quartiles, the peer groups' medians, the weakest
    components by the report's rule, and what limits the comparison."""
    out = []
    q = quarters(t)
    if q and q["src"]:
        said = [
            f"{{{k}:names}} {words}"
            for k, words in (
                ("top", "in the top quarter"),
                ("upper", "in the upper half"),
                ("lower", "in the lower half"),
                ("bottom", "in the bottom quarter"),
            )
            if q[k]
        ]
        first = next(k for k in ("top", "upper", "lower", "bottom") if q[k])
        said[0] = said[0].replace(" in the", f" {_verb(q[first], 'stands', 'stand')} in the", 1)
        out.append(say("By EGDI in {year:year}, among the {n:n} members, " + clauses(said) + "{src:cite}.", **q))
    for s in (peers_sentence(world), weakest_sentence(world), world_limits_sentence(t, world)):
        if s is not None:
            out.append(s)
    return out
