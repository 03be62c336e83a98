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
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import pycountry

#: Editions of the (synthetic) e-government survey, as in the real UN survey.
EDITIONS = (2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024)
SERIES_YEARS = range(2000, 2024)
BROADBAND_YEARS = range(2005, 2024)
#: Every indicator the report's key table and figures use, plus one only articles state.
INDICATORS = (
    ("egdi_rank", "E-Government Development Index, rank", "rank", "rank", False),
    ("egdi", "E-Government Development Index", "index 0-1", "index", True),
    ("epi", "E-Participation Index", "index 0-1", "index", True),
    ("internet_users_pct", "Internet users", "% of population", "percent", True),
    ("mobile_cellular_per100", "Mobile cellular subscriptions", "per 100 people", "count", True),
    ("fixed_broadband_per100", "Fixed broadband subscriptions", "per 100 people", "count", True),
    ("itu_gci_score", "Global Cybersecurity Index score", "score 0-100", "score", True),
    ("egov_services_online_pct", "Public services available online", "% of public services", "percent", True),
)
#: Eight goals and five directions, as many as the real framework has (labels generic).
GOALS = (
    ("knowledge-management", "Knowledge management"),
    ("public-diplomacy", "Public diplomacy"),
    ("information-management", "Information management"),
    ("consular-communication", "Consular communication and response"),
    ("disaster-response", "Disaster response"),
    ("internet-freedom", "Internet freedom"),
    ("external-resources", "External resources"),
    ("policy-planning", "Policy planning"),
)
DIRECTIONS = (
    ("information-flow", "Information flow"),
    ("public-outreach", "Public outreach"),
    ("policy-coordination", "Policy coordination"),
    ("crisis-communication", "Crisis communication"),
    ("networks", "Networks and partnerships"),
)
REGIONS = ("Synthetic region A", "Synthetic region B", "Synthetic region C", "Synthetic region D")
PARTNERS = ("UNDP", "World Bank", "European Union", "ITU", "OSCE", "Asian Development Bank", "USAID", "KOICA")
SERIES = "synthetic-egov-survey"
WDI = "synthetic-ict-series"
GCI = "synthetic-gci"
ARTICLE = "synthetic-article"
REPORT = "synthetic-report"

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


def _source(sid: str, kind: str, title: str, producer: str | None, published: str) -> dict:
    return {
        "id": sid,
        "kind": kind,
        "authors": [] if producer else ["Generator, Synthetic"],
        "producer": producer,
        "title": title,
        "outlet": None,
        "issue": None,
        "published": published,
        "doi": None,
        "url": None,
        "language": ["en"],
        "licence": "CC0",
        "reliability": "Synthetic: generated for benchmarks; carries no facts.",
        "note": None,
    }


def _curve(year: int, mid: float, top: float, steep: float) -> float:
    """A logistic adoption curve (internet use, subscriptions)."""
    return top / (1 + 2.718281828 ** (-(year - mid) / steep))


def _country(c: pycountry.db.Country, seed: int) -> tuple[dict, list[dict], dict]:
    """One country's file, its official observations, and its latent development score."""
    iso3 = c.alpha_3
    rng = random.Random(f"{seed}-{iso3}")  # noqa: S311
    dev = rng.random()  # latent development: drives ranks, indices and adoption curves
    mid = 2016 - 12 * dev + rng.uniform(-2, 2)
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

    start = rng.randint(2012, 2020)
    ev = [
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
    article_obs = [
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
    evidence = [e["id"] for e in ev] + [o["id"] for o in article_obs]
    goals = sorted(rng.sample([g for g, _ in GOALS], rng.randint(2, 5)), key=[g for g, _ in GOALS].index)
    practices = [
        {
            "goal": goal,
            "evidence": sorted(rng.sample(evidence, rng.randint(1, 4))),
            "note": "Synthetic coding: these generated facts stand in for evidence of this goal.",
        }
        for goal in goals
    ]
    doc = {
        "country": {"iso3": iso3, "name": c.name, "region": rng.choice(REGIONS), "synthetic": True},
        "observations": article_obs,
        "events": ev,
        "practices": practices,
    }
    return doc, official, {"dev": dev}


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

    # Ranks per edition among the chosen countries, spread over the survey's 193 places
    # (or over n places when there are more countries than UN members).
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
    survey = sorted(ranks + [o for o in official if o["source"] == SERIES], key=lambda o: o["id"])
    _dump(raw / "official" / "synthetic-egov-survey.yaml", {"observations": survey})
    ict = [o for o in official if o["source"] == WDI]
    _dump(raw / "official" / "synthetic-ict-series.yaml", {"observations": ict})
    _dump(raw / "official" / "synthetic-gci.yaml", {"observations": [o for o in official if o["source"] == GCI]})

    _dump(
        raw / "sources.yaml",
        {
            "sources": [
                _source(SERIES, "official-dataset", "Synthetic e-government survey", "Synthetic producer", "2024"),
                _source(WDI, "official-dataset", "Synthetic ICT adoption series", "Synthetic producer", "2024-06"),
                _source(GCI, "official-dataset", "Synthetic cybersecurity index", "Synthetic producer", "2021"),
                _source(ARTICLE, "journal-article", "A synthetic article on digital diplomacy", None, "2023"),
                _source(REPORT, "official-document", "A synthetic government report", "Synthetic ministry", "2024"),
            ]
        },
    )
    _dump(
        raw / "indicators.yaml",
        {
            "indicators": [
                {
                    "id": iid,
                    "label": label,
                    "unit": unit,
                    "kind": kind,
                    "higher_is_better": hib,
                    "description": f"Synthetic indicator standing in for: {label.lower()}.",
                }
                for iid, label, unit, kind, hib in INDICATORS
            ]
        },
    )
    _dump(
        raw / "frameworks.yaml",
        {
            "concept": {
                "definition": "Synthetic working definition of digital diplomacy, standing in for the curated one.",
                "citations": [{"source": ARTICLE, "locator": "Section 1"}],
            },
            "goals": [
                {
                    "id": gid,
                    "label": label,
                    "definition": f"Synthetic definition of the goal '{label.lower()}'.",
                    "source": ARTICLE,
                    "locator": f"Table 1, row {i}",
                }
                for i, (gid, label) in enumerate(GOALS, 1)
            ],
            "directions": [
                {
                    "id": did,
                    "label": label,
                    "definition": f"Synthetic definition of the direction '{label.lower()}'.",
                    "source": ARTICLE,
                    "locator": f"Section 2, item {i}",
                }
                for i, (did, label) in enumerate(DIRECTIONS, 1)
            ],
        },
    )
    codes = [c.alpha_3 for c in chosen]
    _dump(
        raw / "context.yaml",
        {
            "facts": [
                {
                    "id": "REG-synthetic-programme",
                    "scope": "regional",
                    "actors": ["Synthetic development bank"],
                    "countries": codes[: min(5, n)],
                    "date": "2017",
                    "dating": "stated",
                    "category": "programme",
                    "title": "Synthetic regional broadband programme",
                    "source": ARTICLE,
                    "locator": "synthetic section R, 1",
                },
                {
                    "id": "CTX-synthetic-virtual-embassy",
                    "scope": "international",
                    "actors": ["Synthetic state"],
                    "date": "2007",
                    "category": "diplomatic-action",
                    "title": "Synthetic example: an embassy opened in a virtual world",
                    "source": ARTICLE,
                    "locator": "synthetic section R, 2",
                },
            ]
        },
    )
    issues = [
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
    _dump(raw / "quality.yaml", {"issues": issues})
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
