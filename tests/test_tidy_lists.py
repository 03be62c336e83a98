"""Amounts and partners as long tables (amounts.csv, partners.csv): every value the raw files
state is there, as a number or as the text written, each row belongs to a fact the
published tables hold, and the data package says so in keys Frictionless checks."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT, tidy_input
from digidip.analysis import profile
from digidip.render import profile_html
from digidip.tidy import datapackage
from digidip.tidy import tables as tidy
from digidip.tidy.read import read_tables
from digidip.tidy.slices import country_slice

RAW = ROOT / "data" / "raw"
#: A number as amounts.csv writes it: digits, an optional sign and decimals, no separators.
PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def write_package(src, out: Path) -> Path:
    """The tables and data package of ``src`` in ``out``; the package's path."""
    out.mkdir(parents=True, exist_ok=True)
    for name, text in tidy.build_tables(src).items():
        (out / name).write_text(text, encoding="utf-8")
    (out / "datapackage.json").write_text(datapackage.build(src.fb), encoding="utf-8")
    return out / "datapackage.json"


def rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def raw_facts() -> list[tuple[str, dict]]:
    """(kind, record) of every event and context fact, read with plain PyYAML, not the
    workflow's loader, so the comparison does not trust the code it checks."""
    out = []
    for path in sorted((RAW / "countries").glob("*.yaml")):
        out += [("event", rec) for rec in yaml.safe_load(path.read_text(encoding="utf-8")).get("events") or []]
    context = yaml.safe_load((RAW / "context.yaml").read_text(encoding="utf-8"))
    return out + [("context", rec) for rec in context.get("facts") or []]


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The real data's tables and package, built by the current code (not the committed edition)."""
    src = tidy_input(RAW, tmp_path_factory.mktemp("cache"))
    return write_package(src, tmp_path_factory.mktemp("tidy")).parent


def test_every_amount_in_the_raw_files_is_a_number_in_amounts_csv(published):
    stated = [
        (rec["id"], i, a, kind) for kind, rec in raw_facts() for i, a in enumerate(rec.get("amounts") or [], start=1)
    ]
    assert stated, "the real data states amounts (the FLIR handover in Uzbekistan, the Gaza aid)"
    table = {(r["fact_id"], int(r["position"])): r for r in rows(published / "amounts.csv")}
    assert len(table) == len(stated) == len(rows(published / "amounts.csv"))
    for fact_id, position, amount, kind in stated:
        row = table[(fact_id, position)]
        assert PLAIN_NUMBER.fullmatch(row["value"]), row
        # An integer stays an integer (no "600000.0"), a decimal keeps its value.
        assert ("." in row["value"]) == isinstance(amount["value"], float)
        assert float(row["value"]) == amount["value"]
        assert (row["unit"], row["what"]) == (amount["unit"], amount["what"])
        owner = "event_id" if kind == "event" else "context_id"
        other = "context_id" if kind == "event" else "event_id"
        assert (row[owner], row[other]) == (fact_id, "")


def test_every_partner_in_the_raw_files_is_a_row_of_partners_csv(published):
    stated = [
        (rec["id"], i, partner["name"], partner["country"] or "")
        for kind, rec in raw_facts()
        if kind == "event"
        for i, partner in enumerate(rec.get("partners") or [], start=1)
    ]
    table = [
        (r["fact_id"], int(r["position"]), r["partner"], r["partner_country"]) for r in rows(published / "partners.csv")
    ]
    assert sorted(table) == sorted(stated) and len(table) > 10
    assert ("UKR-starlink-2022", 1, "Starlink (SpaceX; the company is not named in the reference)", "USA") in table
    assert ("UKR-mriik-estonia", 1, "Government of Estonia", "EST") in table


def test_events_and_context_no_longer_hold_the_lists(published):
    """The numbers live in amounts.csv only: no second copy in a JSON column to drift."""
    assert {"amounts", "partners"}.isdisjoint(rows(published / "events.csv")[0])
    assert "amounts" not in rows(published / "context.csv")[0]


def test_every_amount_and_partner_belongs_to_a_published_fact(published):
    events = {r["fact_id"] for r in rows(published / "events.csv")}
    context = {r["fact_id"] for r in rows(published / "context.csv")}
    for r in rows(published / "amounts.csv"):
        # Exactly one of the two key columns names the fact, in the table that holds it.
        assert [r["event_id"], r["context_id"]].count(r["fact_id"]) == 1
        assert r["event_id"] in events | {""} and r["context_id"] in context | {""}
    assert {r["fact_id"] for r in rows(published / "partners.csv")} <= events
    for name in ("amounts.csv", "partners.csv"):
        keys = [(r["fact_id"], r["position"]) for r in rows(published / name)]
        assert len(keys) == len(set(keys)), f"{name}: duplicate (fact_id, position)"


