"""The map outlines (official/geometry.py): Crimea within Ukraine, and a damaged file refused by name."""

from __future__ import annotations

import hashlib
import json
import shutil
from itertools import pairwise
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SNAPSHOTS
from digidip.official import extract, geometry, snapshots
from digidip.official.factbase import dictionary, names
from digidip.official.layouts import LayoutError

DATASET = SNAPSHOTS / "naturalearth" / "admin0-countries-110m"
FILE = "v5.0/ne_110m_admin_0_countries.geojson"
CRIMEA = (34.1, 44.95)
RAW = ROOT / "data" / "raw"


def _snap(folder: Path = DATASET, base: Path = ROOT) -> snapshots.Snapshot:
    snaps, problems = snapshots.read_dataset(folder, base)
    assert problems == [] and len(snaps) == 1
    return snaps[0]


@pytest.fixture(scope="module")
def shapes():
    return geometry.outlines(_snap())


def test_crimea_lies_in_ukraine_and_in_no_other_state(shapes):
    assert geometry.states_at(shapes, CRIMEA) == ["UKR"]


def test_the_file_itself_draws_crimea_otherwise():
    # Why the rule exists: Natural Earth draws de facto control; if a release drew Crimea
    # within Ukraine already, UN_PRACTICE would stop the build and ask for a look.
    assert geometry.states_at(geometry.check(_snap()), CRIMEA) == ["RUS"]


@pytest.mark.parametrize(
    "point, code",
    [
        ((30.52, 50.45), "UKR"),  # Kyiv
        ((37.62, 55.75), "RUS"),  # Moscow
        ((71.43, 51.13), "KAZ"),  # Astana
        ((74.59, 42.87), "KGZ"),  # Bishkek
        ((68.78, 38.56), "TJK"),  # Dushanbe
        ((58.38, 37.95), "TKM"),  # Ashgabat
        ((69.24, 41.30), "UZB"),  # Tashkent
        ((31.58, 4.85), "SSD"),  # Juba: Natural Earth's code is SDS (geometry.ISO_CODES)
    ],
)
def test_capitals_lie_in_their_state_only(shapes, point, code):
    assert geometry.states_at(shapes, point) == [code]


def test_the_rule_moves_one_part_and_keeps_every_other(shapes):
    # As the file draws them, each filed under the code the tables use (South Sudan's SDS as SSD).
    drawn = {geometry.ISO_CODES.get(k, k): v for k, v in geometry.check(_snap()).items()}
    assert len(shapes["RUS"]) == len(drawn["RUS"]) - 1
    moved = [p for p in drawn["RUS"] if geometry.contains(p, CRIMEA)]
    assert len(moved) == 1
    # Ukraine is drawn as the union of its part and the moved one: the same area, in one piece.
    assert area(shapes["UKR"]) == pytest.approx(area(drawn["UKR"]) + area(moved), rel=1e-12)
    assert {k: v for k, v in shapes.items() if k not in ("RUS", "UKR")} == {
        k: v for k, v in drawn.items() if k not in ("RUS", "UKR")
    }


def area(polys: list[geometry.Polygon]) -> float:
    """Shoelace area (square degrees) of the polygons, holes taken out."""

    def ring(r):
        return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairwise(r))) / 2

    return sum(ring(p[0]) - sum(ring(h) for h in p[1:]) for p in polys)


def test_no_line_is_drawn_where_crimea_meets_the_mainland(shapes):
    """Crimea joins the mainland at the Perekop isthmus: as two outlines, the map would draw a
    line there as it draws a border. Ukraine's outline is one piece, holding Kyiv and Crimea."""
    (kyiv_part,) = [p for p in shapes["UKR"] if geometry.contains(p, (30.52, 50.45))]
    assert geometry.contains(kyiv_part, CRIMEA)
    assert len(shapes["UKR"]) == 1


def _edited(tmp_path: Path, edit) -> list[snapshots.Snapshot]:
    root = tmp_path / "naturalearth" / "admin0-countries-110m"
    shutil.copytree(DATASET, root)
    path = root / FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    sidecar = path.with_name(path.name + ".meta.yaml")
    meta = yaml.safe_load(sidecar.read_text())
    meta.update(sha256=hashlib.sha256(path.read_bytes()).hexdigest(), bytes=path.stat().st_size)
    sidecar.write_text(yaml.safe_dump(meta, sort_keys=False, allow_unicode=True))
    snaps, problems = snapshots.read_dataset(root, tmp_path)
    assert problems == []
    return snaps


def _problems(snaps) -> list[str]:
    with pytest.raises(LayoutError) as err:
        extract.extract_dataset(snaps, names(RAW, ROOT), dictionary(RAW, ROOT))
    return [str(p) for p in err.value.problems]


def _feature(data: dict, code: str) -> dict:
    return next(f for f in data["features"] if f["properties"]["ADM0_A3"] == code)


def test_a_missing_feature_is_refused(tmp_path):
    found = _problems(_edited(tmp_path, lambda d: d["features"].pop()))
    assert any("176 features" in p and "177" in p and FILE.split("/")[1] in p for p in found), found


def test_an_open_ring_is_refused_naming_the_feature(tmp_path):
    def edit(data):
        _feature(data, "KGZ")["geometry"]["coordinates"][0].pop()

    found = _problems(_edited(tmp_path, edit))
    assert any("(KGZ)" in p and "does not close" in p for p in found), found


def test_a_bad_code_is_refused(tmp_path):
    def edit(data):
        _feature(data, "TJK")["properties"]["ADM0_A3"] = "-99"

    found = _problems(_edited(tmp_path, edit))
    assert any("ADM0_A3" in p and "'-99'" in p for p in found), found


def test_a_release_drawing_crimea_otherwise_stops_the_build(tmp_path):
    def edit(data):  # a file whose Russia has no part at the point
        rus = _feature(data, "RUS")["geometry"]
        rus["coordinates"] = [p for p in rus["coordinates"] if not geometry.contains(p, CRIMEA)]

    found = _problems(_edited(tmp_path, edit))
    assert any("UN_PRACTICE" in p and "RUS" in p for p in found), found


def test_territories_no_table_names_are_named_as_the_file_names_them():
    names = geometry.names(_snap())
    assert names["KOS"] == "Kosovo" and names["SSD"] == "S. Sudan" and "SDS" not in names
