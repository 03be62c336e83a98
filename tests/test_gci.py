"""The ITU's Global Cybersecurity Index: every edition a copy or a page gives is carried as
indicators of its own, its values are the ones the quality record decided on, and the report
says which editions it carries, from what, and which it cannot trace."""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SNAPSHOTS, tidy_input
from digidip.analysis.content import report_content
from digidip.analysis.figspecs import SPECS
from digidip.official import extract, snapshots
from digidip.official.factbase import dictionary, names
from digidip.official.layouts import LayoutError
from digidip.render.references import read_items
from digidip.render.report import render_report
from digidip.tidy import bibliography
from digidip.tidy import tables as tidy
from digidip.tidy.read import read_tables

RAW = ROOT / "data" / "raw"
SIX = ("KAZ", "KGZ", "TJK", "TKM", "UKR", "UZB")

#: The values of the six countries in each edition's copy: where a page states one, the
#: page's value; where pages or copies disagree, the value the quality record decided on
#: (Q-GCI-2018-second-copy: Tajikistan 0.263, Uzbekistan 0.666).
COPIES = {
    "itu_gci_score_2017": {"KAZ": 0.352, "KGZ": 0.27, "TJK": 0.292, "TKM": 0.133, "UKR": 0.501, "UZB": 0.277},
    "itu_gci_score_2018": {"KAZ": 0.778, "KGZ": 0.254, "TJK": 0.263, "TKM": 0.115, "UKR": 0.661, "UZB": 0.666},
    "itu_gci_rank_2018": {"KAZ": 40, "KGZ": 111, "TJK": 107, "TKM": 143, "UKR": 54, "UZB": 52},
    "itu_gci_score": {"KAZ": 93.15, "KGZ": 49.64, "TJK": 17.1, "TKM": 14.48, "UKR": 65.93, "UZB": 71.11},
}
#: The values pages state where no copy has them (Q-GCI-2017-ranks: the Tajik pages' places;
#: Q-KAZ-gci-2020-pivot: 31st; Q-KAZ-gci-2024-score: 94.04). Ukraine's 2024 tier and score,
#: and most 2024 scores, are stated by no page: they are absent, not guessed.
PAGES = {
    "itu_gci_rank_2017": {"KAZ": 83, "KGZ": 97, "TJK": 91, "TKM": 132, "UKR": 59, "UZB": 93},
    "itu_gci_rank_2020": {"KAZ": 31, "KGZ": 92, "UZB": 70},
    "itu_gci_tier_2024": {"KAZ": 2, "KGZ": 3, "TJK": 4, "TKM": 4, "UZB": 2},
    "itu_gci_score_2024": {"KAZ": 94.04, "UZB": 89.2},
}
EDITION_OF = {"itu_gci_score": 2020} | {i: int(i[-4:]) for i in (*COPIES, *PAGES) if i[-4:].isdigit()}


@cache
def extracted() -> dict[tuple[str, str], dict]:
    snaps, problems = snapshots.read_dataset(SNAPSHOTS / "itu" / "gci", ROOT)
    assert problems == []
    rows, _ = extract.extract_dataset(snaps, names(RAW, ROOT), dictionary(RAW, ROOT))
    return {(r["country"], r["indicator"]): r for r in rows}


@cache
def stated() -> dict[tuple[str, str], dict]:
    out = {}
    for iso3 in SIX:
        doc = yaml.safe_load((RAW / "countries" / f"{iso3}.yaml").read_text(encoding="utf-8"))
        for o in doc["observations"]:
            if o["indicator"].startswith("itu_gci"):
                assert (iso3, o["indicator"]) not in out, f"two values of {o['indicator']} for {iso3}"
                out[(iso3, o["indicator"])] = o
    return out


def test_every_edition_snapshot_extracts_the_decided_values_of_the_six():
    rows = extracted()
    for indicator, values in COPIES.items():
        for iso3, value in values.items():
            r = rows[(iso3, indicator)]
            assert (r["value"], r["year"]) == (value, EDITION_OF[indicator]), r["fact_id"]


