"""The benchmark's synthetic fact base is valid, clearly marked, deterministic and nested."""

from __future__ import annotations

import sys

import pycountry
import pytest
import yaml

from conftest import ROOT
from digidip.facts.validate import load_factbase
from digidip.tidy.tables import selected

sys.path.insert(0, str(ROOT / "bench"))
import synthetic


@pytest.fixture(scope="module")
def raw12(tmp_path_factory):
    raw = tmp_path_factory.mktemp("synthetic") / "raw"
    codes = synthetic.generate(12, raw)
    return raw, codes


def test_validates_with_every_country_marked_synthetic(raw12):
    raw, codes = raw12
    fb = load_factbase(raw)
    assert sorted(fb.countries) == codes == selected(fb, [])
    for iso3, doc in fb.countries.items():
        assert doc["country"]["synthetic"] is True
        assert pycountry.countries.get(alpha_3=iso3) is not None
        assert len(doc["events"]) >= 5 and doc["practices"]
    # Official-style series for the indicators the report compares, for every country.
    indicators = {(o["country"], o["indicator"]) for o in fb.official}
    for iso3 in codes:
        for ind in ("egdi_rank", "egdi", "internet_users_pct"):
            assert (iso3, ind) in indicators
    # Its own registries, each saying it is synthetic.
    assert all("Synthetic" in s["reliability"] for s in fb.sources.values())
    assert len(fb.goals) == 8
    assert all(p.read_text(encoding="utf-8").startswith("# SYNTHETIC") for p in raw.rglob("*.yaml"))


def test_ranks_are_distinct_within_an_edition(raw12):
    raw, _ = raw12
    doc = yaml.safe_load((raw / "official" / "synthetic-egov-survey.yaml").read_text(encoding="utf-8"))
    ranks = [o for o in doc["observations"] if o["indicator"] == "egdi_rank" and o.get("flag") is None]
    for year in {o["year"] for o in ranks}:
        values = [o["value"] for o in ranks if o["year"] == year]
        assert len(values) == len(set(values))
    assert all(1 <= o["value"] <= o["out_of"] for o in ranks)


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
        synthetic.generate(10_000, tmp_path / "too-many")
