"""The two maps: the world by the Survey's EGDI groups, and Central Asia among its neighbours.

Drawn with matplotlib alone, one Polygon patch per part of a state's outline
(``official.geometry.outlines``: Natural Earth 1:110m, Crimea within Ukraine as UN practice
holds). Plate carrée (longitude and latitude as they are): the maps show who is where and in
which group, not areas. The classes are four greys from light to dark, so they read the same
printed in black and white; a state the Survey gives no group is hatched, never left blank.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.patches import Polygon as PolygonPatch

#: The Survey's EGDI groups, low to high, each with its fill: lightness alone orders them.
CLASSES = {"Low": "#f0f0f0", "Middle": "#bdbdbd", "High": "#737373", "Very High": "#252525"}
NO_DATA = {"facecolor": "white", "hatch": "////", "edgecolor": "#969696"}
EDGE = {"edgecolor": "#ffffff", "linewidth": 0.3}
#: The regional map's frame (longitude, latitude) and the states it names.
REGION = ((20.0, 95.0), (30.0, 57.0))
NOTE = "Boundaries shown imply no position on the legal status of any country, territory or area."


def latest_groups(groups: pd.DataFrame) -> tuple[int, pd.DataFrame]:
    """(edition, one row per state with its group) of the latest edition that has groups."""
    grouped = groups[groups["group"].notna() & (groups["group"] != "")]
    year = int(grouped["year"].max())
    rows = groups[groups["year"] == year][["country", "value", "group"]]
    return year, rows.sort_values("country").reset_index(drop=True)


def _patches(ax, polygons, **style) -> None:
    for poly in polygons:
        for i, ring in enumerate(poly):
            # Holes (a state within a state) are drawn over by the state inside them.
            ax.add_patch(PolygonPatch(ring, closed=True, zorder=1 + i, **style))


def _fill(group: object) -> dict:
    if isinstance(group, str) and group in CLASSES:
        return {"facecolor": CLASSES[group], **EDGE}
    return {**NO_DATA, "linewidth": 0.3}


def world_egdi(shapes: dict, groups: pd.DataFrame) -> Figure:
    """Every outline filled by its state's EGDI group in the latest edition; hatched without one."""
    year, rows = latest_groups(groups)
    by_code = dict(zip(rows["country"], rows["group"], strict=True))
    fig = Figure(figsize=(7.5, 4.0))
    ax = fig.add_axes((0.0, 0.12, 1.0, 0.86))
    for code in sorted(shapes):
        _patches(ax, shapes[code], **_fill(by_code.get(code)))
    ax.set_xlim(-180, 180)
    ax.set_ylim(-58, 84)
    ax.set_aspect("equal")
    ax.set_axis_off()
    handles = [Patch(facecolor=c, edgecolor="#525252", linewidth=0.5, label=g) for g, c in CLASSES.items()]
    handles.append(Patch(label="No group or no outline match", **NO_DATA, linewidth=0.5))
    fig.legend(handles=handles, loc="lower center", ncol=5, frameon=False, title=f"EGDI group, {year}")
    fig.text(0.99, 0.005, NOTE, ha="right", va="bottom", fontsize=6.5, color="#525252")
    return fig


def region(shapes: dict, focus: dict[str, str], groups: pd.DataFrame) -> Figure:
    """Central Asia and its neighbours: the report's states filled by their EGDI group and named."""
    year, rows = latest_groups(groups)
    by_code = dict(zip(rows["country"], rows["group"], strict=True))
    fig = Figure(figsize=(7.5, 4.6))
    ax = fig.add_axes((0.0, 0.1, 1.0, 0.88))
    for code in sorted(shapes):
        style = _fill(by_code.get(code)) if code in focus else {"facecolor": "#ffffff", "edgecolor": "#969696"}
        _patches(ax, shapes[code], **{**style, "linewidth": 0.6 if code in focus else 0.4})
    for code, name in sorted(focus.items()):
        x, y = _label_point(shapes[code])
        dark = by_code.get(code) in ("High", "Very High")
        ax.text(x, y, name, ha="center", va="center", fontsize=8, color="white" if dark else "black", zorder=5)
    (x0, x1), (y0, y1) = REGION
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    handles = [Patch(facecolor=c, edgecolor="#525252", linewidth=0.5, label=g) for g, c in CLASSES.items()]
    fig.legend(handles=handles, loc="lower center", ncol=4, frameon=False, title=f"EGDI group, {year}")
    fig.text(0.99, 0.005, NOTE, ha="right", va="bottom", fontsize=6.5, color="#525252")
    return fig


def _label_point(polygons: list) -> tuple[float, float]:
    """The middle of the bounding box of a state's largest part (by number of points)."""
    ring = max((poly[0] for poly in polygons), key=len)
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def values_table(shapes: dict, groups: pd.DataFrame) -> pd.DataFrame:
    """What the world map shows, one row per state of the Survey: its EGDI, group and whether it is drawn."""
    year, rows = latest_groups(groups)
    out = rows.assign(edition=year, drawn=rows["country"].isin(shapes))
    return out[["country", "edition", "value", "group", "drawn"]]
