"""The report's Discussion and Conclusion, generated from the findings and the limitations.

Every sentence states values computed from the tables (``sentences.say``) or names the
quality record's decisions; nothing is typed as a claim. Where a finding rests on thin
evidence (``evidence.practice_evidence``: a coded goal with fewer than ``MIN_FACTS`` facts
of strong evidence) the sentence says so.
"""

from __future__ import annotations

from ..tidy.read import Tables
from .change import SURVEY_INDICES
from .sentences import all_of, clauses, plural, say


def capacity_and_practice(f: dict, ev: dict) -> list[dict]:
    """Whether the state the UN ranks highest is also the one whose practice the sources
    document most, and which states the sources leave without any."""
    if "best" not in f:
        return []
    out = []
    top = [r["country"] for r in f["best"]]
    counts = ev["countries"]
    if counts:
        most_n = max(counts.values())
        most = sorted(c for c, n in counts.items() if n == most_n)
        evidence = [e for c in ev["cells"] if c["country"] in most for e in c["evidence"]]
        values = {"y": f["edition"], "top": top, "k": sum(counts.get(c, 0) for c in top), "most": most, "mk": most_n}
        if not values["k"]:
            text = "The state the UN ranks highest in {y:year}, {top:names}, has no practice coded to the goals, while the most coded facts ({mk:n}) are about {most:names}{src:cite}."
        elif set(top) <= set(most):
            text = "The state the UN ranks highest in {y:year}, {top:names}, is also the one whose practice of digital"
            text += (
                " diplomacy the sources document most ({mk:n} coded " + plural(most_n, "fact", "facts") + "){src:cite}."
            )
        else:
            text = "The state the UN ranks highest in {y:year}, {top:names}, has {k:n} facts of practice coded to the goals, while the most ({mk:n}) are about {most:names}{src:cite}."
        out.append(say(text, src=evidence, **values))
    if ev["uncoded"]:
        out.append(
            say(
                "For {none:names} the sources document no practice of digital diplomacy at all: a gap in the"
                " sources, which the coding cannot tell apart from an absence of practice.",
                none=ev["uncoded"],
            )
        )
    return out


def _fell_with(r: dict, labels: dict[str, str]) -> tuple[str, dict]:
    """The survey indices that fell with a country's rank, as a clause and its values."""
    items, values = [], {}
    for i, ind in enumerate(r["own_fell"]):
        ch = r["indices"][ind]
        items.append(f"{{l{i}:label}} ({{a{i}:index}} to {{b{i}:index}})")
        values |= {f"l{i}": labels[ind], f"a{i}": ch["previous_value"], f"b{i}": ch["value"]}
    return clauses(items), values


def latest_change(f: dict) -> list[dict]:
    """Who moved in the latest edition, what fell with a fall, and the long run from the baseline."""
    out = []
    m = f.get("latest_moves")
    if m:
        labels = dict(SURVEY_INDICES)
        for r in (r for r in m["rows"] if r["places"] < 0):
            text = "Between the {prev:year} and {ed:year} editions {who:names} fell from {fp:n} to {fn:n}{src:cite}"
            values = {
                "prev": r["rank"]["previous_year"],
                "ed": m["edition"],
                "who": [r["country"]],
                "fp": r["rank"]["previous_value"],
                "fn": r["rank"]["value"],
                "src": [{"fact_id": r["rank"]["previous_fact_id"], "source": r["rank"]["source"]}, r["rank"]],
            }
            if r["own_fell"]:
                said, more = _fell_with(r, labels)
                text += ", and its " + said + " fell with it"
                values |= more
            out.append(say(text + ".", **values))
        ups = [r for r in m["rows"] if r["egdi"] and r["egdi"].get("group_changed")]
        if ups:
            out.append(group_moves(m, ups))
    moves = f.get("moves")
    if moves:
        below = [x for x in moves if x["gain"] < 0]
        values = {"base": f["first_edition"], "n": len(moves), "top": [x["country"] for x in f["biggest_gain"]]}
        values |= {"g": f["biggest_gain"][0]["gain"], "below": [x["country"] for x in below]}
        text = "Measured from {base:year}, the baseline of the longer run, {top:names} climbed most ({g:n} places)"
        if len(below) == 1:
            text += "; {below:names} ranks lower than at the baseline, from {bf:n} to {bl:n}"
            values |= {"bf": below[0]["first"]["value"], "bl": below[0]["last"]["value"]}
        elif below:
            text += "; {below:names} rank lower than at the baseline"
        else:
            text += "; every one of the {n:n} ranks higher than at the baseline"
        out.append(say(text + "{src:cite}.", src=[x["last"] for x in moves], **values))
    return out


