"""Generate a synthetic, clearly marked raw fact base of N countries for benchmarks and tests.

Every curated fact written here is MADE UP: each country file says ``synthetic: true``, and
its events, article observations and coded practices are generated, as are the sources
they cite, the framework, the context and the quality record; each such text says it is
synthetic, and the report prints that the build holds synthetic data.

The official statistics are not generated. The countries are drawn from the UN member
states, so every one has the real official series the workflow extracts from the
project's snapshots (data/snapshots/), and sources.yaml, indicators.yaml and
country-names.yaml carry the project's own records those series need (its
``official-dataset`` sources, its indicator dictionary, its name overrides), copied
unchanged from its data/raw/. To learn the members, the official fact ids a record may
cite and the values an article figure is drawn around, the generator runs the workflow's
own extraction (``digidip.official``), so it needs ``PYTHONPATH=workflow``.

The curated density per country is of the order of the real fact base's best-documented
countries (nine events, two article observations and two to five coded practices); there
are no synthetic official observations: each country brings its real series (about 230
values per member). So build time per country here is a fair stand-in for build time per
real country.

    PYTHONPATH=workflow python bench/synthetic.py 193 /tmp/raw193   # every UN member

Generation is deterministic: a country's file depends only on the seed, its code and the
snapshots, and ``generate(n)`` picks the first ``n`` members of one fixed shuffled order,
so the 25-country base is a subset of the 50-country base, and so on.

This module draws the countries, their facts and the quality record; the registries that
do not depend on the draw (sources, indicators, country names, framework, and the context,
which only takes the codes) are in bench/synthetic_registries.py. Each country's helpers
take their numbers from one seeded generator in a fixed order: reordering the calls below
changes every generated file.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Container
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pycountry
from synthetic_registries import (
    ARTICLE,
    GOALS,
    REPORT,
    context,
    country_names,
    frameworks,
    indicators,
    project_doc,
    sources,
)

from digidip.official import extract, snapshots
from digidip.official.data import Official
from digidip.official.factbase import dictionary, names

ROOT = Path(__file__).resolve().parent.parent
REGIONS = ("Synthetic region A", "Synthetic region B", "Synthetic region C", "Synthetic region D")
PARTNERS = ("UNDP", "World Bank", "European Union", "ITU", "OSCE", "Asian Development Bank", "USAID", "KOICA")
#: The state each partner belongs to (None: an international body or a group of states).
PARTNER_STATES = {"USAID": "USA", "KOICA": "KOR"}

HEADER = (
    "# SYNTHETIC benchmark data written by bench/synthetic.py: every curated fact is made up"
    " (official records are the project's own).\n"
)


class RealSeries(NamedTuple):
    """What the project's snapshots hold, as the workflow extracts them."""

    values: dict[str, float | int]  # official fact id (<ISO3>-<indicator>-<year>) -> value, countries only
    members: tuple[str, ...]  # the UN member states, sorted


@cache
def real_series(project: Path = ROOT) -> RealSeries:
    """Extract every snapshot of ``project`` (verified, with its name overrides), once per process."""
    datasets = snapshots.load_all(project / "data" / "snapshots", project)
    resolver, indicators = names(project / "data" / "raw", project), dictionary(project / "data" / "raw", project)
    rows = [row for snaps in datasets.values() for row in extract.extract_dataset(snaps, resolver, indicators)[0]]
    values = {r["fact_id"]: r["value"] for r in rows if r["entity_kind"] == "country"}
    return RealSeries(values, tuple(Official(rows, []).members()))


def order(seed: int = 0, project: Path = ROOT) -> list[str]:
    """Every UN member state's code in one fixed, seeded order (the first N make a base of N)."""
    members = sorted(real_series(Path(project).resolve()).members)
    random.Random(f"order-{seed}").shuffle(members)  # noqa: S311 - reproducible, not secret
    return members


