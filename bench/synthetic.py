"""Generate a synthetic, clearly marked raw fact base of N countries for benchmarks and tests.

Every value written here is MADE UP. Country codes and names are real ISO 3166-1 entries
(from pycountry), only so that the validator accepts them; each country file says
``synthetic: true`` and the report prints that the build holds synthetic data. Sources,
indicators, frameworks, context and the quality record are the generator's own, and every
text says it is synthetic.

The density per country follows the real fact base (about 100 official observations, ten
events and three coded practices per country), so build time per country here is a fair
stand-in for build time per real country.

    python bench/synthetic.py 200 /tmp/raw200     # writes /tmp/raw200/{sources,...}.yaml

Generation is deterministic: a country's values depend only on the seed and its code, and
``generate(n)`` picks the first ``n`` countries of one fixed shuffled order, so the
25-country base is a subset of the 50-country base, and so on.

This module draws the countries, their facts, the survey ranks and the quality record; the
registries that do not depend on the draw (sources, indicators, framework, context) are in
bench/synthetic_registries.py. Each country's helpers take their numbers from one seeded
generator in a fixed order: reordering the calls below changes every generated file.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import pycountry
from synthetic_registries import ARTICLE, GCI, GOALS, REPORT, SERIES, WDI, context, frameworks, indicators, sources

#: Editions of the (synthetic) e-government survey, as in the real UN survey.
EDITIONS = (2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024)
SERIES_YEARS = range(2000, 2024)
BROADBAND_YEARS = range(2005, 2024)
REGIONS = ("Synthetic region A", "Synthetic region B", "Synthetic region C", "Synthetic region D")
PARTNERS = ("UNDP", "World Bank", "European Union", "ITU", "OSCE", "Asian Development Bank", "USAID", "KOICA")

HEADER = "# SYNTHETIC benchmark data written by bench/synthetic.py: every value is made up.\n"


def order(seed: int = 0) -> list[pycountry.db.Country]:
    """Every ISO 3166-1 country in one fixed, seeded order (the first N make a base of N)."""
    countries = sorted(pycountry.countries, key=lambda c: c.alpha_3)
    random.Random(f"order-{seed}").shuffle(countries)  # noqa: S311 - reproducible, not secret
    return countries


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


def _curve(year: int, mid: float, top: float, steep: float) -> float:
    """A logistic adoption curve (internet use, subscriptions)."""
    return top / (1 + 2.718281828 ** (-(year - mid) / steep))


def _official(iso3: str, rng: random.Random, dev: float, mid: float) -> list[dict]:
    """The country's rows of the official series: survey indices, ICT adoption curves, one GCI score."""
    official: list[dict] = []

    def obs(indicator: str, year: int, value: float, source: str, **extra) -> None:
        official.append(
            {
                "id": f"{iso3}-{indicator}-{year}",
                "country": iso3,
                "indicator": indicator,
                "year": year,
                "value": value,
                **extra,
                "source": source,
                "locator": f"synthetic row {iso3}",
            }
        )

    for year in EDITIONS:
        score = min(max(0.15 + 0.7 * dev + 0.012 * (year - 2003) + rng.uniform(-0.05, 0.05), 0.01), 0.99)
        obs("egdi", year, round(score, 4), SERIES)
        if year >= 2005:
            obs("epi", year, round(min(max(score + rng.uniform(-0.2, 0.1), 0.0), 1.0), 4), SERIES)
    for year in SERIES_YEARS:
        obs("internet_users_pct", year, round(_curve(year, mid, 70 + 28 * dev, 3.5), 2), WDI)
        obs("mobile_cellular_per100", year, round(_curve(year, mid - 6, 90 + 60 * dev, 2.5), 2), WDI)
    for year in BROADBAND_YEARS:
        obs("fixed_broadband_per100", year, round(_curve(year, mid + 3, 5 + 35 * dev, 3.0), 2), WDI)
    obs("itu_gci_score", 2020, round(20 + 75 * dev + rng.uniform(-5, 5), 2), GCI)
    return official


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
            "partners": sorted(rng.sample(PARTNERS, 2)),
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
            "title": "Synthetic milestone: most public services offered online",
            "source": REPORT,
            "locator": f"synthetic table {iso3}, row 3",
        },
    ]