def test_the_values_no_copy_carries_are_the_pages_and_nothing_is_guessed():
    obs = stated()
    for indicator, values in PAGES.items():
        for iso3 in SIX:
            o = obs.get((iso3, indicator))
            if iso3 not in values:
                assert o is None, f"{iso3} {indicator}: no page states it, so nothing is recorded"
                continue
            assert (o["value"], o["year"]) == (values[iso3], EDITION_OF[indicator])
            assert o["source"] and o["locator"]
    assert ("UKR", "itu_gci_tier_2024") not in obs and ("UKR", "itu_gci_score_2024") not in obs


def test_each_quality_decision_names_facts_that_hold_the_decided_value():
    quality = {q["id"]: q for q in yaml.safe_load((RAW / "quality.yaml").read_text(encoding="utf-8"))["issues"]}
    values = {r["fact_id"]: r["value"] for r in extracted().values()} | {o["id"]: o["value"] for o in stated().values()}
    decided = {
        "Q-GCI-2017-ranks": {"UKR-gci-rank-2017-tjinform": 59, "KAZ-gci-rank-2017-tjinform": 83},
        "Q-GCI-2018-second-copy": {"TJK-itu_gci_score_2018-2018": 0.263, "UZB-itu_gci_score_2018-2018": 0.666},
        "Q-KAZ-gci-2020-pivot": {"KAZ-gci-rank-2020-astanatimes": 31, "KAZ-itu_gci_score-2020": 93.15},
        "Q-KAZ-gci-2024-score": {"KAZ-gci-score-2024-astanatimes": 94.04},
    }
    for issue, facts in decided.items():
        assert set(facts) <= set(quality[issue]["facts"]), issue
        assert {f: values[f] for f in facts} == facts, issue


def test_each_edition_has_indicators_of_its_own():
    """No indicator holds values of two editions, so no series, figure or change can join them."""
    indicators = {i["id"]: i for i in yaml.safe_load((RAW / "indicators.yaml").read_text())["indicators"]}
    years: dict[str, set[int]] = {}
    for (_, indicator), r in extracted().items():
        years.setdefault(indicator, set()).add(r["year"])
    for (_, indicator), o in stated().items():
        years.setdefault(indicator, set()).add(o["year"])
    assert all(len(y) == 1 for y in years.values()), years
    for indicator, (year,) in years.items():
        assert str(year) in indicators[indicator]["label"], indicator
    scales = {indicators[i]["unit"] for i in ("itu_gci_score_2017", "itu_gci_score", "itu_gci_score_2024")}
    assert scales == {"index 0-1", "score 0-100"}  # two scales, three editions: three indicators


