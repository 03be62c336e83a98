"""The comparative figures. Each drawer takes the tidy tables and returns an SVG.

Computing lives in ``comparison``; this module only draws, so a colour change never
recomputes a table. Past ``top_n`` countries, line and timeline figures draw the ``top_n``
with most data and the report's tables carry the rest, so the figures stay legible.
"""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np

from ..official.egdi import PLACEHOLDERS
from ..tidy.read import Tables
from . import comparison, maps, palette, plotting, world_figures
from .comparison import FIRST_EGDI_EDITION
from .figdata import Plotted
from .figspecs import TIMELINE_CATEGORIES


def _chosen(t: Tables, top_n: int, indicator: str) -> list[str]:
    """Countries to draw: all, or the ``top_n`` with most observations of ``indicator``."""
    countries = list(t.countries["country"])
    if len(countries) <= top_n:
        return countries
    counts = t.observations[t.observations["indicator"] == indicator].groupby("country").size()
    return sorted(sorted(countries, key=lambda c: (-counts.get(c, 0), c))[:top_n])


def draw_egdi_rank(t: Tables, top_n: int, rec: Plotted) -> plt.Figure:
    series = comparison.rank_series(t)
    countries = _chosen(t, top_n, "egdi_rank")
    colours = palette.colour_map(countries)
    names = {c: plotting.plain(n) for c, n in zip(t.countries["country"], t.countries["name"], strict=True)}
    fig, ax = plt.subplots(figsize=(7.2, 4.2))
    readiness = series[series["year"] < FIRST_EGDI_EDITION]["year"]
    if not readiness.empty:  # the yearly editions, before the ones ranks are compared from
        ax.axvspan(readiness.min() - 0.5, readiness.max() + 0.5, color="#eeeeee", lw=0, zorder=0)
    ends = []
    for iso3 in countries:
        s = series[series["country"] == iso3]
        ok = s[~s["flag"].isin(PLACEHOLDERS)]
        na = s[s["flag"].isin(PLACEHOLDERS)]
        ax.plot(ok["year"], ok["value"], marker="o", ms=3.5, lw=1.6, color=colours[iso3], label=names[iso3])
        rec.many(iso3, "egdi_rank", "rank", ok["year"], ok["value"], ok["source"], country=iso3)
        if not na.empty:
            ax.scatter(na["year"], na["value"], marker="x", s=36, color=colours[iso3], zorder=3)
            rec.many(iso3, "egdi_rank", "rank", na["year"], na["value"], na["source"], country=iso3, mark="placeholder")
        if not ok.empty:
            ends.append((float(ok["value"].iloc[-1]), names[iso3], colours[iso3]))
    if not series.empty:
        ax.set_xticks(sorted(series["year"].unique()))
        ax.tick_params(axis="x", labelrotation=45)
    ax.invert_yaxis()
    ax.set_ylabel("Rank among UN member states (1 = best)")
    ax.set_xlabel("Survey edition")
    plotting.label_ends(ax, ends)
    return fig


def draw_internet_use(t: Tables, top_n: int, rec: Plotted) -> plt.Figure:
    obs = t.observations
    net = obs[(obs["indicator"] == "internet_users_pct") & obs["source"].isin(t.official_sources())]
    countries = _chosen(t, top_n, "internet_users_pct")
    colours = palette.colour_map(countries)
    names = {c: plotting.plain(n) for c, n in zip(t.countries["country"], t.countries["name"], strict=True)}
    fig, ax = plt.subplots(figsize=(7.2, 4.0))
    ends = []
    for iso3 in countries:
        mine = net[net["country"] == iso3].sort_values("year")
        s = plotting.yearly(mine)
        ax.plot(s.index, s.values, lw=1.6, color=colours[iso3], label=names[iso3])
        rec.many(
            iso3, "internet_users_pct", "% of population", mine["year"], mine["value"], mine["source"], country=iso3
        )
        if not mine.empty:
            ends.append((float(mine["value"].iloc[-1]), names[iso3], colours[iso3]))
    article = obs[
        (obs["indicator"] == "internet_users_pct")
        & ~obs["source"].isin(t.official_sources())
        & obs["country"].isin(countries)
    ]
    if not article.empty:
        stated = ax.scatter(
            article["year"],
            article["value"],
            marker="D",
            s=28,
            facecolors="none",
            edgecolors="#333333",
            zorder=3,
            label="Value stated in an article",
        )
        for _, r in article.iterrows():
            rec.add(
                r["country"],
                "internet_users_pct",
                "% of population",
                r["year"],
                r["value"],
                r["source"],
                country=r["country"],
                mark="stated in an article",
            )
        ax.legend([stated], [stated.get_label()], loc="upper left", frameon=False)  # the lines: named at their ends
    ax.set_ylim(0, 100)
    ax.set_ylabel("% of population")
    ax.set_xlabel("Year")
    plotting.label_ends(ax, ends)
    return fig