def _article_observations(iso3: str, rng: random.Random, dev: float, mid: float) -> list[dict]:
    """Two figures an article states: one disagrees a little with the series, one no series has."""
    return [
        {
            "id": f"{iso3}-internet-2020-article",
            "indicator": "internet_users_pct",
            "year": 2020,
            "value": round(min(_curve(2020, mid, 70 + 28 * dev, 3.5) + rng.uniform(-4, 4), 100.0), 1),
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
    """Two to five goals, in the framework's order, each coded with one to four of the facts."""
    goal_ids = [g for g, _ in GOALS]
    goals = sorted(rng.sample(goal_ids, rng.randint(2, 5)), key=goal_ids.index)
    return [
        {
            "goal": goal,
            "evidence": sorted(rng.sample(evidence, rng.randint(1, 4))),
            "note": "Synthetic coding: these generated facts stand in for evidence of this goal.",
        }
        for goal in goals
    ]


def _country(c: pycountry.db.Country, seed: int) -> tuple[dict, list[dict], dict]:
    """One country's file, its official observations, and its latent development score."""
    iso3 = c.alpha_3
    rng = random.Random(f"{seed}-{iso3}")  # noqa: S311
    dev = rng.random()  # latent development: drives ranks, indices and adoption curves
    mid = 2016 - 12 * dev + rng.uniform(-2, 2)
    official = _official(iso3, rng, dev, mid)
    start = rng.randint(2012, 2020)
    ev = _policy_events(iso3, rng, start) + _outreach_events(iso3, rng)
    article_obs = _article_observations(iso3, rng, dev, mid)
    practices = _practices(rng, [e["id"] for e in ev] + [o["id"] for o in article_obs])
    doc = {
        "country": {"iso3": iso3, "name": c.name, "region": rng.choice(REGIONS), "synthetic": True},
        "observations": article_obs,
        "events": ev,
        "practices": practices,
    }
    return doc, official, {"dev": dev}


def _ranks(dev: dict[str, float], n: int, seed: int) -> list[dict]:
    """EGDI ranks per edition among the chosen countries, by latent development with some jitter."""
    # Spread over the survey's 193 places (or over n places when there are more countries than UN members).
    out_of = max(193, n)
    ranks: list[dict] = []
    for year in EDITIONS:
        jitter = random.Random(f"{seed}-rank-{year}")  # noqa: S311
        scored = sorted(dev, key=lambda iso3: (-(dev[iso3] + jitter.uniform(-0.08, 0.08)), iso3))
        for i, iso3 in enumerate(scored):
            rank = 1 + round(i * (out_of - 1) / max(n - 1, 1))
            rec = {"id": f"{iso3}-egdi_rank-{year}", "country": iso3, "indicator": "egdi_rank", "year": year}
            if year <= 2005 and dev[iso3] < 0.08:
                # As in the real survey: a country not assessed gets a tied bottom placeholder.
                rec.update(value=out_of, out_of=out_of, flag="not-assessed")
            else:
                rec.update(value=rank, out_of=out_of)
            rec.update(source=SERIES, locator=f"synthetic edition {year}, row {iso3}")
            ranks.append(rec)
    return ranks


def _quality_issues(codes: list[str]) -> list[dict]:
    """A disagreement for every fourth country, an inferred date for every fifth from the second."""
    return [
        {
            "id": f"Q-{iso3}-internet-2020",
            "kind": "disagreement",
            "countries": [iso3],
            "facts": [f"{iso3}-internet-2020-article", f"{iso3}-internet_users_pct-2020"],
            "summary": "Synthetic disagreement: the article's 2020 internet share differs from the series.",
            "handling": "Both kept; the report leads with the series (synthetic).",
        }
        for iso3 in codes[::4]
    ] + [
        {
            "id": f"Q-{iso3}-portal-date",
            "kind": "inferred",
            "countries": [iso3],
            "facts": [f"{iso3}-egov-portal"],
            "summary": "Synthetic: the portal's year is inferred.",
            "handling": "Kept with the inferred year (synthetic).",
        }
        for iso3 in codes[1::5]
    ]


def generate(n: int, raw: Path | str, seed: int = 0) -> list[str]:
    """Write a synthetic raw fact base of ``n`` countries into ``raw``; return the ISO3 codes."""
    all_countries = order(seed)
    if not 1 <= n <= len(all_countries):
        raise ValueError(f"n must lie in 1..{len(all_countries)}, got {n}")
    chosen = sorted(all_countries[:n], key=lambda c: c.alpha_3)
    raw = Path(raw)
    official: list[dict] = []
    dev: dict[str, float] = {}
    for c in chosen:
        doc, obs, latent = _country(c, seed)
        _dump(raw / "countries" / f"{c.alpha_3}.yaml", doc)
        official.extend(obs)
        dev[c.alpha_3] = latent["dev"]
    survey = sorted(_ranks(dev, n, seed) + [o for o in official if o["source"] == SERIES], key=lambda o: o["id"])
    _dump(raw / "official" / "synthetic-egov-survey.yaml", {"observations": survey})
    _dump(raw / "official" / "synthetic-ict-series.yaml", {"observations": [o for o in official if o["source"] == WDI]})
    _dump(raw / "official" / "synthetic-gci.yaml", {"observations": [o for o in official if o["source"] == GCI]})
    codes = [c.alpha_3 for c in chosen]
    _dump(raw / "sources.yaml", sources())
    _dump(raw / "indicators.yaml", indicators())
    _dump(raw / "frameworks.yaml", frameworks())
    _dump(raw / "context.yaml", context(codes))
    _dump(raw / "quality.yaml", {"issues": _quality_issues(codes)})
    return codes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of countries")
    parser.add_argument("raw", type=Path, help="directory to write (becomes a project's data/raw)")
    parser.add_argument("--seed", type=int, default=0)
    a = parser.parse_args(argv)
    codes = generate(a.n, a.raw, a.seed)
    print(f"wrote a synthetic fact base of {len(codes)} countries to {a.raw}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
