"""The two maps: the world by the Survey's EGDI groups, and the compared countries among their neighbours.

Drawn with matplotlib alone, one Polygon patch per part of a state's outline
(``official.geometry.outlines``: Natural Earth 1:110m, Crimea within Ukraine as UN practice
holds). Plate carrée (longitude and latitude as they are): the maps show who is where and in
which group, not areas. The classes are four greys from light to dark, so they read the same
printed in black and white; an outline the Survey gives no group is hatched, never left blank.

Either map draws one edition of the Survey: the latest that has groups, or the one the
configuration names (``report.map_edition``). Every state a map fills, hatches or cannot
draw is handed to its ``Plotted`` record (the figure's CSV and the report's table of the
map's values): its EGDI, and as its mark the group it is filled with or why it is not.
"""

from __future__ import annotations

import pandas as pd
from matplotlib import patheffects
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.patches import Polygon as PolygonPatch

from ..common.errors import UserError
from .figdata import Plotted

#: The Survey's EGDI groups, low to high, each with its fill: lightness alone orders them.
CLASSES = {"Low": "#f0f0f0", "Middle": "#bdbdbd", "High": "#737373", "Very High": "#252525"}
NO_DATA = {"facecolor": "white", "hatch": "////", "edgecolor": "#969696"}
EDGE = {"edgecolor": "#ffffff", "linewidth": 0.3}
#: How a state the Survey gives no group, or one too small for the outlines, is marked in the CSV.
HATCHED, NOT_DRAWN = "no group (hatched)", "no outline at this scale (not drawn)"
#: The regional map's frame (longitude, latitude) when no compared state has an outline.
REGION = ((20.0, 95.0), (30.0, 57.0))
#: Degrees of neighbours shown around the compared states, and the frame's width over its height.
MARGIN, ASPECT = 8.0, 2.2
NOTE = "Boundaries shown imply no position on the legal status of any country, territory or area."
UNIT = "index (0-1)"


class NoGroups(UserError):
    """The edition asked for is one the Survey gives no groups in."""


def with_groups(groups: pd.DataFrame) -> list[int]:
    """The editions in which some state has a group."""
    grouped = groups[groups["group"].notna() & (groups["group"] != "")]
    return sorted(int(y) for y in grouped["year"].unique())


def edition_groups(groups: pd.DataFrame, edition: int | None = None) -> tuple[int, pd.DataFrame]:
    """(edition, one row per state with its EGDI, group and source) of ``edition``, or of the
    latest edition that has groups; NoGroups naming the editions that have them."""
    editions = with_groups(groups)
    if edition is None and editions:
        edition = editions[-1]
    if edition not in editions:
        raise NoGroups(
            f"the map's edition {edition}: the Survey gives EGDI groups only in "
            f"{', '.join(map(str, editions)) or 'no edition'} (report.map_edition in config/config.yaml)"
        )
    rows = groups[groups["year"] == edition]
    rows = rows.assign(source=rows["source"] if "source" in rows else "")[["country", "value", "group", "source"]]
    return int(edition), rows.sort_values("country").reset_index(drop=True)


def latest_groups(groups: pd.DataFrame) -> tuple[int, pd.DataFrame]:
    """(edition, one row per state with its group) of the latest edition that has groups."""
    return edition_groups(groups)


def _patches(ax, code: str, polygons, **style) -> None:
    for poly in polygons:
        for i, ring in enumerate(poly):
            # Holes (a state within a state) are drawn over by the state inside them. The label
            # (never written to the SVG) lets a test find whose outline a patch is.
            ax.add_patch(PolygonPatch(ring, closed=True, zorder=1 + i, label=f"_{code}", **style))


def _group(value: object) -> str | None:
    return value if isinstance(value, str) and value in CLASSES else None


def _fill(group: str | None) -> dict:
    if group:
        return {"facecolor": CLASSES[group], **EDGE}
    return {**NO_DATA, "linewidth": 0.3}


