"""Assemble the comparative report: one self-contained HTML file (figures inline, no script).

All prose numbers come from ``findings.findings`` over the tidy tables; the template
only arranges them. Figures are embedded as data URIs with alt text and numbered captions.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from markupsafe import Markup

from ..analysis import comparison, findings, standing
from ..analysis.figspecs import SPECS, TIMELINE_CATEGORIES
from ..common import provenance
from ..tidy.read import Tables
from . import references
from .html import render, svg_data_uri
from .pages import CSP


def _records(df: pd.DataFrame) -> list[dict]:
    return [
        {k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in row.items()}
        for row in df.to_dict("records")
    ]


def _cited(rec: dict) -> str:
    return "cited by the article: " if rec.get("cited_only") else ""


def _with_unit(o: dict, unit: str) -> str:
    """A recorded value as the source has it (every digit), with its unit: "133 of 193",
    "5 % of price", "126.7 per 100 people", "0.90093 (index 0-1)"."""
    value = f"{o['value']:g}"
    if o["out_of"] is not None:
        return f"{value} of {int(o['out_of'])}"
    if unit == "rank":
        return value
    if unit.startswith(("%", "per ")) or unit.isalpha():
        return f"{value} {unit}"
    return f"{value} ({unit})"


def fact_index(t: Tables) -> dict:
    """Every fact the report can link to, for the fact appendix and the quality section."""
    facts: dict[str, dict] = {}
    names = dict(zip(t.countries["country"], t.countries["name"], strict=True))
    labels = dict(zip(t.indicators["indicator"], t.indicators["label"], strict=True))
    units = dict(zip(t.indicators["indicator"], t.indicators["unit"], strict=True))
    for o in _records(t.observations):
        value = _with_unit(o, units[o["indicator"]])
        facts[o["fact_id"]] = {
            **o,
            "kind": "observation",
            "what": f"{labels[o['indicator']]}, {o['year']}: {value}",
            "country_name": names.get(o["country"], o["country"]),
        }
    for e in _records(t.events):
        facts[e["fact_id"]] = {
            **e,
            "kind": "event",
            "what": f"{e['report_date']}: {_cited(e)}{e['report_title']}",
            "country_name": names.get(e["country"], e["country"]),
        }
    for c in _records(t.context):
        facts[c["fact_id"]] = {
            **c,
            "kind": "context",
            "what": f"{c['report_date'] or 'undated'}: {_cited(c)}{c['report_title']}",
            "country_name": ", ".join(c["actors"]),
        }
    return facts


def context_facts(t: Tables) -> list[dict]:
    """The context facts, each with its amounts from amounts.csv."""
    amounts = t.amounts_by_fact()
    return [{**c, "amounts": amounts.get(c["fact_id"], [])} for c in _records(t.context)]


def series_grids(t: Tables) -> list[dict]:
    """Official series as year x country grids (the appendix cells the figures cite): one row
    a year, one column a country, so a long series grows down the page, not off its edge."""
    official = t.official_sources()
    obs = t.observations[t.observations["source"].isin(official)]
    countries = list(t.countries["country"])
    grids = []
    for ind in sorted(obs["indicator"].unique()):
        sel = obs[obs["indicator"] == ind]
        cells = {(r["country"], int(r["year"])): r for r in _records(sel)}
        years = sorted(int(y) for y in sel["year"].unique())
        meta = t.indicators.set_index("indicator").loc[ind]
        grids.append(
            {
                "indicator": ind,
                "label": meta["label"],
                "unit": meta["unit"],
                "kind": meta["kind"],
                "countries": countries,
                "rows": [{"year": y, "cells": [cells.get((c, y)) for c in countries]} for y in years],
                "placeholders": any(r["flag"] == "not-assessed" for r in cells.values()),
                "sources": sorted(sel["source"].unique()),
            }
        )
    return grids


def figure_sources(t: Tables, facts: dict[str, dict]) -> dict[str, list[str]]:
    """The sources each comparative figure draws on, from the data it plots."""
    obs, official = t.observations, t.official_sources()

    def of(indicator: str, official_only: bool = False) -> list[str]:
        sel = obs[obs["indicator"] == indicator]
        if official_only:
            sel = sel[sel["source"].isin(official)]
        return sorted(set(sel["source"]))

    timeline = t.events[t.events["category"].isin(TIMELINE_CATEGORIES)]
    evidence = {f for ev in t.practices["evidence"] for f in ev}
    return {
        "egdi_rank": of("egdi_rank", official_only=True),
        "internet_use": of("internet_users_pct"),
        "timeline": sorted(set(timeline["source"])),
        "goals_matrix": sorted({facts[f]["source"] for f in evidence if f in facts}),
        "egdi_world": of("egdi", official_only=True),
        "egdi_components": sorted(set(of("osi", True) + of("hci", True) + of("tii", True))),
        "internet_peers": of("internet_users_pct", official_only=True),
        "gci_pillars": of("itu_gci_legal", official_only=True),
    }


def quality_map(t: Tables) -> dict[str, list[str]]:
    """Fact id -> the data-quality issues that concern it (so every citation can flag them)."""
    out: dict[str, list[str]] = {}
    for _, q in t.quality.iterrows():
        for f in q["facts"]:
            out.setdefault(f, []).append(q["issue"])
    return out


def concept(t: Tables) -> dict:
    """The working definition of digital diplomacy and the passages it rests on."""
    row = t.frameworks[t.frameworks["framework"] == "concept"].iloc[0]
    # One marker per source, in the bibliography's order, with every passage it gives:
    # "[4][5][7]", never "[7][4][5][7]".
    passages: dict[str, list[str]] = {}
    for s, loc in zip(row["source"], row["locator"], strict=True):
        passages.setdefault(s, []).append(loc)
    order = list(t.sources["source"])
    credit = t.frameworks[t.frameworks["framework"] == "credit"]
    return {
        "definition": row["definition"],
        "citations": [{"source": s, "locators": passages[s]} for s in sorted(passages, key=order.index)],
        "goals_credit": credit["definition"].iloc[0] if not credit.empty else None,
    }


def world_context(t: Tables) -> dict:
    """Where the countries stand among the UN members: the standing table and its findings."""
    rows = standing.standing(t)
    kinds = dict(zip(t.indicators["indicator"], t.indicators["kind"], strict=True))
    medians = {}
    for ind, _ in standing.STANDING_INDICATORS:
        years = {r["cells"][ind]["year"] for r in rows if r["cells"][ind]}
        peers = [r["cells"][ind]["peers"].get("world_median") for r in rows if r["cells"][ind]]
        # One median row only where every country is compared in the same year.
        medians[ind] = {**peers[0], "year": years.pop(), "kind": kinds[ind]} if len(years) == 1 and peers[0] else None
    return {
        "indicators": standing.STANDING_INDICATORS,
        "standing": rows,
        "medians": medians,
        "above_q3": standing.above_upper_quartile(t),
        "weakest": standing.weakest_components(t),
    }


def bibliography(t: Tables, csl_items: list[dict]) -> dict:
    """The list of sources: each reference as the CSL processor formats it, and what the
    style leaves out that a reader of a dataset needs (its release or edition)."""
    missing = set(t.sources["source"]) - {item["id"] for item in csl_items}
    if missing:
        raise ValueError(f"sources without a CSL item: {', '.join(sorted(missing))}")
    return {
        "references": references.format_items(csl_items),
        "releases": {item["id"]: item["version"] for item in csl_items if "version" in item},
        "citation_style": references.style_title(),
    }


def build_context(
    t: Tables, figure_svgs: dict[str, bytes], profiles: dict[str, str], root: Path, title: str, csl_items: list[dict]
) -> dict:
    facts = fact_index(t)
    article_facts = [f for f in facts.values() if f["source"] not in t.official_sources()]
    article_facts.sort(key=lambda f: (f.get("country") or "~", f["kind"], f["fact_id"]))
    figs = []
    for i, name in enumerate(SPECS, start=1):
        spec = SPECS[name]
        figs.append(
            {"n": i, "name": name, "caption": spec.caption, "alt": spec.alt, "src": svg_data_uri(figure_svgs[name])}
        )
    fig_sources = figure_sources(t, facts)
    for fig in figs:
        fig["sources"] = fig_sources[fig["name"]]
    fig_by_name = {f["name"]: f for f in figs}
    sources = _records(t.sources)
    # The edition is dated by the newest input it uses: a source record or a publisher's file.
    dates = [s["published"] for s in sources if s["published"]] + list(t.snapshots["published"].dropna())
    official = sorted(t.official_sources())
    return {
        "title": title,
        "csp": CSP,
        "t": t,
        "countries": _records(t.countries),
        "key": comparison.key_table(t),
        "key_headers": comparison.KEY_INDICATORS,
        "f": findings.findings(t),
        "matrix": comparison.goal_matrix(t),
        "goals": _records(t.goals),
        "directions": _records(t.directions),
        "goal_labels": dict(zip(t.goals["id"], t.goals["label"], strict=True)),
        "names": dict(zip(t.countries["country"], t.countries["name"], strict=True)),
        "figs": fig_by_name,
        "profiles": {k: Markup(v) for k, v in profiles.items()},  # noqa: S704 - rendered by us from escaped fragments
        "context_facts": context_facts(t),
        "quality": _records(t.quality),
        "qmap": quality_map(t),
        "qtitles": dict(zip(t.quality["issue"], t.quality["title"], strict=True)),
        "facts": facts,
        "article_facts": article_facts,
        "grids": series_grids(t),
        "sources": sources,
        "srcnum": {s["source"]: i for i, s in enumerate(sources, start=1)},
        **bibliography(t, csl_items),
        "concept": concept(t),
        "official_sources": official,
        "article_sources": [s["source"] for s in sources if s["source"] not in official],
        "source_kinds": t.sources["kind"].value_counts().sort_index().to_dict(),
        "versions": provenance.versions(),
        "input_hash": provenance.input_hash(root),
        "edition_date": provenance.edition_label(dates),
        "world": world_context(t),
        "synthetic": bool(t.countries["synthetic"].any()),
    }


def render_report(
    t: Tables,
    figure_svgs: dict[str, bytes],
    profiles: dict[str, str],
    root: Path,
    title: str,
    csl_items: list[dict],
    focus: list[str] | None = None,
) -> str:
    """The report comparing the ``focus`` countries (default: every one profiled), with the
    full ``profiles`` given and one row for each other country (``coverage``)."""
    compared = t.focused(focus)
    context = build_context(compared, figure_svgs, profiles, root, title, csl_items)
    everyone = list(t.countries["country"])
    others = [c for c in everyone if c not in profiles]
    context["coverage"] = {
        "compared": len(compared.countries),
        "profiled": len(everyone),
        "others": comparison.compact_rows(t, others),
        "compact_headers": [h for _, h in comparison.COMPACT_INDICATORS],
    }
    return render("report.html.j2", **context)


def for_print(html: str, screen: dict[str, bytes], printed: dict[str, bytes]) -> str:
    """The report with every figure swapped for its print form (same drawing, text as text)."""
    for name, svg in screen.items():
        uri = svg_data_uri(svg)
        if html.count(uri) != 1:
            raise RuntimeError(f"figure {name} is not in the report exactly once")
        html = html.replace(uri, svg_data_uri(printed[name]))
    return html