def _dump(path: Path, doc: dict) -> None:
    """Write YAML as one JSON-style flow document per record (valid YAML, quick to parse)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [HEADER]
    for key, value in doc.items():
        if isinstance(value, list):
            lines.append(f"{key}:\n" if value else f"{key}: []\n")
            lines.extend(f"  - {json.dumps(rec, ensure_ascii=False)}\n" for rec in value)
        else:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}\n")
    path.write_text("".join(lines), encoding="utf-8")


def _policy_events(iso3: str, rng: random.Random, start: int) -> list[dict]:
    """Strategy, portal, programme, law and decree: the state's own steps (``start``: the strategy's year)."""
    return [
        {
            "id": f"{iso3}-strategy",
            "date": f"{start - 1}-{rng.randint(1, 12):02d}",
            "dating": "stated",
            "period": {"start": str(start), "end": str(start + rng.choice((3, 4, 5, 10)))},
            "category": "strategy",
            "tags": ["national-digital-strategy"],
            "title": "Synthetic national digital strategy adopted",
            "source": ARTICLE,
            "locator": f"synthetic section {iso3}, 1",
        },
        {
            "id": f"{iso3}-egov-portal",
            "date": str(rng.randint(2004, 2015)),
            "dating": rng.choice(("stated", "stated", "inferred")),
            "category": "platform",
            "tags": ["e-government-launch"],
            "title": "Synthetic e-government portal opened",
            "source": ARTICLE,
            "locator": f"synthetic section {iso3}, 2",
        },
        {
            "id": f"{iso3}-programme",
            "date": str(start + 1),
            "period": {"start": str(start + 1), "end": str(start + 4)},
            "category": "programme",
            "title": "Synthetic programme for digital public services launched",
            "source": REPORT,
            "locator": f"synthetic table {iso3}",
        },
        {
            "id": f"{iso3}-law",
            "date": f"{rng.randint(2008, 2023)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "category": "law",
            "title": "Synthetic law on electronic documents and signatures",
            "source": ARTICLE,
            "locator": f"synthetic section {iso3}, 3",
        },
        {
            "id": f"{iso3}-decree",
            "date": str(rng.randint(2010, 2023)),
            "category": "decree",
            "title": "Synthetic decree on open government data",
            "source": REPORT,
            "locator": f"synthetic annex {iso3}",
        },
    ]


def _outreach_events(iso3: str, rng: random.Random) -> list[dict]:
    """Partnership, ministry accounts, consular app and a milestone: digital diplomacy in practice."""
    return [
        {
            "id": f"{iso3}-partnership",
            "date": str(rng.randint(2012, 2023)),
            "category": "partnership",
            "title": "Synthetic partnership on digital skills for diplomats",
            "partners": [{"name": n, "country": PARTNER_STATES.get(n)} for n in sorted(rng.sample(PARTNERS, 2))],
            "amounts": [{"value": rng.randint(1, 90) * 10000, "unit": "USD", "what": "synthetic grant"}],
            "source": ARTICLE,
            "locator": f"synthetic section {iso3}, 4",
        },
        {
            "id": f"{iso3}-mfa-accounts",
            "date": str(rng.randint(2011, 2020)),
            "category": "diplomatic-action",
            "title": "Synthetic foreign-ministry social-media accounts opened in three languages",
            "source": ARTICLE,
            "locator": f"synthetic section {iso3}, 5",
        },
        {
            "id": f"{iso3}-consular-app",
            "date": str(rng.randint(2015, 2023)),
            "category": "platform",
            "title": "Synthetic consular mobile application released",
            "source": REPORT,
            "locator": f"synthetic table {iso3}, row 2",
        },
        {
            "id": f"{iso3}-milestone",
            "date": str(rng.randint(2016, 2023)),
            "category": "milestone",
            "title": "Synthetic milestone: every embassy answers citizens abroad online",
            "source": REPORT,
            "locator": f"synthetic table {iso3}, row 3",
        },
    ]


def _article_observations(iso3: str, rng: random.Random, internet_2020: float | None) -> list[dict]:
    """Two figures an article states: the 2020 internet share, a little off the official value
    where the series has one (made up where it has none), and a figure no series has."""
    around = internet_2020 if internet_2020 is not None else rng.uniform(5, 95)
    return [
        {
            "id": f"{iso3}-internet-2020-article",
            "indicator": "internet_users_pct",
            "year": 2020,
            "value": round(min(max(around + rng.uniform(-4, 4), 0.0), 100.0), 1),
            "source": ARTICLE,
            "locator": f"synthetic section {iso3}, 6",
        },
        {
            "id": f"{iso3}-egov-services-article",
            "indicator": "egov_services_online_pct",
            "year": rng.randint(2019, 2023),
            "value": rng.randint(20, 95),
            "source": ARTICLE,
            "locator": f"synthetic section {iso3}, 7",
        },
    ]


def _practices(rng: random.Random, evidence: list[str]) -> list[dict]:
    """Two to five goals, in the framework's order, each coded with one or two facts of its
    own (validation allows a fact to document one goal unless the coding says why)."""
    goal_ids = [g for g, _ in GOALS]
    goals = sorted(rng.sample(goal_ids, rng.randint(2, 5)), key=goal_ids.index)
    pool = rng.sample(evidence, len(evidence))  # a shuffled copy, dealt out without repeats
    out = []
    for goal in goals:
        take = min(rng.randint(1, 2), len(pool))
        if take == 0:
            break
        picked, pool = pool[:take], pool[take:]
        out.append(
            {
                "goal": goal,
                "evidence": sorted(picked),
                "note": "Synthetic coding: these generated facts stand in for evidence of this goal.",
            }
        )
    return out


def _country(iso3: str, seed: int, real: RealSeries) -> dict:
    """One country's file: made-up events, article observations and practices citing them."""
    rng = random.Random(f"{seed}-{iso3}")  # noqa: S311
    region = rng.choice(REGIONS)
    start = rng.randint(2012, 2020)
    actor = {"name": f"Government of {iso3} (synthetic)", "country": iso3}
    # Policy at home serves domestic ends; only the outreach, the state's own acts abroad,
    # can document a practice (facts/evidence.py).
    policy = [
        e | {"actor": actor, "basis": "full-text", "serves": "domestic"} for e in _policy_events(iso3, rng, start)
    ]
    outreach = [
        e | {"actor": actor, "basis": "full-text", "serves": "foreign-policy"} for e in _outreach_events(iso3, rng)
    ]
    ev = policy + outreach
    article_obs = _article_observations(iso3, rng, real.values.get(f"{iso3}-internet_users_pct-2020"))
    practices = _practices(rng, [e["id"] for e in outreach])
    return {
        "country": {
            "iso3": iso3,
            "name": pycountry.countries.get(alpha_3=iso3).name,
            "region": region,
            "synthetic": True,
        },
        "observations": article_obs,
        "events": ev,
        "practices": practices,
    }


