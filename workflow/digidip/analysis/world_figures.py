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
from .standing import EGDI_COMPONENTS, GCI_PILLARS

COMPONENT_COLOURS = {"osi": "#0072B2", "hci": "#009E73", "tii": "#D55E00"}


def _names(t: Tables) -> dict[str, str]:
    return {c: plotting.plain(n) for c, n in zip(t.world["country"], t.world["name"], strict=True)}


def _profiled(t: Tables, top_n: int) -> list[str]:
    return list(t.countries["country"])[:top_n]


def _world(t: Tables, indicator: str, statistic: str, scope: str = "world", group: str = "World") -> pd.Series:
    """A benchmark series by year (e.g. the world median of an indicator)."""
    b = t.benchmarks
    sel = b[
        (b["indicator"] == indicator) & (b["scope"] == scope) & (b["group"] == group) & (b["statistic"] == statistic)
    ]
    return sel.set_index("year")["value"].sort_index()


def _income_medians(t: Tables, iso3: str, indicator: str) -> pd.Series:
    """By year, the median of the income group the country was in that year (a gap where the
    World Bank gave it none)."""
    b = t.benchmarks
    sel = b[(b["indicator"] == indicator) & (b["scope"] == "income-group") & (b["statistic"] == "median")]
    c = t.classifications
    mine = c[(c["country"] == iso3) & (c["classification"] == "wb_income_group")]
    group_of = dict(zip(mine["year"].astype(int), mine["value"], strict=True))
    rows = sel[[group_of.get(int(y)) == g for y, g in zip(sel["year"], sel["group"], strict=True)]]
    return rows.set_index("year")["value"].sort_index()


def draw_egdi_world(t: Tables, top_n: int) -> plt.Figure:
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
    ax.set_xticks(range(len(years)), [str(y) for y in years], rotation=45)
    ax.set_ylim(0, 1)
    ax.set_ylabel("EGDI (0-1, normalised within each edition)")
    ax.set_xlabel("Survey edition")
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    return fig


def _panels(n: int, height: float = 1.9) -> tuple[plt.Figure, list]:
    cols = min(3, n)
    rows = math.ceil(n / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(7.2, height * rows + 0.6), sharey=True, squeeze=False)
    flat = [ax for row in axes for ax in row]
    for ax in flat[n:]:
        ax.set_visible(False)
    return fig, flat[:n]


def draw_egdi_components(t: Tables, top_n: int) -> plt.Figure:
    """Each profiled country's three EGDI components by edition as world percentiles (50: the
    members' median of that edition), each line broken where its method changed."""
    countries = _profiled(t, top_n)
    fig, axes = _panels(len(countries))
    names = _names(t)
    breaks = {ind: [b["year"] for b in components.method_breaks(t, ind)] for ind, _ in EGDI_COMPONENTS}
    editions = sorted(int(y) for y in _world(t, "egdi", "median").index)
    readiness = [y for y in editions if y < FIRST_EGDI_EDITION]
    for ax, iso3 in zip(axes, countries, strict=True):
        if readiness:  # the readiness surveys, shaded as in the rank figure
            ax.axvspan(min(readiness) - 0.5, max(readiness) + 0.5, color="#eeeeee", lw=0, zorder=0)
        ax.axhline(50, color="#222222", lw=0.9, ls="--", zorder=1)
        for ind, label in EGDI_COMPONENTS:
            pieces = components.segments(components.percentile_series(t, iso3, ind), breaks[ind])
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
    axes[0].set_ylabel("World percentile", fontsize=8)
    handles, labels = axes[0].get_legend_handles_labels()
    handles.append(plt.Line2D([], [], color="#222222", ls="--", lw=0.9))
    labels.append("Median of the members in each edition (50)")
    fig.legend(handles, labels, loc="lower center", ncol=2, frameon=False, fontsize=8)
    fig.subplots_adjust(bottom=0.2, hspace=0.45)
    return fig


def draw_gci_pillars(t: Tables, top_n: int) -> plt.Figure:
    """The five GCI 2020 pillars: each profiled country's score beside the members' median."""
    obs = t.observations
    countries = _profiled(t, top_n)
    colours, names = palette.colour_map(countries), _names(t)
    fig, ax = plt.subplots(figsize=(7.2, 4.4))
    height = 0.8 / max(len(countries), 1)
    for j, (ind, _label) in enumerate(GCI_PILLARS):
        for i, iso3 in enumerate(countries):
            s = obs[(obs["country"] == iso3) & (obs["indicator"] == ind)]
            if not s.empty:
                ax.barh(
                    j + (i - (len(countries) - 1) / 2) * height,
                    float(s["value"].iloc[0]),
                    height=height * 0.9,
                    color=colours[iso3],
                    label=names[iso3] if j == 0 else None,
                )
        m = _world(t, ind, "median")
        if not m.empty:
            ax.vlines(
                float(m.iloc[-1]),
                j - 0.45,
                j + 0.45,
                color="#222222",
                lw=1.4,
                label="Median of the members" if j == 0 else None,
            )
    ax.set_yticks(range(len(GCI_PILLARS)), [label for _, label in GCI_PILLARS])
    ax.invert_yaxis()
    ax.set_xlim(0, 20)
    ax.set_xlabel("Pillar score (0-20)")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    return fig


def draw_internet_peers(t: Tables, top_n: int) -> plt.Figure:
    """Each profiled country's internet use against its region's and income group's medians."""
    obs, world = t.observations, t.world.set_index("country")
    countries = _profiled(t, top_n)
    fig, axes = _panels(len(countries))
    names = _names(t)
    q1, q3 = _world(t, "internet_users_pct", "q1"), _world(t, "internet_users_pct", "q3")
    for ax, iso3 in zip(axes, countries, strict=True):
        ax.fill_between(
            q1.index, q1.values, q3.reindex(q1.index).values, color="#e3e6ea", lw=0, label="Middle half of the members"
        )
        region = world.loc[iso3, "un_region"]
        m = _world(t, "internet_users_pct", "median", "un-region", region) if isinstance(region, str) else pd.Series()
        ax.plot(m.index, m.values, ls="--", lw=1.0, color="#444444", label="Median of its UN region")
        m = _income_medians(t, iso3, "internet_users_pct")
        ax.plot(m.index, m.values, ls=":", lw=1.0, color="#444444", label="Median of its income group that year")
        s = obs[(obs["country"] == iso3) & (obs["indicator"] == "internet_users_pct")]
        s = plotting.yearly(s[s["source"].isin(t.official_sources())])
        ax.plot(s.index, s.values, lw=1.8, color=palette.PALETTE[0], label="The country")
        ax.set_title(names[iso3], fontsize=9)
        ax.set_xlim(1995, max(int(q1.index.max()), 1996) if not q1.empty else 2025)
        ax.set_ylim(0, 100)
        ax.tick_params(labelsize=7)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=2, frameon=False, fontsize=8)
    fig.subplots_adjust(bottom=0.2, hspace=0.45)
    return fig


DRAWERS = {
    "egdi_world": draw_egdi_world,
    "egdi_components": draw_egdi_components,
    "gci_pillars": draw_gci_pillars,
    "internet_peers": draw_internet_peers,
}