def group_moves(m: dict, rows: list[dict]) -> dict:
    """The countries whose EGDI group changed in the latest edition, with both groups."""
    items, values = [], {"ed": m["edition"]}
    for i, r in enumerate(rows):
        items.append(f"{{c{i}:names}} from {{p{i}:label}} to {{g{i}:label}}")
        values |= {f"c{i}": [r["country"]], f"p{i}": r["egdi"]["previous_group"], f"g{i}": r["egdi"]["group"]}
    src = [{"fact_id": r["egdi"]["fact_id"], "source": r["egdi"]["source"]} for r in rows]
    return say(
        "In the survey's EGDI groups, the {ed:year} edition moved " + clauses(items) + "{src:cite}.", src=src, **values
    )


def evidence_weight(t: Tables, ev: dict, texts: dict[str, int]) -> list[dict]:
    """How far the evidence carries: the texts the practices rest on, thin coded goals, and
    the quality record's decisions about the facts the coding cites."""
    out = []
    n_texts = sum(texts.values())
    if n_texts:
        words = "The practices rest on {n:n} " + plural(n_texts, "text", "texts") + ": {kinds:kinds}."
        out.append(say(words, n=n_texts, kinds=texts))
    if ev["cells"]:
        thin = ev["thin"]
        text = "Of the {cells:n} coded goal entries, " + (
            all_of("thin", len(thin)) if len(thin) == len(ev["cells"]) else "{thin:n}"
        )
        text += " rest on fewer than {min:n} facts of strong evidence (read in full, not in doubt)"
        text += (
            ", so what the report says of practice is a lead for research, not a result"
            if thin
            else "; none rests on less"
        )
        out.append(say(text + ".", cells=len(ev["cells"]), thin=len(thin), min=ev["min_facts"]))
    coded = {e["fact_id"] for c in ev["cells"] for e in c["evidence"]}
    items = [q["issue"] for _, q in t.quality.iterrows() if coded & set(q["facts"])]
    if items:
        out.append(
            say(
                "The decisions of {k:n} of the quality record's {q:n} items concern facts the coding cites"
                " ({items:quality}).",
                k=len(items),
                q=len(t.quality),
                items=items,
            )
        )
    return out


def discussion(t: Tables, f: dict, ev: dict, texts: dict[str, int]) -> list[list[dict]]:
    """The Discussion: capacity beside documented practice, the latest change, and how far
    the evidence carries; one list of sentences a paragraph, empty paragraphs left out."""
    paras = [capacity_and_practice(f, ev), latest_change(f), evidence_weight(t, ev, texts)]
    return [p for p in paras if p]


def conclusion(f: dict, ev: dict, n: int) -> list[dict]:
    """The Conclusion: where the countries stand and moved, and what the evidence on practice allows."""
    out = []
    if "best" in f:
        top, bottom = [r["country"] for r in f["best"]], [r["country"] for r in f["worst"]]
        text = "On e-government as the UN measures it, {top:names} " + ("leads" if len(top) == 1 else "lead")
        text += " the {n:n} countries in {ed:year} and {bottom:names} " + ("trails" if len(bottom) == 1 else "trail")
        m = f.get("latest_moves")
        values = {"top": top, "bottom": bottom, "n": n, "ed": f["edition"], "src": f["best"] + f["worst"]}
        if m and m["fell"]:
            text += "; in the latest edition {fell:names} " + ("alone fell" if len(m["fell"]) == 1 else "fell")
            values["fell"] = m["fell"]
        out.append(say(text + "{src:cite}.", **values))
    coded = len(ev["countries"])
    text = "On digital diplomacy itself, the sources document practice for {m:n} of the {n:n} countries"
    if ev["thin"]:
        every = len(ev["thin"]) == len(ev["cells"])
        text += ", and " + (all_of("cells", len(ev["cells"])) if every else "{thin:n} of the {cells:n}")
        text += " coded goal entries rest on fewer than {min:n} facts of strong evidence (read in full, not in doubt): the evidence is thin, and the map of practice shows where the sources look"
    out.append(say(text + ".", m=coded, n=n, thin=len(ev["thin"]), cells=len(ev["cells"]), min=ev["min_facts"]))
    if "common_year" in f:
        out.append(
            say(
                "Internet use, the audience a digital diplomacy can reach at home, compares across all of them only up to {y:year}.",
                y=f["common_year"],
            )
        )
    return out