def _internet_issue(iso3: str, official_ids: Container[str]) -> dict:
    """The article's 2020 internet share against the official series; a doubt where the series has no 2020 value."""
    series = f"{iso3}-internet_users_pct-2020"
    if series in official_ids:
        return {
            "id": f"Q-{iso3}-internet-2020",
            "title": "Synthetic: the article's internet share against the series",
            "kind": "disagreement",
            "countries": [iso3],
            "facts": [f"{iso3}-internet-2020-article", series],
            "summary": "Synthetic disagreement: the article's 2020 internet share differs from the series.",
            "handling": "Both kept; the report leads with the series (synthetic).",
        }
    return {
        "id": f"Q-{iso3}-internet-2020",
        "title": "Synthetic: an internet share with nothing to check it against",
        "kind": "doubt",
        "countries": [iso3],
        "facts": [f"{iso3}-internet-2020-article"],
        "summary": "Synthetic doubt: the series has no 2020 internet share to check the article's against.",
        "handling": "Kept as the article states it (synthetic).",
    }


def _quality_issues(codes: list[str], official_ids: Container[str]) -> list[dict]:
    """An internet-share issue for every fourth country, an inferred date for every fifth from the second."""
    return [_internet_issue(iso3, official_ids) for iso3 in codes[::4]] + [
        {
            "id": f"Q-{iso3}-portal-date",
            "title": "Synthetic: the portal's inferred year",
            "kind": "inferred",
            "countries": [iso3],
            "facts": [f"{iso3}-egov-portal"],
            "summary": "Synthetic: the portal's year is inferred.",
            "handling": "Kept with the inferred year (synthetic).",
        }
        for iso3 in codes[1::5]
    ]


def generate(n: int, raw: Path | str, seed: int = 0, project: Path | str = ROOT) -> list[str]:
    """Write a synthetic raw fact base of ``n`` UN members into ``raw``; return the ISO3 codes.

    ``project`` is the checkout whose snapshots the base goes with (its data/snapshots/ and
    data/raw/ registries are read, never written).
    """
    project = Path(project).resolve()
    members = order(seed, project)
    if not 1 <= n <= len(members):
        raise ValueError(f"n must lie in 1..{len(members)}, got {n}")
    codes = sorted(members[:n])
    real = real_series(project)
    raw = Path(raw)
    for iso3 in codes:
        _dump(raw / "countries" / f"{iso3}.yaml", _country(iso3, seed, real))
    project_raw = project / "data" / "raw"
    _dump(raw / "sources.yaml", sources(project_raw))
    _dump(raw / "indicators.yaml", indicators(project_raw))
    _dump(raw / "country-names.yaml", country_names(project_raw))
    _dump(raw / "un-membership.yaml", project_doc(project_raw, "un-membership.yaml"))
    _dump(raw / "frameworks.yaml", frameworks())
    _dump(raw / "context.yaml", context(codes))
    _dump(raw / "quality.yaml", {"issues": _quality_issues(codes, real.values)})
    return codes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of countries (UN members, 1..193)")
    parser.add_argument("raw", type=Path, help="directory to write (becomes a project's data/raw)")
    parser.add_argument("--seed", type=int, default=0)
    a = parser.parse_args(argv)
    codes = generate(a.n, a.raw, a.seed)
    print(f"wrote a synthetic fact base of {len(codes)} countries to {a.raw}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
