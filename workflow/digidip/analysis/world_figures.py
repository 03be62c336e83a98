"""Figures that put the profiled countries among the UN member states.

Drawn from the tidy tables: every member's EGDI per edition, the benchmarks (medians and
quartiles among members, region and income-group medians) and the profiled countries'
official series. Like ``figures``, this module only draws; the numbers come from the tables.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pandas as pd

from ..official.egdi import PLACEHOLDERS
from ..tidy.read import Tables
from . import components, palette, plotting
from .comparison import FIRST_EGDI_EDITION
from .figdata import Plotted
from .standing import EGDI_COMPONENTS, GCI_PILLARS

EGDI_UNIT = "index (0-1)"
#: The components' names at their lines' ends in a panel (the legend gives them in full).
COMPONENT_SHORT = {"osi": "Online", "hci": "Human", "tii": "Telecom"}
COMPONENT_COLOURS = {"osi": "#0072B2", "hci": "#009E73", "tii": "#D55E00"}
#: The peer medians' names at their lines' ends on the internet-use panels.
PEER_SHORT = {"region": "Region", "income": "Income group"}


def _names(t: Tables) -> dict[str, str]:
    return {c: plotting.plain(n) for c, n in zip(t.world["country"], t.world["name"], strict=True)}


def _profiled(t: Tables, top_n: int) -> list[str]:
    return list(t.countries["country"])[:top_n]


def _bench(t: Tables, indicator: str, statistic: str, scope: str = "world", group: str = "World") -> pd.DataFrame:
    """A benchmark's rows by year (value and source; e.g. the world median of an indicator)."""
    b = t.benchmarks
    sel = b[
        (b["indicator"] == indicator) & (b["scope"] == scope) & (b["group"] == group) & (b["statistic"] == statistic)
    ]
    rows = sel.set_index("year")[["value", "source"]].sort_index()
    return rows.assign(source=[_ours(t, indicator, y, s) for y, s in zip(rows.index, rows["source"], strict=True)])


def _ours(t: Tables, indicator: str, year, source) -> str:
    """A benchmark's source: the publisher's for its own aggregate; for a statistic of ours,
    the sources of the members' values it is computed from (a derived value carries its inputs')."""
    if isinstance(source, str) and source:
        return source
    obs = t.world_observations
    used = obs[(obs["indicator"] == indicator) & (obs["year"] == year)]["source"]
    return " ".join(sorted(set(used)))


def _world(t: Tables, indicator: str, statistic: str, scope: str = "world", group: str = "World") -> pd.Series:
    """A benchmark series by year (e.g. the world median of an indicator)."""
    return _bench(t, indicator, statistic, scope, group)["value"]


def _record(rec: Plotted, series: str, indicator: str, unit: str, s: pd.Series, source, **more) -> None:
    """Record a drawn series (by year); ``source``: one id, or a series of them by year."""
    sources = source.reindex(s.index) if isinstance(source, pd.Series) else [source] * len(s)
    rec.many(series, indicator, unit, s.index, s.values, sources, **more)


def _income_medians(t: Tables, iso3: str, indicator: str) -> pd.DataFrame:
    """By year, the median of the income group the country was in that year (a gap where the
    World Bank gave it none)."""
    b = t.benchmarks
    sel = b[(b["indicator"] == indicator) & (b["scope"] == "income-group") & (b["statistic"] == "median")]
    c = t.classifications
    mine = c[(c["country"] == iso3) & (c["classification"] == "wb_income_group")]
    group_of = dict(zip(mine["year"].astype(int), mine["value"], strict=True))
    rows = sel[[group_of.get(int(y)) == g for y, g in zip(sel["year"], sel["group"], strict=True)]]
    rows = rows.set_index("year")[["value", "source"]].sort_index()
    return rows.assign(source=[_ours(t, indicator, y, s) for y, s in zip(rows.index, rows["source"], strict=True)])


