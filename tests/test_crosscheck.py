"""Provenance as it is, and cross-checks as a stage: every official file is called a copy
with what its maker changed and how it was checked; independent copies are compared value
for value, and every difference needs a recorded decision."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from conftest import ROOT, SNAPSHOTS, pdftotext
from digidip.facts.problems import ValidationError
from digidip.official import crosscheck
from digidip.official.factbase import dictionary
from digidip.official.names import CountryNames

COPIES = ROOT / "data" / "crosscheck"
TIDY = ROOT / "data" / "tidy"


@pytest.mark.parametrize(
    "path", ["reports/report.html", "README.md", "docs/data-model.md", "docs/architecture.md", "data/raw/sources.yaml"]
)
def test_no_copy_is_called_the_publisher_s_own_file(path):
    text = (ROOT / path).read_text(encoding="utf-8")
    for phrase in ("vendored unmodified", "publishers' own data files", "publishers' own statistical files"):
        assert phrase not in text, f"{path} says {phrase!r}"


def test_the_pdf_calls_the_official_files_copies():
    text = " ".join(pdftotext(ROOT / "reports" / "report.pdf").split())
    assert "copies of the publishers' data files that other parties put in public repositories" in text
    assert "unmodified" not in text


def test_every_sidecar_says_what_the_copier_changed_and_how_it_was_checked():
    for sidecar in sorted(SNAPSHOTS.rglob("*.meta.yaml")):
        meta = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
        assert meta["changes_by_copier"] and meta["checked"], sidecar
    wdi = yaml.safe_load(next(SNAPSHOTS.rglob("API_IT.NET.USER.ZS*.meta.yaml")).read_text(encoding="utf-8"))
    assert "preamble lines" in wdi["changes_by_copier"]  # the World Bank's header lines are gone


def test_the_report_lists_each_copy_with_its_changes_and_check():
    html = (ROOT / "reports" / "report.html").read_text(encoding="utf-8")
    table = html.split('<table class="data copies">')[1].split("</table>")[0]
    snaps = pd.read_csv(TIDY / "snapshots.csv")
    assert table.count("<tr>") == len(snaps) + 1
    for copied in snaps["copied_from"]:
        assert copied in table


def test_the_agreement_table_and_the_report_agree():
    agree = pd.read_csv(TIDY / "crosscheck.csv")
    differ = pd.read_csv(TIDY / "crosscheck-differences.csv")
    quality = pd.read_csv(TIDY / "quality.csv")
    assert agree["compared"].sum() >= 6 * 6 * 193
    assert agree["differing"].sum() == len(differ)
    assert set(differ["issue"].dropna()) <= set(quality["issue"])
    html = (ROOT / "reports" / "report.html").read_text(encoding="utf-8")
    # The copies' rows (a repository), apart from the pages' (a source id: test_stated.py).
    copies = agree[agree["copy"].str.contains("/")]
    said = f"{copies['agreeing'].sum()} of {copies['compared'].sum()} values agree"
    assert said in html


def _copy_tree(tmp_path: Path) -> Path:
    root = tmp_path / "crosscheck"
    shutil.copytree(COPIES / "unu-egov" / "egdi" / "2012", root / "unu-egov" / "egdi" / "2012")
    return root


def _observations() -> list[dict]:
    from digidip.official.data import read_csv

    return read_csv(ROOT / "data" / "interim" / "official" / "undesa-egdi" / "observations.csv")


@pytest.fixture(scope="module")
def observations():
    path = ROOT / "data" / "interim" / "official" / "undesa-egdi" / "observations.csv"
    if not path.exists():  # a fresh clone: extract the 2012 edition here
        from digidip.official import extract
        from digidip.official.factbase import names
        from digidip.official.snapshots import read_dataset

        snaps, _ = read_dataset(SNAPSHOTS / "undesa" / "egdi", ROOT)
        return extract.extract_dataset(
            snaps, names(ROOT / "data" / "raw", ROOT), dictionary(ROOT / "data" / "raw", ROOT)
        )[0]
    return _observations()


def test_a_changed_value_is_a_difference_that_needs_a_decision(tmp_path, observations):
    root = _copy_tree(tmp_path)
    csv_path = root / "unu-egov/egdi/2012/egdi-2012.csv"
    lines = csv_path.read_text(encoding="utf-8").splitlines(keepends=True)
    kaz = next(i for i, line in enumerate(lines) if line.startswith("KAZ,"))
    cells = lines[kaz].split(",")
    cells[3] = "0.5"  # KAZ's EGDI
    lines[kaz] = ",".join(cells)
    csv_path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ValidationError, match="no longer matches its sidecar"):
        crosscheck.load_copies(root, tmp_path)
    sidecar = csv_path.with_name(csv_path.name + ".meta.yaml")
    meta = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    import hashlib

    data = csv_path.read_bytes()
    meta.update(sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
    sidecar.write_text(yaml.safe_dump(meta, sort_keys=False), encoding="utf-8")
    copies = crosscheck.load_copies(root, tmp_path)
    agreement, differences = crosscheck.compare(
        copies, observations, CountryNames({}), dictionary(ROOT / "data" / "raw", ROOT)
    )
    assert [d["fact_id"] for d in differences] == ["KAZ-egdi-2012"]
    assert next(a for a in agreement if a["indicator"] == "egdi")["differing"] == 1
    undecided = crosscheck.decide(differences, [])
    with pytest.raises(ValidationError, match=r"KAZ-egdi-2012.*record a decision"):
        crosscheck.require_decisions(undecided, ["KAZ", "UZB"], "data/raw/quality.yaml")
    crosscheck.require_decisions(undecided, ["UZB"], "q")  # not a profiled country: listed, no stop
    decided = crosscheck.decide(differences, [{"id": "Q-x", "facts": ["KAZ-egdi-2012"]}])
    assert decided[0]["issue"] == "Q-x"
    crosscheck.require_decisions(decided, ["KAZ"], "q")


def test_a_copy_without_its_comparison_is_refused(tmp_path):
    root = _copy_tree(tmp_path)
    sidecar = root / "unu-egov/egdi/2012/egdi-2012.csv.meta.yaml"
    meta = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    del meta["compare"]
    sidecar.write_text(yaml.safe_dump(meta, sort_keys=False), encoding="utf-8")
    with pytest.raises(ValidationError, match=re.escape("egdi-2012.csv.meta.yaml")):
        crosscheck.load_copies(root, tmp_path)


KAZ_2012 = "KAZ,Kazakhstan,38,0.68438,0.9474,0.7843100000000001,0.9133700000000001,0.35546\n"


@pytest.mark.parametrize(
    ("new", "column", "words"),
    [
        (KAZ_2012.replace(",0.68438,", ",n/a,"), "e-gov-index", "'n/a' is not a number"),
        (KAZ_2012.replace(",0.68438,", ",NaN,"), "e-gov-index", "'NaN' is not a number"),
        (KAZ_2012.replace(",38,", ",first,"), "e-gov-rank", "'first' is not a number"),
        (KAZ_2012.replace(",0.68438,", ",1.7,"), "e-gov-index", "index 1.7 is outside 0-1"),
        (KAZ_2012.replace(",0.35546", ""), "tii", "row cut short"),
        ("", "", "the file holds 192 rows below its header, but its sidecar states 193"),
    ],
)
def test_a_bad_cell_of_a_copy_names_file_row_and_column(tmp_path, new, column, words):
    """A copy is read as strictly as a snapshot: a bad cell is named, never a difference or a traceback."""
    import hashlib

    root = _copy_tree(tmp_path)
    csv_path = root / "unu-egov/egdi/2012/egdi-2012.csv"
    data = csv_path.read_text(encoding="utf-8").replace(KAZ_2012, new).encode()
    csv_path.write_bytes(data)
    sidecar = csv_path.with_name(csv_path.name + ".meta.yaml")
    meta = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    meta.update(sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
    sidecar.write_text(yaml.safe_dump(meta, sort_keys=False), encoding="utf-8")
    (copy,) = crosscheck.load_copies(root, tmp_path)
    with pytest.raises(ValidationError) as err:
        crosscheck.copy_values(copy, CountryNames({}), dictionary(ROOT / "data" / "raw", ROOT))
    (p,) = err.value.problems
    assert p.file == "crosscheck/unu-egov/egdi/2012/egdi-2012.csv" and words in p.message
    assert (p.record, p.field) == (("row 9", column) if column else ("", ""))
