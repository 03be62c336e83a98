"""What the comparative report says: one serialisable object, computed from the tidy tables.

Everything the report states — which countries, which values with which facts and sources,
the findings of the summary, the standing among the UN members, the tables of the appendices,
each figure's caption, alternative text and sources, the quality record, the edition's date
and input hash — is decided here, once. ``render/`` only writes it: the HTML through the
Jinja2 templates, the PDF from that HTML through Typst. The object holds only JSON types
(``to_json`` writes it beside the report, to be read or tested on its own), so nothing a
writer receives can carry logic of its own.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd

from ..common import provenance
from ..official import egdi_groups
from ..official.egdi import PLACEHOLDERS, REASONS
from ..tidy.read import Tables
from . import captions, comparison, discussion, evidence, figdata, findings, gci, reading, standing, surveys
from .changed import what_changed
from .copies import official_copies, stated_values
from .figspecs import MAPS, SPECS, TIMELINE_CATEGORIES

#: The source record of the country outlines the maps are drawn on.
OUTLINES = "naturalearth-admin0-110m"


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
        cells = {(r["country"], int(r["year"])): r | {"placeholder": r["flag"] in PLACEHOLDERS} for r in _records(sel)}
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
                "placeholders": [REASONS[f] for f in sorted({r["flag"] for r in cells.values()} & PLACEHOLDERS)],
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
        # The maps: the Survey's file each group comes from, and the outlines they are drawn on.
        **{name: sorted(set(t.egdi_groups["source"].dropna()) | {OUTLINES}) for name in MAPS},
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
    table = standing.standing(t)
    rows = table["rows"]
    kinds = dict(zip(t.indicators["indicator"], t.indicators["kind"], strict=True))
    medians = {}
    for ind, _ in standing.STANDING_INDICATORS:
        peers = [r["cells"][ind]["peers"].get("world_median") for r in rows if r["cells"][ind]]
        year = table["years"][ind]["year"]
        # One median row only where every country is compared in the same year.
        medians[ind] = {**peers[0], "year": year, "kind": kinds[ind]} if year is not None and peers[0] else None
    return {
        "indicators": standing.STANDING_INDICATORS,
        "standing": rows,
        "years": table["years"],
        "medians": medians,
        "above_q3": standing.above_upper_quartile(t),
        "weakest": standing.weakest_components(t),
        "peers": standing.peer_table(t),
        "unclassified": standing.unclassified(t),
        "groups_from": egdi_groups.FIRST_EDITION,
    }


def goal_counts(t: Tables) -> dict:
    """Goals x countries: how many facts document each goal, strong and weak apart (the data
    behind the goals figure)."""
    strong, weak = comparison.goal_matrix(t, "strong"), comparison.goal_matrix(t, "weak")
    return {
        "countries": list(strong.columns),
        "rows": [
            {
                "goal": g,
                "counts": [{"strong": int(strong.loc[g, c]), "weak": int(weak.loc[g, c])} for c in strong.columns],
            }
            for g in strong.index
        ],
    }


def figures(t: Tables, facts: dict[str, dict], world: dict, maps: dict | None = None) -> dict[str, dict]:
    """Each comparative figure: its number, caption (with what the data add to it:
    ``captions``), alternative text and the sources it draws on."""
    sources = figure_sources(t, facts)
    names = dict(zip(t.countries["country"], t.countries["name"], strict=True))
    notes = {"egdi_components": captions.component_notes(t, world["weakest"], names)}
    for name, m in (maps or {}).items():
        if m["edition"] is not None:
            notes[name] = f"Edition shown: {m['edition']}."
    return {
        name: {
            "n": i,
            "name": name,
            "caption": f"{spec.caption} {notes[name]}" if name in notes else spec.caption,
            "alt": spec.alt,
            "sources": sources[name],
        }
        for i, (name, spec) in enumerate(SPECS.items(), start=1)
    }


def coverage(t: Tables, compared: Tables, profiled: list[str]) -> dict:
    """How many countries the report compares and profiles, and a row for each other one."""
    everyone = list(t.countries["country"])
    return {
        "compared": len(compared.countries),
        "profiled": len(everyone),
        "others": comparison.compact_rows(t, [c for c in everyone if c not in profiled]),
        "compact_headers": [h for _, h in comparison.COMPACT_INDICATORS],
    }


def placeholders(t: Tables) -> list[dict]:
    """Which placeholders the survey files hold for the UN members' EGDI, in which editions."""
    obs = t.world_observations
    sel = obs[(obs["indicator"] == "egdi") & obs["flag"].isin(PLACEHOLDERS)]
    return [
        {
            "flag": flag,
            "reason": REASONS[flag],
            "years": sorted(int(y) for y in group["year"].unique()),
            "countries": sorted(group["country"].unique()),
        }
        for flag, group in sorted(sel.groupby("flag"))
    ]


def survey_editions(t: Tables) -> list[int]:
    """The UN E-Government Survey's editions the files hold (every member's EGDI rank)."""
    obs = t.world_observations
    return sorted(int(y) for y in obs.loc[obs["indicator"] == "egdi_rank", "year"].unique())


