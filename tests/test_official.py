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


# --- every layout's cells: a value that is not a number its indicator allows, a row cut short,
# a file with another number of rows than its sidecar states, each named by file, row and column


def _edited(tmp_path: Path, dataset: str, rel: str, edit) -> list[snapshots.Snapshot]:
    """``dataset``'s snapshots with ``rel`` changed by ``edit`` and its checksum updated to match."""
    root = _copy_dataset(tmp_path, dataset)
    path = root / dataset / rel
    edit(path)
    sidecar = path.with_name(path.name + ".meta.yaml")
    meta = yaml.safe_load(sidecar.read_text())
    meta.update(sha256=hashlib.sha256(path.read_bytes()).hexdigest(), bytes=path.stat().st_size)
    sidecar.write_text(yaml.safe_dump(meta, sort_keys=False, allow_unicode=True))
    snaps, problems = snapshots.read_dataset(root / dataset, tmp_path)
    assert problems == []
    return snaps


def _replace(old: str, new: str):
    def edit(path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        path.write_text(text.replace(old, new), encoding="utf-8", newline="")

    return edit


def _extraction_problems(snaps: list[snapshots.Snapshot]) -> list:
    with pytest.raises(LayoutError) as err:
        extract.extract_dataset(snaps, names(RAW, ROOT), dictionary(RAW, ROOT))
    return err.value.problems


GCI17, GCI18, GCI20 = "2017/gci.csv", "2018/gci.csv", "2020/gci_2020.csv"
OWID = "2024-06/ict-adoption-per-100-people.csv"
WDI = "v2_2160/API_IT.NET.USER.ZS_DS2_en_csv_v2_2160.csv"
WDI_META = "v2_2160/Metadata_Country_API_IT.NET.USER.ZS_DS2_en_csv_v2_2160.csv"
OWID_KAZ = "Kazakhstan,KAZ,2020,16.286213,13.806663,128.00247,85.9426"
BAD_CELLS = [
    # (dataset, file, old, new, record, column, words)
    ("undesa/egdi", "2020/EGOV_DATA_2020.csv", ",29,0.83750,", ",29,0.8375,0.1,", "row 9", "", ("9 cells",)),
    (
        "undesa/egdi",
        "2020/EGOV_DATA_2020.csv",
        ",29,0.83750,",
        ",194,0.83750,",
        "row 9",
        "E-Government Rank",
        ("rank 194 is outside 1-193 (the number of ranks the file holds for 2020)",),
    ),
    (
        "undesa/egdi",
        "2020/EGOV_DATA_2020.csv",
        ",0.88660,0.70240",
        ",-0.1,0.70240",
        "row 9",
        "Human Capital Index",
        ("index -0.1 is outside 0-1",),
    ),
    ("itu/gci", GCI17, "Kazakhstan,0.352", "Kazakhstan,35.2", "row 90", "GCI", ("index 35.2 is outside 0-1",)),
    (
        "itu/gci",
        GCI18,
        "Kazakhstan,0.778,40",
        "Kazakhstan,0.778,n/a",
        "row 43",
        "Global Rank",
        ("'n/a' is not a number",),
    ),
    (
        "itu/gci",
        GCI18,
        "Kazakhstan,0.778,40",
        "Kazakhstan,0.778,40.5",
        "row 43",
        "Global Rank",
        ("rank 40.5 is not a whole number",),
    ),
    ("itu/gci", GCI18, "Kazakhstan,0.778,40", "Kazakhstan,0.778", "row 43", "Global Rank", ("row cut short",)),
    (
        "itu/gci",
        GCI20,
        '"KAZ",2020,"gci_overall",93.15',
        '"KAZ",2020,"gci_overall",193.15',
        "row 518",
        "value",
        ("score 193.15 is outside 0-100",),
    ),
    (
        "itu/gci",
        GCI20,
        '"KAZ",2020,"gci_legal_measures",20',
        '"KAZ",2020,"gci_legal_measures",21',
        "row 519",
        "value",
        ("score 21 is outside 0-20",),
    ),
    (
        "itu/gci",
        GCI20,
        '"KAZ",2020,"gci_overall"',
        '"KAZ",n/a,"gci_overall"',
        "row 518",
        "ref_year",
        ("'n/a' is not a year",),
    ),
    (
        "owid/ict-adoption-per-100-people",
        OWID,
        OWID_KAZ,
        OWID_KAZ.replace("16.286213", "NaN"),
        "row 5924",
        "Fixed telephone subscriptions (per 100 people)",
        ("'NaN' is not a number",),
    ),
    (
        "owid/ict-adoption-per-100-people",
        OWID,
        OWID_KAZ,
        OWID_KAZ.replace("16.286213", "-3"),
        "row 5924",
        "Fixed telephone subscriptions (per 100 people)",
        ("count -3 is negative",),
    ),
    (
        "owid/ict-adoption-per-100-people",
        OWID,
        OWID_KAZ,
        OWID_KAZ.replace(",2020,", ",twenty,"),
        "row 5924",
        "Year",
        ("'twenty' is not a year",),
    ),
    (
        "worldbank/wdi-internet-users",
        WDI,
        ",0.668594,",
        ",166.8594,",
        "row 122",
        "2000",
        ("percentage 166.8594 is outside 0-100",),
    ),
    ("worldbank/wdi-internet-users", WDI, ",0.668594,", ",n/a,", "row 122", "2000", ("'n/a' is not a number",)),
    (
        "worldbank/wdi-internet-users",
        WDI_META,
        "KAZ,Europe & Central Asia,",
        "KAZ,n/a,",
        "row 132",
        "Region",
        ("'n/a' is none of the groups",),
    ),
    (
        "worldbank/wdi-internet-users",
        WDI_META,
        "KAZ,Europe & Central Asia,",
        "K/Z,Europe & Central Asia,",
        "row 132",
        "Country Code",
        ("'K/Z' is not a country code",),
    ),
    (
        "unsd/m49",
        "v10.0/all.csv",
        "KAZ,398,ISO 3166-2:KZ,Asia,Central Asia,",
        "KAZ,398,ISO 3166-2:KZ,Asia,NaN,",
        "row 117",
        "sub-region",
        ("'NaN' is none of the groups",),
    ),
    (
        "unsd/m49",
        "v10.0/all.csv",
        'KAZ,398,ISO 3166-2:KZ,Asia,Central Asia,"",142,143,""',
        "KAZ,398,ISO 3166-2:KZ,Asia",
        "row 117",
        "sub-region",
        ("row cut short",),
    ),
]


@pytest.mark.parametrize(("dataset", "rel", "old", "new", "record", "column", "words"), BAD_CELLS)
def test_a_bad_cell_of_any_layout_names_file_row_and_column(tmp_path, dataset, rel, old, new, record, column, words):
    problems = _extraction_problems(_edited(tmp_path, dataset, rel, _replace(old, new)))
    hits = [p for p in problems if (p.file, p.record, p.field) == (f"data/snapshots/{dataset}/{rel}", record, column)]
    assert len(hits) == 1 and all(w in hits[0].message for w in words), problems


@pytest.mark.parametrize(
    ("dataset", "rel"),
    [
        ("undesa/egdi", "2024/EGOV_DATA_2024.csv"),
        ("itu/gci", GCI18),
        ("itu/gci", GCI20),
        ("owid/ict-adoption-per-100-people", OWID),
        ("worldbank/wdi-internet-users", WDI),
        ("worldbank/wdi-internet-users", WDI_META),
        ("unsd/m49", "v10.0/all.csv"),
    ],
)
def test_a_file_cut_short_of_the_rows_its_sidecar_states_is_refused(tmp_path, dataset, rel):
    def drop_first_row(path: Path) -> None:
        lines = path.read_bytes().splitlines(keepends=True)
        path.write_bytes(b"".join(lines[:1] + lines[2:]))

    problems = _extraction_problems(_edited(tmp_path, dataset, rel, drop_first_row))
    stated = yaml.safe_load((SNAPSHOTS / dataset / f"{rel}.meta.yaml").read_text())["extract"]["rows"]
    assert [p.message for p in problems if p.file == f"data/snapshots/{dataset}/{rel}"] == [
        f"the file holds {stated - 1} rows below its header, but its sidecar states {stated} (rows): "
        "a file cut short, or a new release to vendor in a folder of its own"
    ]


def test_a_workbook_without_one_of_its_economies_is_refused(tmp_path):
    from openpyxl import load_workbook

    def drop_kazakhstan(path: Path) -> None:
        book = load_workbook(path)
        sheet = book["Country Analytical History"]
        sheet.delete_rows(next(r[0].row for r in sheet.iter_rows() if r[0].value == "KAZ"))
        book.save(path)

    problems = _extraction_problems(_edited(tmp_path, "worldbank/income-history", "FY26/OGHIST.xlsx", drop_kazakhstan))
    assert [p.message for p in problems] == ["the sheet holds 223 economies, but the sidecar states 224 (rows)"]


def test_values_outside_their_range_that_the_2003_file_holds_are_kept_as_listed(by_id):
    assert by_id["FSM-hci-2003"]["value"] == 1.422 and by_id["TUV-hci-2003"]["value"] == 1.03


def test_the_list_of_kept_values_cannot_go_stale(tmp_path):
    """A listed value back in range (or gone) is an error, and so is an unlisted one out of range."""
    root = _copy_dataset(tmp_path, "undesa/egdi")
    sidecar = root / "undesa/egdi/2003/EGOV_DATA_2003.csv.meta.yaml"
    text = sidecar.read_text(encoding="utf-8")
    start = text.index("    FSM-hci-2003:")
    text = (
        text[:start]
        + "    KAZ-hci-2003: no reason\n    XXX-hci-2003: no reason\n"
        + text[text.index("    TUV-hci-2003:") :]
    )
    sidecar.write_text(text, encoding="utf-8")
    snaps, found = snapshots.read_dataset(root / "undesa/egdi", tmp_path)
    assert found == []
    problems = {(p.record, p.field): p.message for p in _extraction_problems(snaps)}
    assert problems == {
        ("row 34", "Human Capital Index"): "Micronesia (Federated States of): index 1.422 is outside 0-1 "
        "(the range of hci in data/raw/indicators.yaml)",
        ("row 9", "Human Capital Index"): "0.91 lies in range, but KAZ-hci-2003 is listed under out_of_range",
        ("out_of_range", "XXX-hci-2003"): "no cell of the file holds this value",
    }


def _project_at(dest: Path) -> Path:
    """The fixture's raw data and this checkout's snapshots, as a project at ``dest`` has them."""
    shutil.copytree(FIXTURES / "mini" / "raw", dest / "data" / "raw")
    shutil.copytree(SNAPSHOTS, dest / "data" / "snapshots")
    return dest


def test_the_official_ids_cache_survives_a_moved_project_and_not_a_changed_byte(tmp_path, monkeypatch):
    """The ids the curated facts may cite are extracted once per content: a copy of the project
    elsewhere (a colleague's checkout, a test's copy) reuses them; a changed input does not."""
    from digidip.official import factbase

    def index(root: Path):
        datasets = snapshots.load_all(root / "data" / "snapshots", root)
        cache = root / ".snakemake" / "digidip" / "official-ids.json"
        return factbase.official_index(datasets, root / "data" / "raw", root, root / "data" / "snapshots", cache)

    first = _project_at(tmp_path / "here")
    ids, members = index(first)
    assert len(members) == 193 and "ISL-egdi_rank-2024" in ids
    moved = tmp_path / "elsewhere" / "copy"
    shutil.copytree(first, moved)
    monkeypatch.setattr(extract, "extract_dataset", lambda *a, **k: pytest.fail("extracted again after a move"))
    assert index(moved) == (ids, members)
    indicators = moved / "data" / "raw" / factbase.INDICATORS
    indicators.write_text(indicators.read_text(encoding="utf-8") + "# one byte more\n", encoding="utf-8")
    with pytest.raises(pytest.fail.Exception, match="extracted again"):
        index(moved)
