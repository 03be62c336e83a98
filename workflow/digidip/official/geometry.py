"""Country outlines from a vendored GeoJSON snapshot (layout ``geometry``), as UN practice draws them.

A geometry snapshot holds no values: extraction checks its shape (a FeatureCollection of as
many features as the sidecar states, each with the code column the sidecar names and a
Polygon or MultiPolygon of closed rings of longitude and latitude) and yields no rows, so a
damaged file stops the build like any other snapshot. ``outlines`` reads it for the maps.

Natural Earth draws de facto control. The report follows the practice of the United
Nations instead: ``UN_PRACTICE`` moves each part the file gives to another state to the
state the UN recognises, found by a point inside it, and a file in which that point lies in
no part of the named state stops the build (a new release drawn differently needs a look).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import pairwise

from ..facts.problems import Problem, ValidationError
from .snapshots import Snapshot

Ring = list[tuple[float, float]]
Polygon = list[Ring]  # the exterior ring, then its holes


@dataclass(frozen=True)
class Reassign:
    """A part drawn under ``drawn_as`` that the UN holds to be part of ``un``."""

    drawn_as: str
    un: str
    point: tuple[float, float]  # (longitude, latitude) inside the part
    why: str


UN_PRACTICE = (
    Reassign(
        "RUS",
        "UKR",
        (34.1, 44.95),
        "Crimea: UN General Assembly resolution 68/262 (27 March 2014) affirms the territorial integrity "
        "of Ukraine within its internationally recognised borders",
    ),
)


#: Natural Earth's ADM0_A3 codes that are not the ISO 3166-1 code of the same UN member state:
#: each outline is filed under the code the tables use, or it would be drawn without its values.
ISO_CODES = {"SDS": "SSD"}  # South Sudan


class GeometryError(ValidationError):
    def __init__(self, problems: list[Problem]):
        super().__init__(problems, what="the snapshots")


def _ring_problem(ring: object) -> str:
    if not isinstance(ring, list) or len(ring) < 4:
        return "a ring of fewer than four points"
    for p in ring:
        if not (isinstance(p, list) and len(p) >= 2 and all(isinstance(v, (int, float)) for v in p[:2])):
            return f"a point that is not a pair of numbers: {str(p)[:40]}"
        if not (-180 <= p[0] <= 180 and -90 <= p[1] <= 90):
            return f"a point outside longitude and latitude: {p[:2]}"
    if ring[0][:2] != ring[-1][:2]:
        return "a ring that does not close (its last point is not its first)"
    return ""


def _polygons(geometry: object) -> tuple[list, str]:
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        kind = geometry.get("type") if isinstance(geometry, dict) else geometry
        return [], f"geometry {kind!r}, not a Polygon or MultiPolygon"
    coords = geometry.get("coordinates")
    polys = [coords] if geometry["type"] == "Polygon" else coords
    if not isinstance(polys, list) or not polys or not all(isinstance(p, list) and p for p in polys):
        return [], "a geometry without polygons"
    for poly in polys:
        for ring in poly:
            if why := _ring_problem(ring):
                return [], why
    return polys, ""


def _features(snap: Snapshot) -> list[dict]:
    try:
        data = json.loads(snap.path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GeometryError([Problem(snap.display, "", "", f"not GeoJSON: {exc}")]) from None
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list) or data.get("type") != "FeatureCollection":
        raise GeometryError([Problem(snap.display, "", "", "not a GeoJSON FeatureCollection")])
    if len(features) != snap.spec["rows"]:
        raise GeometryError(
            [
                Problem(
                    snap.display,
                    "",
                    "",
                    f"the file holds {len(features)} features, but its sidecar states {snap.spec['rows']} (rows)",
                )
            ]
        )
    return features


def check(snap: Snapshot) -> dict[str, list[Polygon]]:
    """Code -> polygons of every feature, as the file draws them; GeometryError naming each bad feature."""
    column = snap.spec["code"]
    out: dict[str, list[Polygon]] = {}
    problems = []
    for i, feature in enumerate(_features(snap), start=1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        code = props.get(column) if isinstance(props, dict) else None
        where = f"feature {i}" + (f" ({code})" if isinstance(code, str) else "")
        if not (isinstance(code, str) and len(code) == 3 and code.isalpha() and code.isupper()):
            problems.append(Problem(snap.display, where, column, f"code {code!r} is not three capital letters"))
            continue
        polys, why = _polygons(feature.get("geometry"))
        if why:
            problems.append(Problem(snap.display, where, "geometry", why))
        elif code in out:
            problems.append(Problem(snap.display, where, column, f"a second feature for {code}"))
        else:
            out[code] = [[[(float(x), float(y)) for x, y, *_ in ring] for ring in poly] for poly in polys]
    if problems:
        raise GeometryError(problems)
    return out


def _in_ring(ring: Ring, x: float, y: float) -> bool:
    """Even-odd rule: a ray to the east crosses the ring an odd number of times."""
    inside = False
    for (x1, y1), (x2, y2) in pairwise(ring):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def contains(poly: Polygon, point: tuple[float, float]) -> bool:
    """Whether the point lies in the polygon's exterior and in none of its holes."""
    x, y = point
    return _in_ring(poly[0], x, y) and not any(_in_ring(hole, x, y) for hole in poly[1:])