def article_sources(t: Tables) -> list[str]:
    """The texts the practices rest on: the sources of the facts the coded practices cite and
    of the frameworks they are coded against, in the bibliography's order (not the pages that
    only date a fact or state a number, nor the records of UN membership)."""
    source = dict(zip(t.events["fact_id"], t.events["source"], strict=True))
    source |= dict(zip(t.context["fact_id"], t.context["source"], strict=True))
    cited = {source[f] for refs in t.practices["evidence"] for f in refs if f in source}
    cited |= {s for refs in t.frameworks["source"] for s in refs}
    return [s for s in t.sources["source"] if s in cited - t.official_sources()]


def readings(t: Tables, f: dict, world: dict, kinds: dict[str, int]) -> dict:
    """The generated prose: the sentences that open sections 3.1 and 3.2, the Discussion's
    paragraphs and the Conclusion (analysis/reading.py, analysis/discussion.py)."""
    ev = evidence.practice_evidence(t)
    return {
        "comparison": reading.comparison_reading(t, f, ev),
        "world": reading.world_reading(t, world),
        "discussion": discussion.discussion(t, f, ev, kinds),
        "conclusion": discussion.conclusion(f, ev, len(t.countries)),
    }


def report_content(
    t: Tables,
    title: str,
    root: Path,
    profiled: list[str],
    focus: list[str] | None = None,
    maps: dict[str, list[dict]] | None = None,
) -> dict:
    """The report comparing the ``focus`` countries (default: every one profiled), with full
    profiles of ``profiled`` and a compact row for each other country; ``maps``: the rows each
    map's CSV holds (its table of values)."""
    c = t.focused(focus)
    mapped = figdata.map_tables(dict(zip(t.world["country"], t.world["name"], strict=True)), maps or {})
    facts = fact_index(c)
    official = sorted(c.official_sources())
    sources = _records(c.sources)
    articles = article_sources(c)
    article_facts = sorted(
        (f for f in facts.values() if f["source"] not in official),
        key=lambda f: (f.get("country") or "~", f["kind"], f["fact_id"]),
    )
    # The edition is dated by the newest input it uses: a source record or a publisher's file.
    dates = [s["published"] for s in sources if s["published"]] + list(c.snapshots["published"].dropna())
    world = world_context(c)
    key = comparison.key_table(c)
    f = findings.findings(c)
    kinds = c.sources[c.sources["source"].isin(articles)]["kind"].value_counts().sort_index().to_dict()
    content = {
        "title": title,
        "countries": _records(c.countries),
        "profiled": list(profiled),
        "key": key,
        "key_headers": comparison.KEY_INDICATORS,
        "key_years_differ": [
            {**d, "compared": d["indicator"] in dict(standing.STANDING_INDICATORS)}
            for d in comparison.years_differ(key)
        ],
        "f": f,
        "changed": what_changed(c, f.get("latest_moves")),
        "reading": readings(c, f, world, kinds),
        "matrix": goal_counts(c),
        "goals": _records(c.goals),
        "directions": _records(c.directions),
        "goal_labels": dict(zip(c.goals["id"], c.goals["label"], strict=True)),
        "names": dict(zip(c.countries["country"], c.countries["name"], strict=True)),
        "figs": figures(c, facts, world, mapped),
        "maps": mapped,
        "context_facts": context_facts(c),
        "quality": _records(c.quality),
        "qmap": quality_map(c),
        "qtitles": dict(zip(c.quality["issue"], c.quality["title"], strict=True)),
        "facts": facts,
        "article_facts": article_facts,
        "grids": series_grids(c),
        "sources": sources,
        "srcnum": {s["source"]: i for i, s in enumerate(sources, start=1)},
        "concept": concept(c),
        "official_sources": official,
        "article_sources": articles,
        "article_kinds": kinds,
        "source_kinds": c.sources["kind"].value_counts().sort_index().to_dict(),
        "versions": provenance.versions(),
        "input_hash": provenance.input_hash(root),
        "edition_date": provenance.edition_label(dates),
        "world": world,
        "synthetic": bool(c.countries["synthetic"].any()),
        "coverage": coverage(t, c, profiled),
        "copies": official_copies(c),
        "stated": stated_values(c),
        "placeholders": placeholders(t),
        "egdi_history": surveys.history(survey_editions(t), comparison.FIRST_EGDI_EDITION, set(c.sources["source"])),
        "gci": gci.editions(c),
    }
    return plain(content)


def plain(value: object) -> object:
    """``value`` with JSON types only: NumPy and pandas scalars as Python numbers, a missing
    value (NaN, NA) as None, tuples as lists, mapping keys as strings."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray, pd.Index)):
        return [plain(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (str, bool, int, float)):
        return value
    raise TypeError(f"the report's content holds a {type(value).__name__}, which is not plain data: {value!r}")


def to_json(content: dict) -> str:
    """The content as the file written beside the report. Keys keep their order: it is the
    order the report prints them in (figures, versions), decided here, not by the writer."""
    return json.dumps(content, indent=1, ensure_ascii=False, allow_nan=False) + "\n"
