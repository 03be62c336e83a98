"""The official-statistics stage: snapshots, extraction, the UN survey's rules, benchmarks."""

from __future__ import annotations

import csv
import hashlib
import shutil
import statistics
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT, SNAPSHOTS
from digidip.facts.problems import ValidationError
from digidip.official import benchmarks, extract, snapshots
from digidip.official.factbase import dictionary, names
from digidip.official.layouts import LayoutError

RAW = ROOT / "data" / "raw"
EDITIONS = (2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024)


@pytest.fixture(scope="module")
def datasets():
    return snapshots.load_all(SNAPSHOTS, ROOT)


@pytest.fixture(scope="module")
def official(datasets):
    better_low = {"egdi_rank"}
    return benchmarks.from_snapshots(datasets, names(RAW, ROOT), dictionary(RAW, ROOT), better_low)


@pytest.fixture(scope="module")
def by_id(official):
    return {r["fact_id"]: r for r in official.observations if r["entity_kind"] == "country"}


def egdi_file(year: int) -> list[dict]:
    with (SNAPSHOTS / f"undesa/egdi/{year}/EGOV_DATA_{year}.csv").open(encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def test_every_hand_transcribed_value_is_reproduced(by_id):
    """The 635 values once typed into data/raw/official/ come out of the publishers' files unchanged."""
    with (FIXTURES / "transcribed" / "official-values.csv").open(encoding="utf-8") as f:
        transcribed = list(csv.DictReader(f))
    assert len(transcribed) == 635
    for t in transcribed:
        got = by_id[t["fact_id"]]
        assert (got["country"], got["indicator"], got["year"]) == (t["country"], t["indicator"], int(t["year"]))
        assert got["value"] == float(t["value"]), t["fact_id"]
        assert got["out_of"] == (int(t["out_of"]) if t["out_of"] else None), t["fact_id"]
        assert (got["flag"] or "") == t["flag"] and got["source"] == t["source"], t["fact_id"]


def test_every_member_has_a_rank_in_every_edition(official, by_id):
    members = official.members()
    assert len(members) == 193
    for year in EDITIONS:
        ranked = {r["country"] for r in official.observations if r["indicator"] == "egdi_rank" and r["year"] == year}
        # Montenegro (2003-2005) and South Sudan (to 2010) were not yet members: rows without a rank.
        missing = {"MNE", "SSD"} if year <= 2005 else {"SSD"} if year <= 2010 else set()
        assert ranked == set(members) - missing, year
        assert {by_id[f"{c}-egdi_rank-{year}"]["out_of"] for c in ranked} == {len(ranked)}


def test_ranks_equal_the_publishers_files(official):
    ranks = {(r["entity_name"], r["year"]): r["value"] for r in official.observations if r["indicator"] == "egdi_rank"}
    for year in EDITIONS:
        for row in egdi_file(year):
            rank = row.get("E-Government Rank", row.get("Rank", "")).strip()
            name = row.get("Country Name", row.get("Country", "")).strip()
            assert ranks.get((name, year)) == (int(rank) if rank else None), (year, name)


def test_not_assessed_rule_flags_zero_egdi_ties_in_code(official):
    placeholders = ("not-assessed", "not-computed")
    flagged = [r for r in official.observations if r["flag"] in placeholders and r["indicator"] == "egdi_rank"]
    for r in flagged:
        same = [o for o in official.observations if o["indicator"] == "egdi_rank" and o["year"] == r["year"]]
        assert r["value"] == max(o["value"] for o in same)  # the shared bottom rank
    by_year = {y: sum(1 for r in flagged if r["year"] == y) for y in EDITIONS}
    # The tied bottom placeholders of the files (18 in 2003 ... 3 in 2012), none since 2014.
    assert by_year == {2003: 18, 2004: 13, 2005: 12, 2008: 10, 2010: 9, 2012: 3} | {y: 0 for y in EDITIONS[6:]}
    # In 2008 and 2010 all but Somalia had a real online-service score: their EGDI was not
    # computed (the human-capital index was missing), not a state left unassessed.
    computed = {y: sum(1 for r in flagged if r["year"] == y and r["flag"] == "not-computed") for y in (2008, 2010)}
    assert computed == {2008: 9, 2010: 8}
    hci = [r for r in official.observations if r["indicator"] == "hci" and r["country"] == "TJK" and r["year"] == 2003]
    assert hci and hci[0]["flag"] is None  # real statistics from elsewhere keep no flag


def test_aggregates_are_kept_apart_from_countries(official):
    kinds = {(r["entity_kind"], r["country"]) for r in official.observations}
    assert ("aggregate", "WLD") in kinds and ("aggregate", "ECS") in kinds and ("country", "WLD") not in kinds
    assert ("other", "XKX") in kinds  # Kosovo: an economy without an ISO 3166-1 code
    scopes = {r["entity_name"]: r["scope"] for r in official.observations if r["entity_kind"] == "aggregate"}
    assert scopes["World"] == "world" and scopes["Europe & Central Asia"] == "region"
    assert scopes["Upper middle income"] == "income-group" and scopes["Euro area"] == "other"


def test_world_median_of_egdi_2024_is_the_median_of_the_un_file(official):
    values = [float(r["E_Index"]) for r in egdi_file(2024)]
    assert len(values) == 193
    rows = {
        (b["scope"], b["statistic"]): b for b in official.benchmarks if (b["indicator"], b["year"]) == ("egdi", 2024)
    }
    assert rows[("world", "median")]["value"] == statistics.median(values)
    assert rows[("world", "median")]["n"] == 193
    q = statistics.quantiles(values, n=4, method="inclusive")
    assert rows[("world", "q1")]["value"] == pytest.approx(q[0]) and rows[("world", "q3")]["value"] == pytest.approx(
        q[2]
    )


def test_percentiles_put_the_best_ranked_member_at_100(official):
    pct = {
        b["group"]: b["value"]
        for b in official.benchmarks
        if (b["indicator"], b["year"], b["statistic"]) == ("egdi_rank", 2024, "percentile")
    }
    first = next(
        r["country"] for r in official.observations if (r["indicator"], r["year"], r["value"]) == ("egdi_rank", 2024, 1)
    )
    assert pct[first] == 100 and len(pct) == 193
    worst = max(
        (r for r in official.observations if (r["indicator"], r["year"]) == ("egdi_rank", 2024)),
        key=lambda r: r["value"],
    )
    assert pct[worst["country"]] == pytest.approx(100 / 193, abs=0.01)


def test_publishers_aggregates_are_labelled_as_theirs(official):
    wld = [b for b in official.benchmarks if b["group"] == "World" and b["statistic"] == "publisher-aggregate"]
    assert wld and all(b["source"] and b["fact_id"] and b["locator"] for b in wld)


# --- bad snapshots: a clear error naming the file, the row and the value


def _copy_dataset(tmp_path: Path, dataset: str) -> Path:
    root = tmp_path / "data" / "snapshots"
    shutil.copytree(SNAPSHOTS / dataset, root / dataset)
    return root


def test_a_changed_byte_stops_the_build_naming_the_file_and_both_checksums(tmp_path):
    root = _copy_dataset(tmp_path, "itu/gci")
    path = root / "itu/gci/2020/gci_2020.csv"
    meta = yaml.safe_load(path.with_name("gci_2020.csv.meta.yaml").read_text())
    path.write_bytes(path.read_bytes().replace(b"5.2", b"5.3", 1))
    with pytest.raises(ValidationError) as err:
        snapshots.load_all(root, tmp_path)
    (problem,) = err.value.problems
    assert problem.file == "data/snapshots/itu/gci/2020/gci_2020.csv"
    assert meta["sha256"] in problem.message and "no longer matches its sidecar" in problem.message
    assert hashlib.sha256(path.read_bytes()).hexdigest() in problem.message


def test_a_file_without_sidecar_is_refused(tmp_path):
    root = _copy_dataset(tmp_path, "itu/gci")
    (root / "itu/gci/2020/stray.csv").write_text("a,b\n1,2\n")
    with pytest.raises(ValidationError) as err:
        snapshots.load_all(root, tmp_path)
    assert "snapshot without a sidecar" in str(err.value) and "stray.csv" in str(err.value)


def _with_edited_egdi(tmp_path: Path, old: bytes, new: bytes) -> list:
    root = _copy_dataset(tmp_path, "undesa/egdi")
    path = root / "undesa/egdi/2020/EGOV_DATA_2020.csv"
    text = path.read_bytes().replace(old, new, 1)
    path.write_bytes(text)
    sidecar = path.with_name(path.name + ".meta.yaml")
    meta = yaml.safe_load(sidecar.read_text())
    meta.update(sha256=hashlib.sha256(text).hexdigest(), bytes=len(text))
    sidecar.write_text(yaml.safe_dump(meta, sort_keys=False))
    return snapshots.load_all(root, tmp_path)["undesa-egdi"]


def test_an_unknown_country_name_fails_naming_file_row_and_name(tmp_path):
    snaps = _with_edited_egdi(tmp_path, b'"Iceland "', b'"Atlantis "')
    with pytest.raises(LayoutError) as err:
        extract.extract_dataset(snaps, names(RAW, ROOT), dictionary(RAW, ROOT))
    (p,) = err.value.problems
    assert p.file == "data/snapshots/undesa/egdi/2020/EGOV_DATA_2020.csv" and p.record.startswith("row ")
    assert "'Atlantis'" in p.message and "country-names.yaml" in p.message


def test_two_names_for_one_country_fail_rather_than_one_silently_winning(tmp_path):
    snaps = _with_edited_egdi(tmp_path, b'"Iceland "', b'"Republic of Korea "')
    with pytest.raises(LayoutError) as err:
        extract.extract_dataset(snaps, names(RAW, ROOT), dictionary(RAW, ROOT))
    assert any("second value for KOR-egdi_rank-2020" in p.message for p in err.value.problems)