def _record(rec: Plotted, edition: int, rows: pd.DataFrame, codes: list[str], names: dict | None) -> None:
    """One row per state of ``codes``: its EGDI in the edition and how the map marks it (a
    territory the Survey does not cover named in ``series`` as the outlines' file names it)."""
    by_code = rows.set_index("country")
    for code in codes:
        row = by_code.loc[code] if code in by_code.index else None
        value = None if row is None else row["value"]
        group = None if row is None else _group(row["group"])
        source = "" if row is None or not isinstance(row["source"], str) else row["source"]
        series = code if row is not None else (names or {}).get(code, code)
        rec.add(series, "egdi", UNIT, edition, value, source, country=code, mark=group or HATCHED)


#: The maps' width and the height under the map for the legend and the note (inches).
WIDTH, FOOT = 7.5, 0.85
#: Where the six countries' names sit (longitude, latitude), placed by hand inside their
#: outlines at the regional map's scale; any other state is named at the middle of its largest part.
LABELS = {
    "KAZ": (67.0, 48.3),
    "KGZ": (75.6, 41.7),
    "TJK": (71.0, 38.7),
    "TKM": (59.0, 39.4),
    "UKR": (31.5, 49.2),
    "UZB": (63.2, 41.9),
}
HALO = [patheffects.withStroke(linewidth=2.2, foreground="white")]


def _canvas(xlim, ylim) -> tuple[Figure, object]:
    """A figure as wide as ``WIDTH`` whose map keeps its shape, with ``FOOT`` below it."""
    (x0, x1), (y0, y1) = xlim, ylim
    map_h = WIDTH * (y1 - y0) / (x1 - x0)
    fig = Figure(figsize=(WIDTH, map_h + FOOT))
    ax = fig.add_axes((0.0, FOOT / (map_h + FOOT), 1.0, map_h / (map_h + FOOT)))
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return fig, ax


def _legend(fig: Figure, year: int, hatched: bool, others: bool = False) -> None:
    handles = [Patch(facecolor=c, edgecolor="#525252", linewidth=0.5, label=g) for g, c in CLASSES.items()]
    if hatched:
        handles.append(Patch(label="No group (not a UN member, or not assessed)", **NO_DATA, linewidth=0.5))
    if others:
        handles.append(Patch(facecolor="#bdbdbd", edgecolor="#000000", linewidth=1.2, label="Compared in this report"))
    height = fig.get_figheight()
    fig.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, (FOOT - 0.05) / height),
        ncol=4 if len(handles) <= 4 else 3,
        frameon=False,
        fontsize=8,
        title=f"EGDI group in the UN E-Government Survey {year}",
        title_fontsize=8,
    )
    fig.text(0.5, 0.02 / height, NOTE, ha="center", va="bottom", fontsize=7, color="#444444")


def world_egdi(
    shapes: dict,
    groups: pd.DataFrame,
    rec: Plotted | None = None,
    edition: int | None = None,
    names: dict | None = None,
) -> Figure:
    """Every outline filled by its state's EGDI group in the edition; hatched without one."""
    rec = rec if rec is not None else Plotted()
    year, rows = edition_groups(groups, edition)
    by_code = {c: _group(g) for c, g in zip(rows["country"], rows["group"], strict=True)}
    fig, ax = _canvas((-180.0, 180.0), (-58.0, 84.0))
    for code in sorted(shapes):
        _patches(ax, code, shapes[code], **_fill(by_code.get(code)))
    drawn = sorted(shapes)
    _record(rec, year, rows, drawn, names)
    for code in sorted(set(rows["country"]) - set(shapes)):  # too small for 1:110m outlines
        r = rows[rows["country"] == code].iloc[0]
        rec.add(code, "egdi", UNIT, year, r["value"], r["source"], country=code, mark=NOT_DRAWN)
    _legend(fig, year, hatched=any(by_code.get(c) is None for c in drawn))
    return fig


def _bounds(polygons: list) -> tuple[float, float, float, float]:
    xs = [x for poly in polygons for x, _ in poly[0]]
    ys = [y for poly in polygons for _, y in poly[0]]
    return min(xs), max(xs), min(ys), max(ys)


