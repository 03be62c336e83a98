"""The evidence rules of the raw facts (facts/evidence.py), each fault reported with its file,
record and field: who acts, what a fact rests on, what a coded practice may cite, one home
per fact, and quality rules that could not be followed everywhere.

Every test starts from the valid tree of validation_helpers, introduces one fault and looks
for the problem that names it (and only it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from digidip.facts.problems import Problem
from validation_helpers import load, minimal_docs, problems_of, write_tree

KAZ = "data/raw/countries/KAZ.yaml"
QUALITY = "data/raw/quality.yaml"
CONTEXT = "data/raw/context.yaml"
EVENT = "KAZ-strategy (events[0])"
PRACTICE = "practices[0] (public-diplomacy)"


@pytest.fixture
def tree(tmp_path: Path) -> tuple[Path, dict]:
    docs = minimal_docs()
    raw = write_tree(tmp_path, docs)
    load(raw)  # valid to start with: any problem comes from the fault
    return raw, docs


def after(raw: Path, docs: dict, *rels: str) -> list[Problem]:
    write_tree(raw.parent.parent, {rel: docs[rel] for rel in rels})
    problems = problems_of(raw)
    assert problems, "expected validation to fail"
    return problems


def only(problems: list[Problem], file: str, record: str, field: str, *words: str) -> Problem:
    listing = "\n".join(map(str, problems))
    assert len(problems) == 1, f"expected one problem, got:\n{listing}"
    p = problems[0]
    assert (p.file, p.record, p.field) == (file, record, field), listing
    assert all(w in p.message for w in words), listing
    return p


def kaz_event(docs: dict) -> dict:
    return docs["countries/KAZ.yaml"]["events"][0]


@pytest.mark.parametrize("fld", ["actor", "basis", "serves"])
def test_an_event_without_actor_basis_or_purpose_is_refused(tree, fld):
    raw, docs = tree
    del kaz_event(docs)[fld]
    only(after(raw, docs, "countries/KAZ.yaml"), KAZ, EVENT, fld, "missing required field")


def test_a_context_fact_without_basis_is_refused(tree):
    raw, docs = tree
    del docs["context.yaml"]["facts"][0]["basis"]
    only(after(raw, docs, "context.yaml"), CONTEXT, "REG-casa (facts[0])", "basis", "missing required field")


def test_a_basis_outside_the_four_is_refused(tree):
    raw, docs = tree
    kaz_event(docs)["basis"] = "hearsay"
    only(after(raw, docs, "countries/KAZ.yaml"), KAZ, EVENT, "basis", "'hearsay' is not one of", "second-hand")


def test_a_country_s_own_body_is_not_its_partner(tree):
    raw, docs = tree
    kaz_event(docs)["partners"] = [{"name": "Ministry of Foreign Affairs of Kazakhstan", "country": "KAZ"}]
    only(after(raw, docs, "countries/KAZ.yaml"), KAZ, EVENT, "partners[0]", "belongs to KAZ itself", "actor")


def test_the_actor_is_not_its_own_partner(tree):
    raw, docs = tree
    kaz_event(docs)["partners"] = [{"name": "Government of Kazakhstan", "country": None}]
    only(after(raw, docs, "countries/KAZ.yaml"), KAZ, EVENT, "partners[0]", "is the actor of this fact")


def test_a_party_of_an_unknown_state_is_refused(tree):
    raw, docs = tree
    kaz_event(docs)["partners"] = [{"name": "Ruritania", "country": "RUR"}]
    only(after(raw, docs, "countries/KAZ.yaml"), KAZ, EVENT, "partners[0].country", "unknown country code 'RUR'")


def test_a_partner_written_as_plain_text_is_refused(tree):
    raw, docs = tree
    kaz_event(docs)["partners"] = ["UNDP"]
    only(after(raw, docs, "countries/KAZ.yaml"), KAZ, EVENT, "partners.0", "expected object")


def test_another_party_s_handover_is_not_the_country_s_diplomatic_action(tree):
    """The FLIR case: a US ambassador's handover recorded as Uzbekistan's action."""
    raw, docs = tree
    ev = kaz_event(docs)
    ev["category"], ev["actor"] = "diplomatic-action", {"name": "US Embassy", "country": "USA"}
    docs["countries/KAZ.yaml"]["practices"] = []
    only(after(raw, docs, "countries/KAZ.yaml"), KAZ, EVENT, "actor", "its own act", "'US Embassy'")


def test_a_domestic_measure_is_no_diplomatic_action(tree):
    raw, docs = tree
    ev = kaz_event(docs)
    ev["category"], ev["serves"] = "diplomatic-action", "domestic"
    docs["countries/KAZ.yaml"]["practices"] = []
    only(after(raw, docs, "countries/KAZ.yaml"), KAZ, EVENT, "serves", "serves foreign policy")


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"actor": {"name": "European Commission", "country": None}}, ("an act of 'European Commission'", "own")),
        ({"planned": True}, ("is a plan",)),
        ({"serves": "domestic"}, ("domestic measure",)),
        ({"category": "strategy"}, ("is a strategy", "strategy_evidence")),
        ({"tags": ["national-digital-strategy"]}, ("is a strategy",)),
    ],
    ids=["another-party", "plan", "domestic", "strategy", "tagged-strategy"],
)
def test_a_practice_cites_the_country_s_own_acts_for_foreign_policy(tree, change, words):
    raw, docs = tree
    kaz_event(docs).update(change)
    only(after(raw, docs, "countries/KAZ.yaml"), KAZ, PRACTICE, "evidence", *words)


def test_a_strategy_is_a_practice_when_the_coding_says_why(tree):
    raw, docs = tree
    kaz_event(docs)["category"] = "strategy"
    practice = docs["countries/KAZ.yaml"]["practices"][0]
    practice["strategy_evidence"] = [{"fact": "KAZ-strategy", "why": "The source shows it carried out abroad."}]
    write_tree(raw.parent.parent, {"countries/KAZ.yaml": docs["countries/KAZ.yaml"]})
    assert problems_of(raw) == []


@pytest.mark.parametrize(
    ("ref", "words"),
    [("REG-casa", ("regional or context fact",)), ("KAZ-egdi-rank-2020", ("not a dated fact",))],
    ids=["context-fact", "observation"],
)
def test_a_practice_cites_no_context_fact_and_no_number(tree, ref, words):
    raw, docs = tree
    docs["countries/KAZ.yaml"]["practices"][0]["evidence"] = [ref]
    only(after(raw, docs, "countries/KAZ.yaml"), KAZ, PRACTICE, "evidence", *words)


@pytest.mark.parametrize("same", ["day", "actor"])
def test_one_fact_has_one_home(tree, same):
    """An event of a country and a context fact concerning it, from one source: the same day,
    or the same other party acting, is the same fact recorded twice."""
    raw, docs = tree
    ev, ctx = kaz_event(docs), docs["context.yaml"]["facts"][0]
    if same == "day":
        ev["date"] = ctx["date"] = "2023-01-17"
    else:
        ev["actor"], ctx["actors"] = {"name": "World Bank", "country": None}, ["World Bank"]
        docs["countries/KAZ.yaml"]["practices"] = []
    p = only(after(raw, docs, "countries/KAZ.yaml", "context.yaml"), KAZ, EVENT, "id", "recorded twice", "REG-casa")
    assert "one fact has one home" in p.message


def quality_rule(docs: dict, rule: dict, facts: list[str]) -> None:
    issue = docs["quality.yaml"]["issues"][0]
    issue["facts"] += facts
    issue["rules"] = [rule]


def test_a_fact_withheld_from_a_role_needs_a_label_saying_so(tree):
    raw, docs = tree
    kaz_event(docs)["tags"] = ["e-government-launch"]
    quality_rule(docs, {"not_as": "e-government-launch", "fact": "KAZ-strategy"}, ["KAZ-strategy"])
    only(
        after(raw, docs, "countries/KAZ.yaml", "quality.yaml"),
        QUALITY,
        "Q-KAZ-internet (issues[0])",
        "rules[0]",
        "date_label or title",
    )
    docs["quality.yaml"]["issues"][0]["rules"].append(
        {"date_label": "KAZ-strategy", "text": "2017 as the article says"}
    )
    write_tree(raw.parent.parent, {"quality.yaml": docs["quality.yaml"]})
    assert problems_of(raw) == []


def test_a_fact_presented_as_cited_rests_on_a_reference_title(tree):
    raw, docs = tree
    quality_rule(docs, {"cited_only": ["KAZ-strategy"]}, ["KAZ-strategy"])
    only(
        after(raw, docs, "quality.yaml"), QUALITY, "Q-KAZ-internet (issues[0])", "rules[0]", "its basis is 'full-text'"
    )


def test_amounts_kept_to_the_notable_actions_belong_to_one(tree):
    raw, docs = tree
    quality_rule(docs, {"amounts_only_in": "notable-actions", "fact": "KAZ-strategy"}, ["KAZ-strategy"])
    only(after(raw, docs, "quality.yaml"), QUALITY, "Q-KAZ-internet (issues[0])", "rules[0]", "not a notable action")
    ev = kaz_event(docs)
    ev["category"], ev["amounts"] = "diplomatic-action", [{"value": 5, "unit": "USD", "what": "aid"}]
    write_tree(raw.parent.parent, {"countries/KAZ.yaml": docs["countries/KAZ.yaml"]})
    assert problems_of(raw) == []


def test_a_weak_evidence_rule_names_facts_of_its_issue(tree):
    raw, docs = tree
    docs["quality.yaml"]["issues"][0]["rules"] = [{"weak_evidence": ["KAZ-strategy"]}]
    only(
        after(raw, docs, "quality.yaml"),
        QUALITY,
        "Q-KAZ-internet (issues[0])",
        "rules[0]",
        "not among this issue's facts",
    )
