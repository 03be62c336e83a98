"""The benchmark's synthetic fact base is valid, clearly marked, deterministic and nested."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT
from digidip.facts.yamlio import load_yaml
from digidip.official.factbase import load
from digidip.tidy.inputs import selected

sys.path.insert(0, str(ROOT / "bench"))
import synthetic
from synthetic_registries import ARTICLE, REPORT

SNAPSHOTS = ROOT / "data" / "snapshots"


@pytest.fixture(scope="module")
def raw12(tmp_path_factory):
    raw = tmp_path_factory.mktemp("synthetic") / "raw"
    codes = synthetic.generate(12, raw)
    return raw, codes


@pytest.fixture(scope="module")
def checked12(raw12, tmp_path_factory):
    raw, _ = raw12
    return load(raw, raw.parent, cache_dir=tmp_path_factory.mktemp("cache"), snapshot_root=SNAPSHOTS)


def test_validates_with_every_country_marked_synthetic(raw12, checked12):
    raw, codes = raw12
    fb, members = checked12.fb, checked12.members
    assert len(members) == 193
    assert sorted(fb.countries) == codes == selected(fb, [], members)
    for iso3, doc in fb.countries.items():
        assert doc["country"]["synthetic"] is True
        assert iso3 in members
        assert len(doc["events"]) >= 5 and doc["practices"]
    # Curated sources are synthetic; the official ones (datasets, and the records of when the
    # UN members joined) are the project's own, copied unchanged.
    project, _ = load_yaml(ROOT / "data" / "raw" / "sources.yaml")
    joined, _ = load_yaml(ROOT / "data" / "raw" / "un-membership.yaml")
    cited = {s["source"] for s in joined["basis"]["sources"]} | {a["source"] for a in joined["admitted"]}
    official = {s["id"]: s for s in project["sources"] if s["kind"] == "official-dataset" or s["id"] in cited}
    assert set(fb.sources) == {ARTICLE, REPORT, *official}
    assert all("Synthetic" in fb.sources[s]["reliability"] for s in (ARTICLE, REPORT))
    assert all(fb.sources[sid] == rec for sid, rec in official.items())
    assert len(fb.goals) == 8
    assert not (raw / "official").exists()
    assert all(p.read_text(encoding="utf-8").startswith("# SYNTHETIC") for p in raw.rglob("*.yaml"))


def test_every_country_has_official_ranks(raw12):
    """Each chosen country is ranked in the survey's latest edition, as every UN member is."""
    _, codes = raw12
    years: dict[str, set[int]] = {}
    for fid in synthetic.real_series(ROOT).values:
        iso3, indicator, year = fid.rsplit("-", 2)
        if indicator == "egdi_rank":
            years.setdefault(iso3, set()).add(int(year))
    latest = max(max(y) for y in years.values())
    assert all(latest in years.get(iso3, set()) for iso3 in codes)


def test_cited_official_ids_exist(checked12):
    """Quality issues and practices cite curated facts, or official ones the snapshots hold."""
    official = synthetic.real_series(ROOT).values
    curated = set(checked12.fb.facts_by_id())
    cited = [f for issue in checked12.fb.quality for f in issue["facts"]]
    cited += [e for doc in checked12.fb.countries.values() for p in doc["practices"] for e in p["evidence"]]
    assert all(f in curated or f in official for f in cited)
    # Every country with a disagreement note has the official value it disagrees with.
    disagreements = [q for q in checked12.fb.quality if q["kind"] == "disagreement"]
    assert disagreements
    for q in disagreements:
        assert [f for f in q["facts"] if f in official] == [f"{q['countries'][0]}-internet_users_pct-2020"]
    # Without an official value the note cites only the article's figure.
    assert synthetic._internet_issue("XYZ", set())["facts"] == ["XYZ-internet-2020-article"]


def test_deterministic_and_nested(tmp_path, raw12):
    raw, codes = raw12
    again = tmp_path / "again"
    assert synthetic.generate(12, again) == codes
    for p in raw.rglob("*.yaml"):
        assert (again / p.relative_to(raw)).read_bytes() == p.read_bytes()
    smaller = synthetic.generate(5, tmp_path / "five")
    assert set(smaller) < set(codes)
    for iso3 in smaller:
        assert (tmp_path / "five" / "countries" / f"{iso3}.yaml").read_bytes() == (
            raw / "countries" / f"{iso3}.yaml"
        ).read_bytes()


def test_refuses_impossible_sizes(tmp_path):
    with pytest.raises(ValueError):
        synthetic.generate(0, tmp_path / "none")
    with pytest.raises(ValueError):
        synthetic.generate(194, tmp_path / "too-many")
