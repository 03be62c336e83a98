"""Each kind of fault in the raw fact base is reported with its file, record, field and a readable message.

Every test starts from a tree that validates (checked first), introduces exactly one fault
and looks for the problem that names it. The last tests check that faults in several files
are all reported in one run and that the command line prints them one per line.
"""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from digidip.facts import yamlio
from digidip.facts.dates import FIRST_YEAR, LAST_YEAR
from digidip.facts.problems import Problem
from digidip.official.data import Official
from digidip.tidy.curated import event_rows
from digidip.tidy.inputs import TidyInput
from validation_helpers import load, minimal_docs, problems_of, write_snapshot, write_tree

REPO = Path(__file__).resolve().parent.parent
KAZ = "data/raw/countries/KAZ.yaml"
UZB = "data/raw/countries/UZB.yaml"
QUALITY = "data/raw/quality.yaml"
SOURCES = "data/raw/sources.yaml"

RANK = "KAZ-egdi-rank-2020 (observations[0])"
PERCENT = "KAZ-internet-2020 (observations[1])"
EVENT = "KAZ-strategy (events[0])"


@pytest.fixture
def tree(tmp_path: Path) -> tuple[Path, dict]:
    """A valid raw tree on disk and its documents; the test changes one and rewrites it."""
    docs = minimal_docs()
    raw = write_tree(tmp_path, docs)
    fb = load(raw)  # the starting point is valid, so any problem comes from the fault
    assert sorted(fb.countries) == ["KAZ", "UZB"]
    return raw, docs


def rewrite(raw: Path, rel: str, doc: object) -> None:
    """Replace one file of the tree (a document, or verbatim text/bytes)."""
    write_tree(raw.parent.parent, {rel: doc})


def problems_after(raw: Path) -> list[Problem]:
    problems = problems_of(raw)
    assert problems, "expected validation to fail"
    return problems


def find(problems: list[Problem], file: str, record: str, field: str, *words: str) -> Problem:
    """The one problem at (file, record, field) whose message holds all ``words``."""
    hits = [
        p
        for p in problems
        if p.file == file and p.record == record and p.field == field and all(w in p.message for w in words)
    ]
    listing = "\n".join(str(p) for p in problems)
    assert len(hits) == 1, f"no single problem {file}: {record}: {field}: {words} among:\n{listing}"
    return hits[0]


def test_minimal_tree_is_valid(tree: tuple[Path, dict]) -> None:
    raw, _ = tree
    fb = load(raw)
    assert fb.quality[0]["facts"] == ["KAZ-internet-2020", "KAZ-internet_users_pct-2020"]  # an official id
    assert [e["id"] for e in fb.countries["KAZ"]["events"]] == ["KAZ-strategy"]


def test_yaml_syntax_error_names_line(tree: tuple[Path, dict]) -> None:
    raw, _ = tree
    rewrite(
        raw,
        "countries/KAZ.yaml",
        "country:\n  iso3: KAZ\n  name: Kazakhstan\n  region: [Central Asia\nobservations: []\n",
    )
    p = find(problems_after(raw), KAZ, "", "", "YAML syntax error", "line 5")
    assert str(p).startswith(f"{KAZ}: YAML syntax error at line 5, column")


def test_duplicate_yaml_key_names_line(tree: tuple[Path, dict]) -> None:
    raw, _ = tree
    rewrite(raw, "countries/KAZ.yaml", "country:\n  iso3: KAZ\n  iso3: UZB\n")
    find(problems_after(raw), KAZ, "", "", "line 3", "duplicate key 'iso3'")


@pytest.mark.parametrize(
    ("rel", "kind", "index", "record", "file", "allowed"),
    [
        ("countries/KAZ.yaml", "observations", 0, RANK, KAZ, "locator"),
        ("countries/KAZ.yaml", "events", 0, EVENT, KAZ, "period"),
    ],
)
def test_unknown_field(tree, rel: str, kind: str, index: int, record: str, file: str, allowed: str) -> None:
    raw, docs = tree
    docs[rel][kind][index]["colour"] = "red"
    rewrite(raw, rel, docs[rel])
    problems = problems_after(raw)
    p = find(problems, file, record, "colour", "unknown field", "allowed here:")
    assert allowed in p.message
    assert problems == [p], "only the unknown field is wrong; every other field is known"


