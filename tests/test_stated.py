"""Values of the UN survey as published pages state them (data/raw/stated-values.yaml): every
one is compared with the snapshot of its edition at the precision the page writes it, and a
profiled country's disagreeing value stops the build until a decision is recorded."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
import yaml

from conftest import ROOT, SNAPSHOTS
from digidip.facts.inventory import country_files
from digidip.facts.problems import ValidationError
from digidip.official import crosscheck, stated

RAW = ROOT / "data" / "raw"
TIDY = ROOT / "data" / "tidy"


@pytest.fixture(scope="module")
def observations() -> list[dict]:
    """The UN survey files' values, extracted here (a fresh clone has no interim tables)."""
    from digidip.official import extract
    from digidip.official.factbase import dictionary, names
    from digidip.official.snapshots import read_dataset

    snaps, _ = read_dataset(SNAPSHOTS / "undesa" / "egdi", ROOT)
    return extract.extract_dataset(snaps, names(RAW, ROOT), dictionary(RAW, ROOT))[0]


def test_every_value_the_pages_state_agrees_with_the_snapshot(observations):
    records = stated.read(RAW)
    rows, agreement, differences = stated.compare(records, observations)
    assert differences == []
    assert sum(a["agreeing"] for a in agreement) == sum(a["compared"] for a in agreement) == len(records)
    assert all(r["agrees"] for r in rows)
    # Each page is one row of the agreement table per edition and indicator, named by its source.
    assert {a["copy"] for a in agreement} == {r["source"] for r in records}
    # Every profiled country but Turkmenistan has a stated 2024 EGDI or rank; no page states any of Turkmenistan's.
    profiled = {p.stem for p in country_files(RAW)}
    of_2024 = {r["country"] for r in records if r["edition"] == 2024 and r["indicator"] in ("egdi", "egdi_rank")}
    assert profiled - of_2024 == {"TKM"}
    assert not any(r.get("country") == "TKM" for r in records)


def test_a_page_is_compared_at_the_precision_it_writes():
    assert stated.agrees("egdi", 0.90, 0.90093, 2)
    assert not stated.agrees("egdi", 0.91, 0.90093, 2)
    assert stated.agrees("egdi", 0.9009, 0.90093, 4) and not stated.agrees("egdi", 0.901, 0.90093, 4)
    assert stated.at_precision(0.90093, 4) == Decimal("0.9009")
    # Half up in decimal: 0.56055 is just below it in binary, and still gives 0.5606.
    assert stated.at_precision(0.56055, 4) == Decimal("0.5606")
    assert stated.agrees("egdi", 0.5606, 0.56055, 4) and not stated.agrees("egdi", 0.5605, 0.56055, 4)
    assert stated.agrees("egdi_rank", 24, 24) and not stated.agrees("egdi_rank", 24, 25)
    assert not stated.agrees("egdi", 0.90, None, 2)  # no value in the snapshot never agrees


def test_groups_follow_the_survey_s_bounds():
    assert [stated.group_of(v) for v in (1.0, 0.75, 0.7499, 0.5, 0.4999, 0.25, 0.2499, 0.0)] == [
        "Very High",
        "Very High",
        "High",
        "High",
        "Middle",
        "Middle",
        "Low",
        "Low",
    ]


def _stated_file(tmp_path: Path, records: list[dict]) -> Path:
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    (raw / stated.FILE).write_text(yaml.safe_dump({"stated": records}, allow_unicode=True), encoding="utf-8")
    return raw


PAGE = {"edition": 2024, "source": "a-page", "locator": 'paragraph 1: "..."'}


def test_a_disagreeing_value_of_a_profiled_country_stops_the_build(tmp_path, observations):
    raw = _stated_file(
        tmp_path,
        [
            {"country": "KAZ", "indicator": "egdi", "value": 0.91, "decimals": 2, **PAGE},
            {"country": "KAZ", "indicator": "egdi_group", "value": "High", **PAGE},
            {"indicator": "egdi_group_count", "group": "Low", "value": 12, **PAGE},
        ],
    )
    records = stated.read(raw)
    rows, agreement, differences = stated.compare(records, observations)
    assert [(d["fact_id"], d["ours"], d["theirs"], d["copy"]) for d in differences] == [
        ("KAZ-egdi-2024", "0.90093", "0.91", "a-page"),
        ("KAZ-egdi-2024", "Very High", "High", "a-page"),  # a group contradicts the EGDI
        (None, "11", "12", "a-page"),  # survey-wide: no fact id
    ]
    assert [r["agrees"] for r in rows] == [False, False, False]
    assert sum(a["differing"] for a in agreement) == 3
    undecided = crosscheck.decide(differences, [])
    with pytest.raises(ValidationError) as stop:
        stated.require_decisions(undecided, ["KAZ", "UZB"], raw)
    lines = [str(p) for p in stop.value.problems]
    assert lines == [
        f"{raw}/stated-values.yaml: record stated[0]: field value: 2024 egdi of KAZ: 0.91 stated by a-page,"
        " 0.90093 in our snapshot (compared at 2 decimals); record a decision on it (a quality item listing"
        " KAZ-egdi-2024) or correct the record",
        f"{raw}/stated-values.yaml: record stated[1]: field value: 2024 egdi_group of KAZ: High stated by a-page,"
        " Very High in our snapshot; record a decision on it (a quality item listing KAZ-egdi-2024) or correct"
        " the record",
    ]
    stated.require_decisions(undecided, ["UZB"], raw)  # not a profiled country: published, no stop
    decided = crosscheck.decide(differences, [{"id": "Q-x", "facts": ["KAZ-egdi-2024"]}])
    assert [d["issue"] for d in decided] == ["Q-x", "Q-x", ""]
    stated.require_decisions(decided, ["KAZ"], raw)


def test_a_copy_s_difference_is_still_named_in_the_quality_record(tmp_path):
    raw = _stated_file(tmp_path, [])
    copy = {"edition": 2012, "country": "KAZ", "indicator": "egdi", "fact_id": "KAZ-egdi-2012"}
    copy |= {"ours": 0.5, "theirs": 0.6, "copy": "someone/repo", "issue": ""}
    with pytest.raises(ValidationError, match=r"quality\.yaml: record KAZ-egdi-2012: field facts"):
        stated.require_decisions([copy], ["KAZ"], raw)


def test_without_the_file_nothing_is_compared(tmp_path, observations):
    assert stated.read(tmp_path) == []
    assert stated.compare([], observations) == ([], [], [])


def test_the_report_states_the_stated_values_agreement():
    agree = pd.read_csv(TIDY / "crosscheck.csv")
    rows = pd.read_csv(TIDY / "crosscheck-stated.csv")
    pages = agree[agree["copy"].isin(pd.read_csv(TIDY / "sources.csv")["source"])]
    assert pages["compared"].sum() == len(rows)
    html = " ".join((ROOT / "reports" / "report.html").read_text(encoding="utf-8").split())
    assert f"{pages['agreeing'].sum()} of {pages['compared'].sum()} stated values agree" in html
    missing = sorted(set(pd.read_csv(TIDY / "countries.csv").query("profiled")["country"]) - set(rows["country"]))
    assert missing == ["TKM"]
    assert "no page was found that states a 2024 EGDI value, rank or group of Turkmenistan" in html