def frame(shapes: dict, focus: list[str]) -> tuple[tuple[float, float], tuple[float, float]]:
    """The regional map's frame: the compared states' outlines with ``MARGIN`` degrees of
    neighbours around them, widened to ``ASPECT`` (``REGION`` if none has an outline)."""
    boxes = [_bounds(shapes[c]) for c in focus if c in shapes]
    if not boxes:
        return REGION
    x0, x1 = min(b[0] for b in boxes) - MARGIN, max(b[1] for b in boxes) + MARGIN
    y0, y1 = min(b[2] for b in boxes) - MARGIN, max(b[3] for b in boxes) + MARGIN
    if (x1 - x0) < ASPECT * (y1 - y0):
        grow = (ASPECT * (y1 - y0) - (x1 - x0)) / 2
        x0, x1 = x0 - grow, x1 + grow
    else:
        grow = ((x1 - x0) / ASPECT - (y1 - y0)) / 2
        y0, y1 = y0 - grow, y1 + grow
    return (max(x0, -180.0), min(x1, 180.0)), (max(y0, -90.0), min(y1, 90.0))


def _overlaps(polygons: list, box) -> bool:
    (x0, x1), (y0, y1) = box
    bx0, bx1, by0, by1 = _bounds(polygons)
    return bx0 < x1 and bx1 > x0 and by0 < y1 and by1 > y0


def region(
    shapes: dict,
    focus: dict[str, str],
    groups: pd.DataFrame,
    rec: Plotted | None = None,
    edition: int | None = None,
    names: dict | None = None,
) -> Figure:
    """The compared states among their neighbours, every state filled by its EGDI group, the
    compared ones outlined in black and named."""
    rec = rec if rec is not None else Plotted()
    year, rows = edition_groups(groups, edition)
    by_code = {c: _group(g) for c, g in zip(rows["country"], rows["group"], strict=True)}
    box = frame(shapes, list(focus))
    shown = [c for c in sorted(shapes) if _overlaps(shapes[c], box)]
    fig, ax = _canvas(*box)
    for code in shown:
        _patches(ax, code, shapes[code], **_fill(by_code.get(code)))
    # The compared states' outlines again, above their neighbours' edges: black on a white
    # casing, so the outline shows on the darkest fill as on the lightest.
    for code in shown:
        if code in focus:
            for poly in shapes[code]:
                for colour, width, z in (("#ffffff", 2.6, 4), ("#000000", 1.1, 5)):
                    outline = PolygonPatch(poly[0], closed=True, fill=False, edgecolor=colour, lw=width, zorder=z)
                    ax.add_patch(outline)
    for code, name in sorted(focus.items()):
        if code not in shapes:
            continue
        x, y = LABELS.get(code) or _label_point(shapes[code])
        # Dark ink on a white halo: readable on every grey of the classes.
        ax.text(x, y, name, ha="center", va="center", fontsize=8, color="black", zorder=6, path_effects=HALO)
    _record(rec, year, rows, shown, names)
    for code in sorted(c for c in focus if c not in shapes):
        r = rows[rows["country"] == code]
        value, source = (None, "") if r.empty else (r["value"].iloc[0], r["source"].iloc[0])
        rec.add(code, "egdi", UNIT, year, value, source, country=code, mark=NOT_DRAWN)
    _legend(fig, year, hatched=any(by_code.get(c) is None for c in shown), others=True)
    return fig


def _label_point(polygons: list) -> tuple[float, float]:
    """The middle of the bounding box of a state's largest part (by number of points)."""
    ring = max((poly[0] for poly in polygons), key=len)
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def values_table(shapes: dict, groups: pd.DataFrame, edition: int | None = None) -> pd.DataFrame:
    """What the world map shows, one row per state of the Survey: its EGDI, group and whether it is drawn."""
    year, rows = edition_groups(groups, edition)
    out = rows.assign(edition=year, drawn=rows["country"].isin(shapes))
    return out[["country", "edition", "value", "group", "drawn"]]