def test_missing_required_field(tree) -> None:
    raw, docs = tree
    del docs["countries/KAZ.yaml"]["events"][0]["locator"]
    rewrite(raw, "countries/KAZ.yaml", docs["countries/KAZ.yaml"])
    assert problems_after(raw) == [Problem(KAZ, EVENT, "locator", "missing required field")]


def test_missing_required_file(tree) -> None:
    raw, _ = tree
    (raw / "indicators.yaml").unlink()
    find(problems_after(raw), "data/raw/indicators.yaml", "", "", "required file is missing")


@pytest.mark.parametrize(
    ("kind", "index", "fld", "bad", "record", "words"),
    [
        ("observations", 0, "year", "2020", RANK, ("expected integer", "got str '2020'")),
        ("observations", 1, "value", "55.5", PERCENT, ("expected number", "got str '55.5'")),
        ("observations", 0, "value", True, RANK, ("expected number", "got bool True")),
        ("observations", 0, "id", 5, "observations[0]", ("expected string", "got int 5")),
        ("events", 0, "title", ["a", "b"], EVENT, ("expected string", "got list")),
        ("events", 0, "date", [2017], EVENT, ("expected string or integer", "got list [2017]")),
    ],
)
def test_wrong_type(tree, kind: str, index: int, fld: str, bad: object, record: str, words: tuple[str, ...]) -> None:
    raw, docs = tree
    docs["countries/KAZ.yaml"][kind][index][fld] = bad
    rewrite(raw, "countries/KAZ.yaml", docs["countries/KAZ.yaml"])
    problems = problems_after(raw)
    p = find(problems, KAZ, record, fld, *words)
    if fld != "id":  # a record without a usable id also loses its place in the evidence
        assert problems == [p], "one wrong value gives one problem, not one per field of the record"


def test_wrong_type_of_a_whole_list(tree) -> None:
    raw, docs = tree
    docs["countries/KAZ.yaml"]["practices"] = "public-diplomacy"
    rewrite(raw, "countries/KAZ.yaml", docs["countries/KAZ.yaml"])
    find(problems_after(raw), KAZ, "", "practices", "expected array", "got str")


def test_unknown_country_code(tree) -> None:
    raw, docs = tree
    doc = docs["countries/UZB.yaml"]
    doc["country"]["iso3"] = "XXX"
    (raw / "countries" / "UZB.yaml").unlink()
    rewrite(raw, "countries/XXX.yaml", doc)
    p = find(problems_after(raw), "data/raw/countries/XXX.yaml", "country", "iso3", "'XXX'", "ISO 3166-1 alpha-3")
    assert "unknown country code" in p.message


def test_country_file_named_differently_from_its_code(tree) -> None:
    raw, docs = tree
    docs["countries/UZB.yaml"]["country"]["iso3"] = "TJK"
    rewrite(raw, "countries/UZB.yaml", docs["countries/UZB.yaml"])
    find(problems_after(raw), UZB, "country", "iso3", "'UZB.yaml' differs from the country code 'TJK'", "TJK.yaml")


def test_citing_an_official_fact_that_does_not_exist(tree) -> None:
    raw, docs = tree
    docs["quality.yaml"]["issues"][0]["facts"][1] = "KAZ-internet_users_pct-1901"
    rewrite(raw, "quality.yaml", docs["quality.yaml"])
    find(
        problems_after(raw),
        QUALITY,
        "Q-KAZ-internet (issues[0])",
        "facts",
        "unknown fact id 'KAZ-internet_users_pct-1901'",
    )


def test_curated_record_may_not_take_an_official_id(tree) -> None:
    raw, docs = tree
    docs["countries/UZB.yaml"]["observations"][1]["id"] = "UZB-internet_users_pct-2020"
    rewrite(raw, "countries/UZB.yaml", docs["countries/UZB.yaml"])
    record = "UZB-internet_users_pct-2020 (observations[1])"
    find(problems_after(raw), UZB, record, "id", "fact id of an official statistic")


def test_unknown_indicator_id(tree) -> None:
    raw, docs = tree
    docs["countries/KAZ.yaml"]["observations"][1]["indicator"] = "internet_users"
    rewrite(raw, "countries/KAZ.yaml", docs["countries/KAZ.yaml"])
    problems = problems_after(raw)
    find(problems, KAZ, PERCENT, "indicator", "unknown indicator id 'internet_users'", "indicators.yaml")
    assert len(problems) == 1