def draw_egdi_world(t: Tables, top_n: int, rec: Plotted) -> plt.Figure:
    """Every member's EGDI per edition (grey), each edition's median, the profiled countries."""
    obs = t.world_observations
    egdi = obs[
        (obs["indicator"] == "egdi") & obs["source"].isin(t.official_sources()) & ~obs["flag"].isin(PLACEHOLDERS)
    ]
    years = sorted(egdi["year"].unique())
    pos = {y: i for i, y in enumerate(years)}
    fig, ax = plt.subplots(figsize=(7.2, 4.2))
    # A fixed spread by position in the edition's order: no random jitter, same bytes every build.
    order = egdi.sort_values(["year", "value", "country"]).groupby("year").cumcount()
    x = egdi["year"].map(pos) + ((order % 9) - 4) * 0.045
    ax.scatter(x, egdi["value"], s=5, color="#b8bec6", linewidths=0, label="UN member states", rasterized=True)
    for iso3, year, value, source in zip(egdi["country"], egdi["year"], egdi["value"], egdi["source"], strict=True):
        rec.add("UN member states", "egdi", EGDI_UNIT, year, value, source, country=iso3)
    median = _world(t, "egdi", "median")
    ax.hlines(
        [median.get(y) for y in years],
        [pos[y] - 0.3 for y in years],
        [pos[y] + 0.3 for y in years],
        color="#222222",
        lw=1.6,
        label="Median of the members",
        zorder=3,
    )
    _record(
        rec, "median of the members", "egdi", EGDI_UNIT, median.reindex(years), _bench(t, "egdi", "median")["source"]
    )
    countries = _profiled(t, top_n)
    colours, names = palette.colour_map(countries), _names(t)
    for iso3 in countries:
        s = egdi[egdi["country"] == iso3]
        ax.scatter(
            s["year"].map(pos),
            s["value"],
            s=26,
            color=colours[iso3],
            edgecolors="white",
            linewidths=0.6,
            label=names[iso3],
            zorder=4,
        )
        rec.many(iso3, "egdi", EGDI_UNIT, s["year"], s["value"], s["source"], country=iso3)
    ax.set_xticks(range(len(years)), [str(y) for y in years], rotation=45)
    ax.set_ylim(0, 1)
    ax.set_ylabel("EGDI (0-1, normalised within each edition)")
    ax.set_xlabel("Survey edition")
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    return fig


def _percentile_sources(t: Tables, iso3: str, indicator: str) -> pd.Series:
    b = t.benchmarks
    sel = b[(b["indicator"] == indicator) & (b["scope"] == "country") & (b["group"] == iso3)]
    return pd.Series([_ours(t, indicator, y, s) for y, s in zip(sel["year"], sel["source"], strict=True)], sel["year"])


def _panels(n: int, height: float = 1.9) -> tuple[plt.Figure, list]:
    cols = min(3, n)
    rows = math.ceil(n / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(7.2, height * rows + 0.6), sharey=True, squeeze=False)
    flat = [ax for row in axes for ax in row]
    for ax in flat[n:]:
        ax.set_visible(False)
    return fig, flat[:n]