def draw_timeline(t: Tables, top_n: int, rec: Plotted) -> plt.Figure:
    ev = t.events[t.events["category"].isin(TIMELINE_CATEGORIES) & t.events["shown"] & ~t.events["planned"]]
    countries = list(t.countries["country"])
    if len(countries) > top_n:  # those with the most documents drawn
        counts = ev.groupby("country").size()
        countries = sorted(sorted(countries, key=lambda c: (-counts.get(c, 0), c))[:top_n])
    names = {c: plotting.plain(n) for c, n in zip(t.countries["country"], t.countries["name"], strict=True)}
    cat_colour = palette.CATEGORY_COLOURS
    fig, ax = plt.subplots(figsize=(7.2, 0.55 * max(len(countries), 3) + 1.2))
    ypos = {c: i for i, c in enumerate(reversed(countries))}

    xs: list[float] = []
    for _, e in ev[ev["country"].isin(countries)].iterrows():
        y = ypos[e["country"]]
        colour = cat_colour[e["category"]]
        if isinstance(e["period_start"], str):
            start, end = plotting.frac_year(e["period_start"]), plotting.frac_year(e["period_end"], end=True)
            # A document known only from a reference title is hatched: cited, not shown in force.
            hatch = "////" if e["cited_only"] else None
            ax.barh(y, end - start, left=start, height=0.36, color=colour, alpha=0.35, edgecolor=colour, hatch=hatch)
            xs += [start, end]
            period = f"{e['period_start']}/{e['period_end']}"
            rec.add(
                e["country"], e["category"], "period", period, None, e["source"], country=e["country"], mark="period"
            )
        x = plotting.point_year(e["date"])
        rec.add(
            e["country"], e["category"], "date", e["date"], None, e["source"], country=e["country"], mark=e["dating"]
        )
        xs.append(x)
        plotting.mark_date(ax, x, y, e["dating"], colour)
    ax.set_yticks(list(ypos.values()), [names[c] for c in ypos])
    if xs:
        plotting.year_axis(ax, min(xs), max(xs))
    handles = [plt.Rectangle((0, 0), 1, 1, color=c, alpha=0.6) for c in cat_colour.values()]
    marks, labels = plotting.dating_handles()
    if ev["cited_only"].any():
        marks.append(plt.Rectangle((0, 0), 1, 1, facecolor="white", edgecolor="#444444", hatch="////"))
        labels.append("known only from a reference title")
    ax.legend(
        handles + marks,
        list(cat_colour) + labels,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12),
        ncol=4,
        frameon=False,
    )
    ax.set_xlabel("Year")
    ax.grid(axis="y", visible=False)
    return fig


def _cell_text(strong: int, weak: int) -> str:
    """A cell of the goals matrix: the strong facts, the weak ones in brackets ("1 (+2)")."""
    if not strong and not weak:
        return "–"
    if not weak:
        return str(strong)
    return f"({weak})" if not strong else f"{strong} (+{weak})"