def outlines(snap: Snapshot) -> dict[str, list[Polygon]]:
    """ISO3 code -> polygons, with every part ``UN_PRACTICE`` names drawn as the state the UN
    recognises (and Natural Earth's own codes of UN members as ISO's: ``ISO_CODES``)."""
    shapes = {ISO_CODES.get(code, code): polys for code, polys in check(snap).items()}
    for rule in UN_PRACTICE:
        parts = shapes.get(rule.drawn_as, [])
        moved = [p for p in parts if contains(p, rule.point)]
        if not moved or rule.un not in shapes:
            raise GeometryError(
                [
                    Problem(
                        snap.display,
                        rule.drawn_as,
                        "geometry",
                        f"no part of {rule.drawn_as} holds {rule.point} ({rule.why.split(':')[0]}), or {rule.un} "
                        "is absent: this file draws it otherwise; check it and update UN_PRACTICE "
                        "in official/geometry.py",
                    )
                ]
            )
        shapes[rule.drawn_as] = [p for p in parts if p not in moved]
        shapes[rule.un] = merged(shapes[rule.un] + moved)
    return shapes


def merged(polys: list[Polygon]) -> list[Polygon]:
    """The union of ``polys``: a part moved to a state is joined to the part it touches, so the
    map draws no line where they meet (Crimea and the mainland at the Perekop isthmus), as it
    would a border. Outer rings counter-clockwise, holes clockwise, parts largest first."""
    from shapely import MultiPolygon, unary_union
    from shapely import Polygon as ShapelyPolygon
    from shapely.geometry.polygon import orient

    union = unary_union([ShapelyPolygon(poly[0], poly[1:]) for poly in polys])
    parts = union.geoms if isinstance(union, MultiPolygon) else [union]
    out = []
    for part in sorted(parts, key=lambda g: (-g.area, g.bounds)):
        part = orient(part)
        out.append([list(part.exterior.coords), *(list(hole.coords) for hole in part.interiors)])
    return out


def names(snap: Snapshot) -> dict[str, str]:
    """ISO3 code (as ``outlines`` files it) -> the name the file gives the state or territory
    (its NAME), for the outlines no table names: territories that are not UN members."""
    out = {}
    for feature in _features(snap):
        props = feature.get("properties") or {}
        code, name = props.get(snap.spec["code"]), props.get("NAME")
        if isinstance(code, str) and isinstance(name, str):
            out[ISO_CODES.get(code, code)] = name
    return out


def states_at(shapes: dict[str, list[Polygon]], point: tuple[float, float]) -> list[str]:
    """Every code one of whose polygons holds the point, sorted."""
    return sorted(code for code, polys in shapes.items() if any(contains(p, point) for p in polys))
