"""Who acts in a fact, what it rests on, and what a coded practice may cite.

The consistency checks behind the evidence rules of docs/data-model.md ("Actors, partners
and evidence"), over records that passed (or mostly passed) their schema:

* a fact's actor and partners are real states or international bodies; a country's own
  bodies are its actors, never its partners, and the actor is not its own partner;
* a diplomatic action of a country is its own act, and serves its foreign policy;
* one fact has one home: another party's act is not recorded both as a country's event and
  as a context fact;
* a coded practice cites the country's own acts that serve its foreign policy: never a plan,
  never another party's act, never a domestic measure, and a strategy only with a reason.
"""

from __future__ import annotations

from collections import Counter

import pycountry

from .checks import Checker, id_of, strings

#: The categories of a strategy document: not also a practice unless the entry says why.
STRATEGY_CATEGORIES = ("strategy",)
STRATEGY_TAGS = ("national-digital-strategy",)
#: The categories of a country's notable actions (its own acts, done, serving foreign policy).
NOTABLE_CATEGORIES = ("diplomatic-action", "partnership", "agreement", "policy-statement")


def own(rec: dict, iso3: str | None) -> bool:
    """Whether the fact is an act of the country ``iso3`` (its actor belongs to it). ``rec`` is
    a raw record (``actor: {name, country}``) or a row of events.csv (``actor_country``)."""
    actor = rec.get("actor")
    code = actor.get("country") if isinstance(actor, dict) else rec.get("actor_country")
    return iso3 is not None and code == iso3


def notable(rec: dict, iso3: str | None) -> bool:
    """Whether a country's event is one of its notable actions: its own act, done (not a
    plan), serving its foreign policy, of a notable category."""
    return (
        own(rec, iso3)
        and not rec.get("planned")
        and rec.get("serves") == "foreign-policy"
        and rec.get("category") in NOTABLE_CATEGORIES
    )


def _code(party: object) -> object:
    return party.get("country") if isinstance(party, dict) else None


def check_parties(chk: Checker, name: str, label: str, iso3: object, rec: dict) -> None:
    """An event's actor and partners: known codes; the country's bodies act, they are not partners."""
    actor = rec.get("actor") if isinstance(rec.get("actor"), dict) else {}
    parties = [("actor", actor)] + [(f"partners[{i}]", p) for i, p in enumerate(rec.get("partners") or [])]
    for fld, party in parties:
        code = _code(party)
        if isinstance(code, str) and pycountry.countries.get(alpha_3=code) is None:
            chk.add(name, label, f"{fld}.country", f"unknown country code {code!r}; null for an international body")
    for fld, party in parties[1:]:
        if not isinstance(party, dict):
            continue
        if isinstance(iso3, str) and party.get("country") == iso3:
            chk.add(
                name,
                label,
                fld,
                f"{party.get('name')!r} belongs to {iso3} itself: a country's own body is not its partner; "
                "name the body that acts as the actor, or leave it out",
            )
        elif actor and party.get("name") == actor.get("name"):
            chk.add(name, label, fld, f"{party.get('name')!r} is the actor of this fact, not its partner")
    if rec.get("category") == "diplomatic-action" and isinstance(iso3, str):
        if actor and actor.get("country") != iso3:
            chk.add(
                name,
                label,
                "actor",
                f"a diplomatic action of {iso3} is its own act, but the actor is {actor.get('name')!r}; record "
                "another party's act with another category, or in data/raw/context.yaml",
            )
        if rec.get("serves") == "domestic":
            chk.add(name, label, "serves", "a diplomatic action serves foreign policy; a domestic measure is not one")


def check_one_home(chk: Checker, countries: dict[str, dict], context: list[dict], context_file: str) -> None:
    """A fact recorded both as a country's event and as a context fact concerning that country:
    the same source with the same full date, or the same acting party."""
    for cfact in (c for c in context if isinstance(c, dict)):
        actors = set(strings(cfact.get("actors")))
        for iso3 in strings(cfact.get("countries")):
            doc = countries.get(iso3)
            for i, rec in enumerate((doc or {}).get("events", [])):
                if not isinstance(rec, dict) or rec.get("source") != cfact.get("source"):
                    continue
                actor = rec.get("actor") if isinstance(rec.get("actor"), dict) else {}
                same_day = len(str(rec.get("date"))) == 10 and rec.get("date") == cfact.get("date")
                foreign_actor = actor.get("country") != iso3 and actor.get("name") in actors
                if same_day or foreign_actor:
                    chk.add(
                        doc["file"],
                        f"{rec.get('id')} (events[{i}])",
                        "id",
                        f"recorded twice: also the context fact {cfact.get('id')} in {context_file}; one fact "
                        "has one home (a country's act among its events, another party's example in context)",
                    )