@pytest.mark.parametrize(
    ("rel", "path", "file", "record"),
    [
        ("countries/KAZ.yaml", ("events", 0), KAZ, EVENT),
        ("countries/KAZ.yaml", ("observations", 1), KAZ, PERCENT),
        ("frameworks.yaml", ("goals", 0), "data/raw/frameworks.yaml", "public-diplomacy (goals[0])"),
        ("context.yaml", ("facts", 0), "data/raw/context.yaml", "REG-casa (facts[0])"),
    ],
)
def test_unknown_source_id(tree, rel: str, path: tuple, file: str, record: str) -> None:
    raw, docs = tree
    docs[rel][path[0]][path[1]]["source"] = "no-such-source"
    rewrite(raw, rel, docs[rel])
    find(problems_after(raw), file, record, "source", "unknown source id 'no-such-source'", "sources.yaml")


@pytest.mark.parametrize("year", [FIRST_YEAR - 1, LAST_YEAR + 1, 1850, 0])
def test_observation_year_outside_plausible_range(tree, year: int) -> None:
    raw, docs = tree
    docs["countries/KAZ.yaml"]["observations"][1]["year"] = year
    rewrite(raw, "countries/KAZ.yaml", docs["countries/KAZ.yaml"])
    find(problems_after(raw), KAZ, PERCENT, "year", f"year {year} is outside the plausible range 1990-2030")


@pytest.mark.parametrize(("date", "year"), [("1850-05-01", 1850), ("2031", 2031), (1989, 1989)])
def test_event_date_outside_plausible_range(tree, date: object, year: int) -> None:
    raw, docs = tree
    docs["countries/KAZ.yaml"]["events"][0]["date"] = date
    rewrite(raw, "countries/KAZ.yaml", docs["countries/KAZ.yaml"])
    find(problems_after(raw), KAZ, EVENT, "date", f"year {year} is outside the plausible range")


def test_observation_year_written_as_float(tree) -> None:
    raw, docs = tree
    docs["countries/KAZ.yaml"]["observations"][1]["year"] = 2020.0
    rewrite(raw, "countries/KAZ.yaml", docs["countries/KAZ.yaml"])
    find(problems_after(raw), KAZ, PERCENT, "year", "expected a whole year such as 2020, got 2020.0")


@pytest.mark.parametrize("value", [100.5, 101, -0.1, -5])
def test_percentage_outside_0_100(tree, value: float) -> None:
    raw, docs = tree
    docs["countries/KAZ.yaml"]["observations"][1]["value"] = value
    rewrite(raw, "countries/KAZ.yaml", docs["countries/KAZ.yaml"])
    find(problems_after(raw), KAZ, PERCENT, "value", f"percentage {value} is outside 0-100")


@pytest.mark.parametrize("value", [0.0, 100.0, 0, 100])
def test_percentage_bounds_are_valid(tree, value: float) -> None:
    raw, docs = tree
    docs["countries/KAZ.yaml"]["observations"][1]["value"] = value
    rewrite(raw, "countries/KAZ.yaml", docs["countries/KAZ.yaml"])
    assert problems_of(raw) == []


@pytest.mark.parametrize("value", [1.7, -0.2])
def test_an_index_outside_the_range_its_dictionary_entry_states(tree, value: float) -> None:
    """The scale is the indicator's (data/raw/indicators.yaml): a curated EGDI obeys it as a snapshot's does."""
    raw, docs = tree
    docs["countries/KAZ.yaml"]["observations"][1] |= {"indicator": "egdi", "value": value}
    rewrite(raw, "countries/KAZ.yaml", docs["countries/KAZ.yaml"])
    msg = f"index {value} is outside 0-1 (the range of egdi in data/raw/indicators.yaml)"
    find(problems_after(raw), KAZ, PERCENT, "value", msg)


@pytest.mark.parametrize(
    ("index", "change", "message"),
    [
        (2, lambda i: i.pop("range"), "missing required field"),
        (1, lambda i: i.update(range={"min": 0, "max": 50}), "only an index or a score states a range"),
        (2, lambda i: i.update(range={"min": 1, "max": 1}), "min 1 is not below max 1"),
    ],
)
def test_an_indicator_states_a_range_if_and_only_if_it_is_an_index_or_a_score(tree, index, change, message) -> None:
    raw, docs = tree
    change(docs["indicators.yaml"]["indicators"][index])
    rewrite(raw, "indicators.yaml", docs["indicators.yaml"])
    record = docs["indicators.yaml"]["indicators"][index]["id"] + f" (indicators[{index}])"
    find(problems_after(raw), "data/raw/indicators.yaml", record, "range", message)