def test_the_data_package_validates_and_declares_the_keys(published):
    from frictionless import Package, validate

    report = validate(published / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]
    package = Package(published / "datapackage.json")
    amounts = package.get_resource("amounts").schema
    assert amounts.primary_key == ["fact_id", "position"]
    assert {(tuple(fk["fields"]), fk["reference"]["resource"]) for fk in amounts.foreign_keys} == {
        (("event_id",), "events"),
        (("context_id",), "context"),
    }
    assert amounts.get_field("value").type == "number" and amounts.get_field("position").type == "integer"
    partners = package.get_resource("partners").schema
    assert partners.foreign_keys == [
        {"fields": ["fact_id"], "reference": {"resource": "events", "fields": ["fact_id"]}}
    ]
    assert package.get_resource("events").schema.primary_key == ["fact_id"]


def test_frictionless_refuses_an_amount_or_partner_of_an_unknown_fact(published, tmp_path):
    """The foreign keys are checked, not only declared."""
    from frictionless import validate

    copy = tmp_path / "tidy"
    shutil.copytree(published, copy)
    amounts = (copy / "amounts.csv").read_text(encoding="utf-8").replace(",UZB-gaza-aid-2023,\n", ",UZB-nothing,\n")
    (copy / "amounts.csv").write_text(amounts, encoding="utf-8")
    partners = (copy / "partners.csv").read_text(encoding="utf-8").replace("UKR-mriik-estonia,", "UKR-nothing,")
    (copy / "partners.csv").write_text(partners, encoding="utf-8")
    report = validate(copy / "datapackage.json")
    errors = {(task.name, error.type) for task in report.tasks for error in task.errors}
    assert errors == {("amounts", "foreign-key"), ("partners", "foreign-key")}


# --- the fixture, with lists a separator would have broken ------------------------------

PARTNERS = ["Alpha; Beta", 'Gamma, "Delta" and Epsilon', "Zeta\nEta"]
AMOUNTS = [
    {"value": 2.5, "unit": "EUR", "what": "a grant, in millions; as stated"},
    {"value": 1200000, "unit": "USD", "what": "a loan"},
]


@pytest.fixture(scope="module")
def listed(tmp_path_factory):
    """The mini fixture with partners and amounts on ISL-egov and an amount on its context fact."""
    raw = tmp_path_factory.mktemp("project") / "data" / "raw"
    shutil.copytree(FIXTURES / "mini" / "raw", raw)
    path = raw / "countries" / "ISL.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    egov = next(e for e in doc["events"] if e["id"] == "ISL-egov")
    egov["partners"], egov["amounts"] = [{"name": n, "country": None} for n in PARTNERS], AMOUNTS
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    context = yaml.safe_load((raw / "context.yaml").read_text(encoding="utf-8"))
    context["facts"][0]["amounts"] = [{"value": 3, "unit": "avatars", "what": "diplomats in the virtual embassy"}]
    (raw / "context.yaml").write_text(yaml.safe_dump(context, allow_unicode=True), encoding="utf-8")
    return tidy_input(raw, tmp_path_factory.mktemp("cache"))


def test_partners_and_amounts_read_back_unchanged(listed, tmp_path):
    package = write_package(listed, tmp_path / "tidy")
    t = read_tables(package.parent)
    assert t.partners_by_fact() == {"ISL-egov": PARTNERS}
    assert t.amounts_by_fact()["ISL-egov"] == AMOUNTS
    assert t.amounts_by_fact()["CTX-fixture-example"] == [
        {"value": 3, "unit": "avatars", "what": "diplomats in the virtual embassy"}
    ]
    # Types as written: the integer does not come back as 1200000.0.
    assert [type(v) for v in t.amounts["value"]] == [int, float, int]
    from frictionless import validate

    assert validate(package).valid


def test_the_country_page_prints_the_lists_from_the_slice(listed, tmp_path):
    path = tmp_path / "ISL.json"
    path.write_text(country_slice(listed, "ISL"), encoding="utf-8")
    p = profile.load(path)
    egov = next(e for e in p.data["events"] if e["fact_id"] == "ISL-egov")
    assert egov["partners"] == PARTNERS and egov["amounts"] == AMOUNTS
    assert profile.partners(p) == sorted(PARTNERS, key=str.casefold)
    html = profile_html.timeline_html(p)
    assert "2.5 EUR (a grant, in millions; as stated); 1\u2009200\u2009000 USD (a loan)" in html
    assert "Gamma, &#34;Delta&#34; and Epsilon" in profile_html.partners_html(p)