def draw_egdi_components(t: Tables, top_n: int, rec: Plotted) -> plt.Figure:
    """Each profiled country's three EGDI components by edition as world percentiles (50: the
    members' median of that edition), each line broken where its method changed."""
    countries = _profiled(t, top_n)
    fig, axes = _panels(len(countries))
    names = _names(t)
    breaks = {ind: [b["year"] for b in components.method_breaks(t, ind)] for ind, _ in EGDI_COMPONENTS}
    editions = sorted(int(y) for y in _world(t, "egdi", "median").index)
    readiness = [y for y in editions if y < FIRST_EGDI_EDITION]
    for ax, iso3 in zip(axes, countries, strict=True):
        ends: list[tuple[float, str, str]] = []
        if readiness:  # the readiness surveys, shaded as in the rank figure
            ax.axvspan(min(readiness) - 0.5, max(readiness) + 0.5, color="#eeeeee", lw=0, zorder=0)
        ax.axhline(50, color=palette.BENCHMARK, lw=0.9, ls="--", zorder=1)
        for ind, label in EGDI_COMPONENTS:
            pct = components.percentile_series(t, iso3, ind)
            _record(rec, iso3, ind, "world percentile", pct, _percentile_sources(t, iso3, ind), country=iso3)
            if not pct.dropna().empty:
                ends.append((float(pct.dropna().iloc[-1]), COMPONENT_SHORT[ind], COMPONENT_COLOURS[ind]))
            pieces = components.segments(pct, breaks[ind])
            for i, piece in enumerate(pieces):
                ax.plot(
                    piece.index,
                    piece.values,
                    lw=1.5,
                    marker="o",
                    ms=2.5,
                    color=COMPONENT_COLOURS[ind],
                    label=label if i == 0 else None,
                )
        ax.set_title(names[iso3], fontsize=9)
        ax.set_ylim(0, 100)
        ax.tick_params(labelsize=7)
        plotting.label_ends(ax, ends, size=6.5)
    axes[0].set_ylabel("World percentile", fontsize=8)
    handles, labels = axes[0].get_legend_handles_labels()
    handles.append(plt.Line2D([], [], color=palette.BENCHMARK, ls="--", lw=0.9))
    labels.append("Median of the members in each edition (50)")
    fig.legend(handles, labels, loc="lower center", ncol=2, frameon=False, fontsize=8)
    fig.subplots_adjust(bottom=0.2, hspace=0.45, wspace=0.55)  # room for the lines' names
    return fig


#: Where a zero or a missing value is marked on a bar chart, as a share of its axis: a
#: measured zero gets a tick and a "0", a missing value the words "no data", so neither reads
#: as the other, nor as nothing.
ZERO_TEXT, MISSING_TEXT = "0", "no data"


def _pillar_bar(ax, y: float, value: float | None, height: float, colour: str) -> str:
    """One country's bar of one pillar; returns how it is marked ("", "zero" or "missing")."""
    if value is None:
        ax.text(0.15, y, MISSING_TEXT, va="center", ha="left", fontsize=6.5, color="#555555", style="italic")
        return "missing"
    ax.barh(y, value, height=height * 0.9, color=colour)
    if value == 0:  # a bar of width zero draws nothing: a tick at the axis and its value
        # A dot in the country's colour over the axis (drawn above it, unclipped), and its value.
        ax.plot([0], [y], marker="o", ms=5, mec="white", mew=0.6, color=colour, ls="", clip_on=False, zorder=5)
        ax.text(0.3, y, ZERO_TEXT, va="center", ha="left", fontsize=7, color="#222222")
        return "zero"
    return ""