@pytest.mark.parametrize("value", [0, -3, 194, 1000])
def test_rank_outside_1_to_out_of(tree, value: int) -> None:
    raw, docs = tree
    docs["countries/KAZ.yaml"]["observations"][0]["value"] = value
    rewrite(raw, "countries/KAZ.yaml", docs["countries/KAZ.yaml"])
    find(problems_after(raw), KAZ, RANK, "value", f"rank {value} is outside 1-193 (out_of)")


def test_rank_without_out_of(tree) -> None:
    raw, docs = tree
    del docs["countries/KAZ.yaml"]["observations"][0]["out_of"]
    rewrite(raw, "countries/KAZ.yaml", docs["countries/KAZ.yaml"])
    find(problems_after(raw), KAZ, RANK, "out_of", "missing required field for rank indicator egdi_rank")


def test_out_of_below_one(tree) -> None:
    raw, docs = tree
    docs["countries/KAZ.yaml"]["observations"][0]["out_of"] = 0
    rewrite(raw, "countries/KAZ.yaml", docs["countries/KAZ.yaml"])
    problems = problems_after(raw)
    assert problems == [Problem(KAZ, RANK, "out_of", "expected a number of at least 1, got 0")]


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_value_not_finite(tree, value: str) -> None:
    raw, docs = tree
    text = yaml.safe_dump(docs["countries/KAZ.yaml"], sort_keys=False).replace("value: 55.5", f"value: {value}")
    rewrite(raw, "countries/KAZ.yaml", text)
    find(problems_after(raw), KAZ, PERCENT, "value", "expected a finite number")


@pytest.mark.parametrize(
    ("rel", "key", "file", "record"),
    [
        ("countries/KAZ.yaml", "events", KAZ, EVENT),
        ("context.yaml", "facts", "data/raw/context.yaml", "REG-casa (facts[0])"),
    ],
)
def test_amount_not_finite(tree, rel: str, key: str, file: str, record: str) -> None:
    """amounts.csv publishes every amount as a number: .nan is none."""
    raw, docs = tree
    docs[rel][key][0]["amounts"] = [
        {"value": 5, "unit": "USD", "what": "a grant"},
        {"value": 7, "unit": "x", "what": "y"},
    ]
    text = yaml.safe_dump(docs[rel], sort_keys=False).replace("value: 7", "value: .nan")
    rewrite(raw, rel, text)
    assert problems_after(raw) == [Problem(file, record, "amounts[1].value", "expected a finite number, got nan")]


@pytest.mark.parametrize(
    ("rel", "path", "fld", "file", "record"),
    [
        ("countries/KAZ.yaml", ("events", 0), "date", KAZ, EVENT),
        ("countries/KAZ.yaml", ("events", 0, "period"), "end", KAZ, EVENT),
        ("sources.yaml", ("sources", 0), "published", SOURCES, "src-article (sources[0])"),
        ("context.yaml", ("facts", 0), "date", "data/raw/context.yaml", "REG-casa (facts[0])"),
    ],
)
def test_impossible_date(tree, rel: str, path: tuple, fld: str, file: str, record: str) -> None:
    raw, docs = tree
    target = docs[rel]
    for key in path:
        target = target[key]
    target[fld] = "2023-02-30"
    rewrite(raw, rel, docs[rel])
    field_path = "period.end" if "period" in path else fld
    find(problems_after(raw), file, record, field_path, "2023-02-30 is not a real calendar date")


def test_leap_day_is_a_real_date(tree) -> None:
    raw, docs = tree
    docs["countries/KAZ.yaml"]["events"][0]["date"] = "2020-02-29"
    rewrite(raw, "countries/KAZ.yaml", docs["countries/KAZ.yaml"])
    assert problems_of(raw) == []


def test_date_of_wrong_form(tree) -> None:
    raw, docs = tree
    docs["sources.yaml"]["sources"][0]["published"] = "2021-3"
    rewrite(raw, "sources.yaml", docs["sources.yaml"])
    p = find(problems_after(raw), SOURCES, "src-article (sources[0])", "published", "'2021-3' has the wrong form")
    assert '"YYYY-MM-DD"' in p.message
    assert "is not valid under any of the given schemas" not in p.message