def _named_copy(tmp_path: Path, text: bytes) -> list[snapshots.Snapshot]:
    folder = tmp_path / "itu" / "gci" / "2017"
    folder.mkdir(parents=True)
    (folder / "gci.csv").write_bytes(text)
    meta = yaml.safe_load((SNAPSHOTS / "itu/gci/2017/gci.csv.meta.yaml").read_text(encoding="utf-8"))
    meta |= {"sha256": hashlib.sha256(text).hexdigest(), "bytes": len(text)}
    (folder / "gci.csv.meta.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    snaps, problems = snapshots.read_dataset(tmp_path / "itu" / "gci", tmp_path)
    assert problems == []
    return snaps


def test_an_unknown_country_name_in_a_copy_stops_the_extraction(tmp_path):
    text = (SNAPSHOTS / "itu/gci/2017/gci.csv").read_bytes().replace(b"Swaziland,", b"Atlantis,")
    with pytest.raises(LayoutError) as err:
        extract.extract_dataset(_named_copy(tmp_path, text), names(RAW, ROOT), dictionary(RAW, ROOT))
    (problem,) = err.value.problems
    assert "'Atlantis'" in problem.message and problem.record.startswith("row ")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The tables and the report's content from the tree's raw data and snapshots (not the
    committed edition, which the lead rebuilds)."""
    out = tmp_path_factory.mktemp("tidy")
    src = tidy_input(RAW, tmp_path_factory.mktemp("cache"))
    for name, text in tidy.build_tables(src).items():
        (out / name).write_text(text, encoding="utf-8")
    (out / bibliography.CSL_JSON).write_text(bibliography.csl_json(src.fb), encoding="utf-8")
    t = read_tables(out)
    return t, report_content(t, "Test report", ROOT, list(t.countries["country"])), out


def test_the_content_names_the_editions_carried_and_the_one_not_traced(built):
    _, c, _ = built
    gci = c["gci"]
    assert gci["published"] == [2014, 2017, 2018, 2020, 2024]
    assert [e["edition"] for e in gci["carried"]] == [2017, 2018, 2020, 2024]
    assert gci["not_carried"] == [2014]
    by_year = {e["edition"]: {i["indicator"]: i for i in e["indicators"]} for e in gci["carried"]}
    assert by_year[2024]["itu_gci_tier_2024"]["missing"] == ["UKR"]
    assert by_year[2020]["itu_gci_rank_2020"]["missing"] == ["TJK", "TKM", "UKR"]
    copies = {cp["repository"] for e in gci["carried"] for p in e["parts"] for cp in p["copies"]}
    assert copies == {"jakobsk/EoC", "mpigmans/WM0824TU-group-9", "blavatnik-index/bipa2024_sourcedata"}


def test_every_gci_series_in_the_appendix_holds_one_edition(built):
    _, c, _ = built
    grids = [g for g in c["grids"] if g["indicator"].startswith("itu_gci")]
    assert {g["indicator"] for g in grids} >= {"itu_gci_score_2017", "itu_gci_score_2018", "itu_gci_score"}
    assert all(len(g["rows"]) == 1 for g in grids)


def test_the_report_names_the_editions_and_no_longer_a_single_one(built):
    _, c, out = built
    html = render_report(
        c,
        dict.fromkeys(SPECS, b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        dict.fromkeys(c["profiled"], "<p>profile</p>"),
        read_items(out / bibliography.CSL_JSON),
    )
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
    assert "single edition" not in text and "carries the 2020 edition only" not in text
    said = text.split("Editions of the cybersecurity index.")[1].split("Breaks in the series.")[0]
    assert "published 5 editions of the index (2014, 2017, 2018, 2020, 2024); this report carries 4:" in said
    for year in ("2017: score (index 0-1)", "2018: score (index 0-1), rank", "2020: score 0-100", "2024: score 0-100"):
        assert year in said
    assert "jakobsk/EoC" in said and "mpigmans/WM0824TU-group-9" in said
    assert "tier (1 highest to 5 lowest) as a page states it [" in said
    assert "no page we found states it for Ukraine" in said
    assert "Of the 2014 edition it carries nothing" in said
    assert "no table, figure or statistic of this report compares one edition with another" in said


def test_the_practices_rest_on_the_articles_alone(built):
    """The pages cited for index values or dates (and the records of UN membership) are not
    counted among the texts the practices rest on: only the sources of the facts the coded
    practices cite, and of the frameworks."""
    t, c, _ = built
    source = dict(zip(t.events["fact_id"], t.events["source"], strict=True))
    source |= dict(zip(t.context["fact_id"], t.context["source"], strict=True))
    cited = {source[f] for refs in t.practices["evidence"] for f in refs if f in source}
    cited |= {s for refs in t.frameworks["source"] for s in refs}
    assert set(c["article_sources"]) == cited - t.official_sources()
    assert "usaid-uzb-digital-ecosystem" not in c["article_sources"]  # dates a strategy, codes no practice
    assert not {"tjinform-2017-07-12-gci", "itu-cis-gci-2024", "un-press-ga-10069"} & set(c["article_sources"])
    assert sum(c["article_kinds"].values()) == len(c["article_sources"])


def test_the_snapshot_copies_are_byte_for_byte_as_their_sidecars_say():
    for year in (2017, 2018):
        path = SNAPSHOTS / f"itu/gci/{year}/gci.csv"
        meta = yaml.safe_load(path.with_name("gci.csv.meta.yaml").read_text(encoding="utf-8"))
        assert hashlib.sha256(path.read_bytes()).hexdigest() == meta["sha256"]
        assert meta["extract"]["layout"] == "named" and meta["extract"]["year"] == year
        assert "student" in meta["producer"] and meta["changes_by_copier"].startswith("Not the ITU's own file")