def draw_goals_matrix(t: Tables, top_n: int, rec: Plotted) -> plt.Figure:
    """Colour and number count the strong evidence; weak evidence is in brackets, and a
    cell resting on it alone is hatched, so coverage by weak sources never reads as practice."""
    strong, weak = comparison.goal_matrix(t, "strong"), comparison.goal_matrix(t, "weak")
    if len(strong.columns) > top_n:
        total = strong + weak
        keep = sorted(sorted(strong.columns, key=lambda c: (-int(total[c].sum()), c))[:top_n])
        strong, weak = strong[keep], weak[keep]
    labels = {g: plotting.plain(label) for g, label in zip(t.goals["id"], t.goals["label"], strict=True)}
    names = {c: plotting.plain(n) for c, n in zip(t.countries["country"], t.countries["name"], strict=True)}
    fig, ax = plt.subplots(figsize=(1.1 * max(len(strong.columns), 3) + 2.6, 0.42 * len(strong.index) + 1.6))
    data = strong.to_numpy(dtype=float)
    vmax = max(float(data.max()) if data.size else 1.0, 1.0)
    ax.imshow(data, cmap="Blues", vmin=0, vmax=vmax, aspect="auto")
    light = weak.to_numpy(dtype=float)
    for (i, j), v in np.ndenumerate(data):
        if not v and light[i, j]:
            ax.add_patch(plt.Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, hatch="///", edgecolor="#999999", lw=0))
        text = _cell_text(int(v), int(light[i, j]))
        goal, iso3 = strong.index[i], strong.columns[j]
        rec.add(iso3, goal, "facts", "", int(v), "", country=iso3, mark="strong evidence")
        rec.add(iso3, goal, "facts", "", int(light[i, j]), "", country=iso3, mark="weak evidence")
        ax.text(j, i, text, ha="center", va="center", color="white" if v > vmax * 0.6 else "#222222")
    ax.set_xticks(range(len(strong.columns)), [names[c] for c in strong.columns], rotation=30, ha="right")
    ax.set_yticks(range(len(strong.index)), [labels[g] for g in strong.index])
    ax.grid(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    if light.any():
        hatch = plt.Rectangle((0, 0), 1, 1, facecolor="white", edgecolor="#999999", hatch="///")
        ax.legend(
            [hatch],
            ["weak evidence alone (in brackets: weak facts)"],
            loc="upper center",
            bbox_to_anchor=(0.5, -0.28),
            frameon=False,
            fontsize=8,
        )
    return fig


DRAWERS = {
    "egdi_rank": draw_egdi_rank,
    "internet_use": draw_internet_use,
    "timeline": draw_timeline,
    "goals_matrix": draw_goals_matrix,
    **world_figures.DRAWERS,
}


@dataclass(frozen=True)
class MapInput:
    """What the maps draw besides the tables: the outlines and the Survey's edition (None: the latest with groups)."""

    shapes: dict
    edition: int | None = None
    #: The names the outlines' file gives (a territory that is not a UN member has no other).
    names: dict | None = None


def map_input(snap, edition: int | None) -> MapInput:
    """What the maps draw from the outlines' snapshot (official/geometry.py), for ``edition``."""
    from ..official import geometry

    return MapInput(geometry.outlines(snap), edition, geometry.names(snap))


def draw_egdi_map(t: Tables, m: MapInput, rec: Plotted) -> plt.Figure:
    return maps.world_egdi(m.shapes, t.egdi_groups, rec, m.edition, m.names)


def draw_region_map(t: Tables, m: MapInput, rec: Plotted) -> plt.Figure:
    names = {c: plotting.plain(n) for c, n in zip(t.countries["country"], t.countries["name"], strict=True)}
    return maps.region(m.shapes, names, t.egdi_groups, rec, m.edition, m.names)


#: The maps' drawers (figspecs.MAPS): they take the outlines in place of ``top_n``.
MAP_DRAWERS = {"egdi_map": draw_egdi_map, "region_map": draw_region_map}


def _drawn(name: str, t: Tables, top_n: int, rec: Plotted, outlines: MapInput | None) -> plt.Figure:
    if name in MAP_DRAWERS:
        if outlines is None:
            raise ValueError(f"figure {name} is a map: it needs the country outlines")
        return MAP_DRAWERS[name](t, outlines, rec)
    return DRAWERS[name](t, top_n, rec)


def draw(name: str, t: Tables, top_n: int, outlines: MapInput | None = None) -> bytes:
    """One registered figure as SVG for the screen."""
    plotting.setup()
    return plotting.to_svg(_drawn(name, t, top_n, Plotted(), outlines))


def draw_figure(name: str, t: Tables, top_n: int, outlines: MapInput | None = None) -> tuple[plt.Figure, Plotted]:
    """One registered figure, left open, and the record of what it draws (for the tests)."""
    plotting.setup()
    rec = Plotted()
    return _drawn(name, t, top_n, rec, outlines), rec


def draw_both(name: str, t: Tables, top_n: int, outlines: MapInput | None = None) -> tuple[bytes, bytes, Plotted]:
    """One registered figure as SVG for the screen and for print (plotting.to_svgs), and the
    record of what it draws."""
    fig, rec = draw_figure(name, t, top_n, outlines)
    return (*plotting.to_svgs(fig), rec)