def test_duplicate_fact_id_within_a_file(tree) -> None:
    raw, docs = tree
    docs["countries/KAZ.yaml"]["events"][0]["id"] = "KAZ-egdi-rank-2020"
    docs["countries/KAZ.yaml"]["practices"][0]["evidence"] = ["KAZ-egdi-rank-2020"]
    rewrite(raw, "countries/KAZ.yaml", docs["countries/KAZ.yaml"])
    problems = problems_after(raw)
    p = find(problems, KAZ, "KAZ-egdi-rank-2020 (events[0])", "id", "duplicate fact id")
    assert f"first used in {KAZ} KAZ-egdi-rank-2020 (observations[0])" in p.message
    assert problems == [p]


def test_duplicate_fact_id_across_files(tree) -> None:
    raw, docs = tree
    docs["context.yaml"]["facts"][0]["id"] = "KAZ-strategy"
    rewrite(raw, "context.yaml", docs["context.yaml"])
    problems = problems_after(raw)
    p = find(problems, "data/raw/context.yaml", "KAZ-strategy (facts[0])", "id", "duplicate fact id")
    assert f"first used in {KAZ} KAZ-strategy (events[0])" in p.message
    assert problems == [p]


def test_a_country_fact_id_starts_with_its_code(tree) -> None:
    raw, docs = tree
    docs["countries/UZB.yaml"]["events"][0]["id"] = "KAZ-strategy-2"
    docs["countries/UZB.yaml"]["practices"][0]["evidence"] = ["KAZ-strategy-2"]
    rewrite(raw, "countries/UZB.yaml", docs["countries/UZB.yaml"])
    problems = problems_after(raw)
    find(problems, UZB, "KAZ-strategy-2 (events[0])", "id", "starting with 'UZB-'")
    find(problems, UZB, "practices[0] (public-diplomacy)", "evidence", "a fact of another country")
    assert len(problems) == 2


def test_same_observation_twice_with_different_values_in_one_file(tree) -> None:
    raw, docs = tree
    twin = {**docs["countries/KAZ.yaml"]["observations"][1], "id": "KAZ-internet-2020-again", "value": 60}
    docs["countries/KAZ.yaml"]["observations"].append(twin)
    rewrite(raw, "countries/KAZ.yaml", docs["countries/KAZ.yaml"])
    p = find(
        problems_after(raw),
        KAZ,
        "KAZ-internet-2020-again (observations[2])",
        "value",
        "KAZ/internet_users_pct/2020/src-article",
        "a different value (55.5 there, 60 here)",
    )
    assert f"already recorded in {KAZ} {PERCENT}" in p.message


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "file is empty"),
        (b"# only a comment\n", "holds no data"),
        (b"\n\n   \n", "holds no data"),
        (b"- just\n- a list\n", "expected a YAML mapping at the top, got list"),
    ],
)
def test_empty_file(tree, content: bytes, words: str) -> None:
    raw, _ = tree
    rewrite(raw, "countries/KAZ.yaml", content)
    find(problems_after(raw), KAZ, "", "", words)