def check_practices(chk: Checker, goal_ids: set, countries: dict[str, dict]) -> None:
    """Coded practices cite known goals and the country's own acts, one entry per goal and country."""
    for iso3, doc in countries.items():
        events = {e.get("id"): e for e in doc["events"] if isinstance(e, dict)}
        for i, rec in enumerate(doc["practices"]):
            if not isinstance(rec, dict):
                continue
            label = f"practices[{i}] ({rec.get('goal')})"
            if id_of(rec.get("goal")) not in goal_ids:
                chk.add(
                    doc["file"], label, "goal", f"unknown goal id {rec.get('goal')!r}; see data/raw/frameworks.yaml"
                )
            why_strategy = {s.get("fact") for s in rec.get("strategy_evidence") or [] if isinstance(s, dict)}
            for ref in strings(rec.get("evidence")):
                problem = _evidence_problem(chk, iso3, ref, events, ref in why_strategy)
                if problem:
                    chk.add(doc["file"], label, "evidence", problem)
        _check_goals_once(chk, doc)
        _check_shared_evidence(chk, doc)


def _evidence_problem(chk: Checker, iso3: str, ref: str, events: dict, justified: bool) -> str | None:
    """Why ``ref`` cannot document a practice of ``iso3``, or None."""
    if not chk.cites(ref):
        return f"unknown fact id {ref!r}"
    if ref.startswith(("REG-", "CTX-")):
        return f"{ref!r} is a regional or context fact, another party's act; a practice cites {iso3}'s own acts"
    if not ref.startswith(f"{iso3}-"):
        return f"{ref!r} is a fact of another country; a practice cites {iso3}'s own acts (its events)"
    rec = events.get(ref)
    if rec is None:
        return f"{ref!r} is not a dated fact (an event) of {iso3}; a practice cites the country's own acts"
    actor = rec.get("actor") if isinstance(rec.get("actor"), dict) else {}
    if actor and actor.get("country") != iso3:
        return f"{ref!r} is an act of {actor.get('name')!r}, not of {iso3}: actions are the country's own"
    if rec.get("planned"):
        return f"{ref!r} is a plan (planned: true), not a documented practice"
    if rec.get("serves") == "domestic":
        return f"{ref!r} is a domestic measure (serves: domestic); it documents no diplomatic practice"
    strategy = rec.get("category") in STRATEGY_CATEGORIES or set(strings(rec.get("tags"))) & set(STRATEGY_TAGS)
    if strategy and not justified:
        return (
            f"{ref!r} is a strategy; say under strategy_evidence why it documents a practice and not only an intention"
        )
    return None


def _check_goals_once(chk: Checker, doc: dict) -> None:
    goals_seen = Counter(id_of(r.get("goal")) for r in doc["practices"] if isinstance(r, dict))
    for goal, n in sorted(goals_seen.items(), key=lambda kv: str(kv[0])):
        if n > 1:
            chk.add(
                doc["file"], f"practices ({goal})", "goal", f"goal coded {n} times; merge the evidence into one entry"
            )


def _check_shared_evidence(chk: Checker, doc: dict) -> None:
    """One fact documents one goal, unless both entries say why it documents both."""
    entries = [(i, r) for i, r in enumerate(doc["practices"]) if isinstance(r, dict)]
    uses = Counter(ref for _, r in entries for ref in set(strings(r.get("evidence"))))
    for i, rec in entries:
        justified = {s.get("fact") for s in rec.get("shared_evidence") or [] if isinstance(s, dict)}
        for ref in sorted(set(strings(rec.get("evidence")))):
            if uses[ref] > 1 and ref not in justified:
                chk.add(
                    doc["file"],
                    f"practices[{i}] ({rec.get('goal')})",
                    "evidence",
                    f"{ref!r} is evidence for {uses[ref]} goals; code it once, or say why under shared_evidence",
                )


def check_rules(chk: Checker, name: str, label: str, issue: dict, facts: dict[str, dict]) -> None:
    """A quality item's rules agree with the facts they govern and can be followed everywhere:
    a fact withheld from a role says so wherever it is listed (a date label or title), a
    fact presented as cited rests on a reference title, and amounts kept to the notable
    actions belong to one of them."""
    rules = [r for r in issue.get("rules") or [] if isinstance(r, dict)]
    relabelled = {r.get("date_label") for r in rules} | {r.get("title") for r in rules}
    for i, rule in enumerate(rules):
        fld = f"rules[{i}]"
        if "not_as" in rule and rule.get("fact") not in relabelled:
            chk.add(
                name,
                label,
                fld,
                f"{rule.get('fact')!r} is withheld from the role {rule.get('not_as')!r}, but printed elsewhere with "
                "its date and title it would read as filling it; add a date_label or title rule saying why",
            )
        for ref in strings(rule.get("cited_only")):
            basis = facts.get(ref, {}).get("basis")
            if ref in facts and basis != "reference-title":
                chk.add(
                    name, label, fld, f"{ref!r} is presented as cited, but its basis is {basis!r}, not reference-title"
                )
        ref = rule.get("fact") if "amounts_only_in" in rule else None
        fact = facts.get(ref) if isinstance(ref, str) else None
        if fact is not None and not (fact.get("amounts") and notable(fact, fact.get("country"))):
            chk.add(
                name, label, fld, f"{ref!r} is not a notable action with amounts: its amounts would never be printed"
            )