def draw_gci_pillars(t: Tables, top_n: int, rec: Plotted) -> plt.Figure:
    """The five GCI 2020 pillars: each profiled country's score beside the members' median;
    a measured zero drawn as a tick labelled 0, a missing score as "no data"."""
    obs = t.observations
    countries = _profiled(t, top_n)
    colours, names = palette.colour_map(countries), _names(t)
    fig, ax = plt.subplots(figsize=(7.2, 4.4))
    height = 0.8 / max(len(countries), 1)
    for j, (ind, _label) in enumerate(GCI_PILLARS):
        for i, iso3 in enumerate(countries):
            s = obs[(obs["country"] == iso3) & (obs["indicator"] == ind)]
            value = None if s.empty else float(s["value"].iloc[0])
            mark = _pillar_bar(ax, j + (i - (len(countries) - 1) / 2) * height, value, height, colours[iso3])
            source = "" if s.empty else s["source"].iloc[0]
            rec.add(iso3, ind, "score (0-20)", 2020, value, source, country=iso3, mark=mark)
        m = _bench(t, ind, "median")
        if not m.empty:
            ax.vlines(float(m["value"].iloc[-1]), j - 0.45, j + 0.45, color=palette.BENCHMARK, lw=1.4)
            rec.add(
                "median of the members", ind, "score (0-20)", m.index[-1], m["value"].iloc[-1], m["source"].iloc[-1]
            )
    ax.set_yticks(range(len(GCI_PILLARS)), [label for _, label in GCI_PILLARS])
    ax.invert_yaxis()
    ax.set_xlim(0, 20)
    ax.set_xlabel("Pillar score (0-20)")
    ax.grid(axis="y", visible=False)
    handles = [plt.Rectangle((0, 0), 1, 1, color=colours[c]) for c in countries]
    handles.append(plt.Line2D([], [], color=palette.BENCHMARK, lw=1.4))
    labels = [names[c] for c in countries] + ["Median of the members"]
    ax.legend(handles, labels, loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    return fig


def draw_internet_peers(t: Tables, top_n: int, rec: Plotted) -> plt.Figure:
    """Each profiled country's internet use against its region's and income group's medians."""
    obs, world = t.observations, t.world.set_index("country")
    countries = _profiled(t, top_n)
    fig, axes = _panels(len(countries))
    names, unit, ind = _names(t), "% of population", "internet_users_pct"
    q1, q3 = _bench(t, ind, "q1"), _bench(t, ind, "q3")
    for ax, iso3 in zip(axes, countries, strict=True):
        ax.fill_between(
            q1.index,
            q1["value"].values,
            q3["value"].reindex(q1.index).values,
            color="#e3e6ea",
            lw=0,
            label="Middle half of the members",
        )
        _record(rec, "lower quartile of the members", ind, unit, q1["value"], q1["source"], country=iso3)
        _record(
            rec, "upper quartile of the members", ind, unit, q3["value"].reindex(q1.index), q3["source"], country=iso3
        )
        ends: list[tuple[float, str, str]] = []  # each line named at its end
        region = world.loc[iso3, "un_region"]
        m = _bench(t, ind, "median", "un-region", region) if isinstance(region, str) else _bench(t, "-", "-")
        ax.plot(m.index, m["value"].values, ls="--", lw=1.0, color="#444444", label="Median of its UN region")
        _record(rec, "median of its UN region", ind, unit, m["value"], m["source"], country=iso3)
        if not m.dropna().empty:
            ends.append((float(m["value"].dropna().iloc[-1]), PEER_SHORT["region"], "#444444"))
        m = _income_medians(t, iso3, ind)
        ax.plot(
            m.index, m["value"].values, ls=":", lw=1.0, color="#444444", label="Median of its income group that year"
        )
        _record(rec, "median of its income group that year", ind, unit, m["value"], m["source"], country=iso3)
        if not m.dropna().empty:
            ends.append((float(m["value"].dropna().iloc[-1]), PEER_SHORT["income"], "#444444"))
        s = obs[(obs["country"] == iso3) & (obs["indicator"] == ind)]
        s = s[s["source"].isin(t.official_sources())].sort_values("year")
        line = plotting.yearly(s)
        colour = palette.colour_map([iso3])[iso3]
        ax.plot(line.index, line.values, lw=1.8, color=colour, label="The country")
        rec.many(iso3, ind, unit, s["year"], s["value"], s["source"], country=iso3)
        if not s.empty:
            ends.append((float(s["value"].iloc[-1]), names[iso3], colour))
        ax.set_title(names[iso3], fontsize=9)
        ax.set_xlim(1995, max(int(q1.index.max()), 1996) if not q1.empty else 2025)
        ax.set_ylim(0, 100)
        ax.tick_params(labelsize=7)
        plotting.label_ends(ax, ends, size=6.5)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=2, frameon=False, fontsize=8)
    fig.subplots_adjust(bottom=0.2, hspace=0.45, wspace=0.7)  # room for the lines' names
    return fig


DRAWERS = {
    "egdi_world": draw_egdi_world,
    "egdi_components": draw_egdi_components,
    "gci_pillars": draw_gci_pillars,
    "internet_peers": draw_internet_peers,
}