def test_binary_file(tree) -> None:
    raw, _ = tree
    rewrite(raw, "countries/KAZ.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    find(problems_after(raw), KAZ, "", "", "binary", "NUL")


def test_file_not_utf8(tree) -> None:
    raw, _ = tree
    rewrite(raw, "countries/KAZ.yaml", "country:\n  name: Kazakhstan — Қазақстан\n".encode("cp1251", "replace"))
    find(problems_after(raw), KAZ, "", "", "not UTF-8")


def test_very_large_file_is_refused_unread(tree, monkeypatch: pytest.MonkeyPatch) -> None:
    raw, docs = tree
    big = raw / "countries" / "KAZ.yaml"
    line = b"# padding: a pasted dump would look like this\n"
    with big.open("wb") as fh:
        fh.write(yaml.safe_dump(docs["countries/KAZ.yaml"]).encode())
        fh.write(line * (50 * 2**20 // len(line) + 1))  # valid YAML: only the size is wrong
    assert big.stat().st_size > 50 * 2**20 > yamlio.MAX_BYTES

    read: list[Path] = []
    real_read_bytes = Path.read_bytes

    def spy(self: Path) -> bytes:
        read.append(self)
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    p = find(problems_after(raw), KAZ, "", "", "50.0 MiB", "over the 5 MiB limit")
    assert big not in read, "the oversized file must be refused by its size, before it is read or parsed"
    assert (raw / "countries" / "UZB.yaml") in read  # the spy does see the other files
    assert "refused unread" in p.message


def test_unquoted_date_stays_a_string_and_validates(tree) -> None:
    raw, docs = tree
    text = yaml.safe_dump(docs["countries/KAZ.yaml"], sort_keys=False)
    assert "date: '2017-12-01'" in text and "start: '2018'" in text
    text = text.replace("date: '2017-12-01'", "date: 2017-12-01").replace("start: '2018'", "start: 2018")
    rewrite(raw, "countries/KAZ.yaml", text)
    fb = load(raw)
    event = fb.countries["KAZ"]["events"][0]
    assert event["date"] == "2017-12-01" and type(event["date"]) is str
    assert event["period"]["start"] == 2018  # a bare year is an integer, which the schema allows
    row = next(r for r in event_rows(TidyInput(fb, ["KAZ"], Official([], []))) if r["fact_id"] == "KAZ-strategy")
    assert (row["date"], row["year"], row["period_start"]) == ("2017-12-01", 2017, "2018")


def test_unquoted_impossible_date_is_reported_not_a_parser_error(tree) -> None:
    raw, docs = tree
    text = yaml.safe_dump(docs["countries/KAZ.yaml"], sort_keys=False).replace("'2017-12-01'", "2023-02-30")
    rewrite(raw, "countries/KAZ.yaml", text)
    assert problems_after(raw) == [Problem(KAZ, EVENT, "date", "2023-02-30 is not a real calendar date")]


def test_three_faults_in_three_files_reported_in_one_run(tree) -> None:
    raw, docs = tree
    docs["countries/KAZ.yaml"]["observations"][1]["value"] = 140
    docs["countries/UZB.yaml"]["events"][0]["date"] = "2021-04-31"
    docs["sources.yaml"]["sources"][1]["kind"] = "blog"
    for rel in ("countries/KAZ.yaml", "countries/UZB.yaml", "sources.yaml"):
        rewrite(raw, rel, docs[rel])
    problems = problems_after(raw)
    assert len(problems) == 3, problems
    find(problems, KAZ, PERCENT, "value", "percentage 140 is outside 0-100")
    find(problems, UZB, "UZB-strategy (events[0])", "date", "2021-04-31 is not a real calendar date")
    find(problems, SOURCES, "src-dataset (sources[1])", "kind", "'blog' is not one of:", "official-dataset")


def run_cli(raw: Path) -> subprocess.CompletedProcess:
    from validation_helpers import run_validate

    return run_validate(raw, timeout=120)


def test_cli_prints_one_line_per_problem_and_exits_2(tree) -> None:
    raw, docs = tree
    write_snapshot(raw.parent.parent)  # the official values the quality record cites
    ok = run_cli(raw)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("ok: 2 countries")

    docs["countries/KAZ.yaml"]["observations"][0]["value"] = 250
    docs["countries/UZB.yaml"]["events"][0]["source"] = "nowhere"
    rewrite(raw, "countries/KAZ.yaml", docs["countries/KAZ.yaml"])
    rewrite(raw, "countries/UZB.yaml", docs["countries/UZB.yaml"])
    (raw / "quality.yaml").write_bytes(b"\x00")
    # The CLI names files relative to the parent of data/, as load_factbase does by default.
    expected = [str(p) for p in problems_of(raw)]
    assert len(expected) == 3

    result = run_cli(raw)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == "3 problems in the raw data:"
    assert [line.strip() for line in lines[1:]] == expected
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("country: &c {iso3: KAZ, name: Kazakhstan, region: Central Asia}\nobservations: []\nother: *c\n", "alias"),
        ("country:\n  <<: {iso3: KAZ}\n  name: Kazakhstan\n", "merge keys (<<) are not allowed"),
        ("? [a, b]\n: 1\n", "a key must be text or a number, not a list"),
    ],
)
def test_aliases_merge_keys_and_odd_keys_are_refused_in_plain_words(tree, text: str, words: str) -> None:
    raw, _ = tree
    rewrite(raw, "countries/KAZ.yaml", text)
    p = find(problems_after(raw), KAZ, "", "", words)
    assert "syntax error" not in p.message and "line" in p.message


def test_a_small_file_that_would_expand_hugely_is_refused_at_once(tree) -> None:
    raw, _ = tree
    levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefg", "bcdefgh", strict=True):
        levels.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    # Expanded, these eight lines would be 9**8 = 43 million strings: refused before expansion.
    rewrite(raw, "countries/KAZ.yaml", "\n".join(levels) + "\n")
    find(problems_after(raw), KAZ, "", "", "alias")


def test_membership_names_a_known_source_and_a_date_after_its_base(tree) -> None:
    raw, docs = tree
    doc = docs["un-membership.yaml"]
    doc["admitted"][0]["source"] = "no-such-source"
    doc["admitted"][1]["date"] = "2001-01-01"
    rewrite(raw, "un-membership.yaml", doc)
    problems = problems_after(raw)
    file = "data/raw/un-membership.yaml"
    find(problems, file, "admitted[0]", "source", "unknown source id 'no-such-source'")
    find(problems, file, "admitted[1]", "date", "after all_members_by (2002-09-27)")


def test_stated_values_name_the_file_record_and_field(tree) -> None:
    raw, _ = tree
    good = {"country": "KAZ", "indicator": "egdi", "edition": 2024, "value": 0.9, "decimals": 2}
    good |= {"source": "src-dataset", "locator": 'paragraph 2: "an EGDI score of 0.90"'}
    records = [
        good,
        {**good, "country": "UZB", "indicator": "egdi_score"},  # the schema's: not an indicator
        {**good, "country": "KGZ", "value": 0.905},  # more digits than the page writes
        {k: v for k, v in good.items() if k != "decimals"} | {"country": "TJK"},  # an index without its precision
        {**good, "country": "UKR", "source": "no-such-source"},
        {**good, "country": "XKX"},  # not a country code
        {**good, "indicator": "egdi_mean"},  # survey-wide: names no country
        {**good, "indicator": "egdi_rank", "value": 24.5, "decimals": None},  # a rank is whole; decimals unused
        dict(good),  # the same statement twice
    ]
    rewrite(raw, "stated-values.yaml", {"stated": records})
    problems = problems_after(raw)
    file = "data/raw/stated-values.yaml"
    find(problems, file, "stated[1]", "indicator", "'egdi_score' is not one of: egdi, egdi_rank")
    find(problems, file, "stated[2]", "value", "0.905 has more than the 2 decimals")
    find(problems, file, "stated[3]", "decimals", "missing: a record of egdi needs its decimals")
    find(problems, file, "stated[4]", "source", "unknown source id 'no-such-source'")
    find(problems, file, "stated[5]", "country", "unknown country code 'XKX'")
    find(problems, file, "stated[6]", "country", "not used by a record of egdi_mean")
    find(problems, file, "stated[7]", "decimals", "expected integer, got NoneType None")
    find(problems, file, "stated[7]", "value", "expected a whole number, got 24.5")
    find(problems, file, "stated[8]", "source", "the same statement as stated[0]")


# --- snapshots: a bad cell, a value out of its range or a file cut short stops validation (when
# the workflow loads, so before any job and with nothing published), naming file, row and
# column; never a traceback, never an edition without the states a file lost.

EGDI_2020 = "undesa/egdi/2020/EGOV_DATA_2020.csv"
KAZ_2020 = b'2020,"Kazakhstan ",29,0.83750,0.88100,0.92350,0.88660,0.70240\n'  # line 9 of the file


def snapshot_problems(tmp_path: Path, rel: str, old: bytes, new: bytes) -> list[str]:
    """``make validate``'s problem lines for the project with ``old`` replaced by ``new`` in one snapshot."""
    from validation_helpers import project_copy, run_validate

    def edit(data: bytes) -> bytes:
        assert data.count(old) == 1
        return data.replace(old, new)

    result = run_validate(project_copy(tmp_path, rel, edit), timeout=120)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2 and result.stdout == "", result.stdout + result.stderr
    return [line.strip() for line in result.stderr.splitlines()[1:]]


@pytest.mark.parametrize(
    ("column", "text"),
    [("E-Government Index", "n/a"), ("E-Government Index", "NaN"), ("E-Government Rank", "twenty-nine")],
)
def test_a_snapshot_cell_that_is_not_a_number_names_file_row_and_column(tmp_path, column, text) -> None:
    cells = KAZ_2020.split(b",")
    cells[{"E-Government Rank": 2, "E-Government Index": 3}[column]] = text.encode()
    problems = snapshot_problems(tmp_path, EGDI_2020, KAZ_2020, b",".join(cells))
    assert problems == [
        f"data/snapshots/{EGDI_2020}: record row 9: field {column}: {text!r} is not a number "
        "(a missing value is a blank cell)"
    ]


def test_a_snapshot_row_cut_short_names_file_row_and_first_missing_column(tmp_path) -> None:
    problems = snapshot_problems(tmp_path, EGDI_2020, KAZ_2020, KAZ_2020.replace(b",0.88660,0.70240", b""))
    assert problems == [
        f"data/snapshots/{EGDI_2020}: record row 9: field Human Capital Index: "
        "row cut short: 6 cells where the header has 8; no cell for this column and 1 more columns"
    ]


def test_an_egdi_above_1_in_a_snapshot_is_refused(tmp_path) -> None:
    problems = snapshot_problems(tmp_path, EGDI_2020, b",29,0.83750,", b",29,1.7,")
    assert problems == [
        f"data/snapshots/{EGDI_2020}: record row 9: field E-Government Index: "
        "Kazakhstan: index 1.7 is outside 0-1 (the range of egdi in data/raw/indicators.yaml)"
    ]


def test_a_snapshot_cut_to_its_header_line_is_refused_not_built_without_its_states(tmp_path) -> None:
    # The 2014 edition: no curated record cites its values, so nothing else notices their loss.
    egdi_2014 = "undesa/egdi/2014/EGOV_DATA_2014.csv"
    body = (REPO / "data" / "snapshots" / egdi_2014).read_bytes().split(b"\n", 1)[1]
    problems = snapshot_problems(tmp_path, egdi_2014, body, b"")
    assert problems == [
        f"data/snapshots/{egdi_2014}: the file holds 0 rows below its header, but its sidecar states 193 "
        "(rows): a file cut short, or a new release to vendor in a folder of its own"
    ]


# --- text of a hand-curated file: every field has a length limit, and a pasted dump is refused at once


def test_a_five_megabyte_title_is_refused_within_seconds_naming_the_field(tree) -> None:
    raw, docs = tree
    docs["countries/KAZ.yaml"]["events"][0]["title"] = "x" * 5_000_000
    rewrite(raw, "countries/KAZ.yaml", docs["countries/KAZ.yaml"])
    start = time.monotonic()
    problems = problems_of(raw)
    assert time.monotonic() - start < 10  # a generous bound: it once ran the build for over ten minutes
    p = find(problems, KAZ, EVENT, "title", "text of 5,000,000 characters", "refused")
    assert len(str(p)) < 300  # named by its length, never echoed


@pytest.mark.parametrize(
    ("rel", "path", "field", "limit"),
    [
        ("countries/KAZ.yaml", ("events", 0, "title"), "title", 500),
        ("countries/KAZ.yaml", ("observations", 1, "locator"), "locator", 500),
        ("countries/KAZ.yaml", ("events", 0, "note"), "note", 4000),
        ("sources.yaml", ("sources", 0, "reliability"), "reliability", 4000),
    ],
)
def test_text_over_its_fields_limit_is_refused_naming_the_field(tree, rel, path, field, limit) -> None:
    raw, docs = tree
    docs[rel][path[0]][path[1]][path[2]] = "y" * (limit + 1)
    rewrite(raw, rel, docs[rel])
    (p,) = problems_after(raw)
    assert (p.file, p.field) == (f"data/raw/{rel}", field)
    assert p.message == f"text of {limit + 1:,} characters, over this field's limit of {limit:,}; shorten it"


def test_every_text_field_of_every_curated_schema_has_a_length_limit() -> None:
    """What makes the limits above hold for any field: a string without a bound is an error
    here, unless its pattern or enumeration fixes its length."""
    unbounded = []

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            types = node.get("type") if isinstance(node.get("type"), list) else [node.get("type")]
            fixed = "enum" in node or "const" in node or re.fullmatch(r"\^[^*+]*\$", node.get("pattern", "*"))
            if "string" in types and "maxLength" not in node and not fixed:
                unbounded.append(where)
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}/{i}")

    for path in sorted((REPO / "workflow" / "schemas").glob("*.schema.yaml")):
        if path.name != "config.schema.yaml":  # the build's settings, not curated data
            walk(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
    assert unbounded == []
