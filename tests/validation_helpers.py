"""Builders of small, valid raw fact trees for the validation tests.

``minimal_docs()`` returns the documents of a tree that validates (two countries, one
official series, context and quality records) as plain Python data; a test changes one
thing and writes it with ``write_tree``. Documents are written with ``yaml.safe_dump`` and
every date is a string, so YAML's implicit typing plays no part unless a test wants it to.
"""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from digidip.facts.factbase import FactBase
from digidip.facts.problems import Problem, ValidationError
from digidip.facts.validate import load_factbase

SOURCES = {
    "sources": [
        {
            "id": "src-article",
            "kind": "journal-article",
            "authors": ["Doe, Jane"],
            "title": "An article",
            "published": "2021-03",
            "language": ["en"],
            "reliability": "Good enough for a test.",
        },
        {
            "id": "src-dataset",
            "kind": "official-dataset",
            "authors": [],
            "producer": "A statistics office",
            "title": "A dataset",
            "published": "2022",
            "language": ["en"],
            "reliability": "Official.",
        },
    ]
}

INDICATORS = {
    "indicators": [
        {
            "id": "egdi_rank",
            "label": "EGDI rank",
            "unit": "rank",
            "kind": "rank",
            "higher_is_better": False,
            "description": "A rank.",
        },
        {
            "id": "internet_users_pct",
            "label": "Internet users",
            "unit": "% of population",
            "kind": "percent",
            "higher_is_better": True,
            "description": "A percentage.",
        },
        {
            "id": "egdi",
            "label": "EGDI",
            "unit": "index 0-1",
            "kind": "index",
            "higher_is_better": True,
            "description": "An index.",
        },
    ]
}

FRAMEWORKS = {
    "concept": {
        "definition": "Diplomacy by digital means.",
        "citations": [{"source": "src-article", "locator": "p. 1"}],
    },
    "goals": [
        {
            "id": "public-diplomacy",
            "label": "Public diplomacy",
            "definition": "Engaging foreign audiences.",
            "source": "src-article",
            "locator": "Table 1",
        }
    ],
    "directions": [
        {
            "id": "policy-planning",
            "label": "Policy planning",
            "definition": "Planning.",
            "source": "src-article",
            "locator": "p. 2",
        }
    ],
}


def country_doc(iso3: str, name: str) -> dict:
    """A valid country file: a rank, a percentage, an event and a coded practice."""
    return {
        "country": {"iso3": iso3, "name": name, "region": "Central Asia"},
        "observations": [
            {
                "id": f"{iso3}-egdi-rank-2020",
                "indicator": "egdi_rank",
                "year": 2020,
                "value": 29,
                "out_of": 193,
                "source": "src-article",
                "locator": "p. 3",
            },
            {
                "id": f"{iso3}-internet-2020",
                "indicator": "internet_users_pct",
                "year": 2020,
                "value": 55.5,
                "source": "src-article",
                "locator": "p. 4",
            },
        ],
        "events": [
            {
                "id": f"{iso3}-strategy",
                "date": "2017-12-01",
                "dating": "stated",
                "period": {"start": "2018", "end": "2022"},
                "category": "strategy",
                "title": f"Digital strategy of {name} adopted",
                "source": "src-article",
                "locator": "p. 5",
            }
        ],
        "practices": [{"goal": "public-diplomacy", "evidence": [f"{iso3}-strategy"], "note": "It shows the goal."}],
    }


def minimal_docs() -> dict[str, object]:
    """Relative path under data/raw/ -> document, for a tree that validates."""
    return copy.deepcopy(
        {
            "sources.yaml": SOURCES,
            "indicators.yaml": INDICATORS,
            "frameworks.yaml": FRAMEWORKS,
            "countries/KAZ.yaml": country_doc("KAZ", "Kazakhstan"),
            "countries/UZB.yaml": country_doc("UZB", "Uzbekistan"),
            "official/wdi.yaml": {
                "observations": [
                    {
                        "id": "KAZ-internet_users_pct-2020",
                        "country": "KAZ",
                        "indicator": "internet_users_pct",
                        "year": 2020,
                        "value": 76.4,
                        "source": "src-dataset",
                        "locator": "row KAZ 2020",
                    }
                ]
            },
            "context.yaml": {
                "facts": [
                    {
                        "id": "REG-casa",
                        "scope": "regional",
                        "actors": ["World Bank"],
                        "countries": ["KAZ", "UZB"],
                        "date": None,
                        "category": "programme",
                        "title": "A regional programme",
                        "source": "src-article",
                        "locator": "Conclusion",
                    }
                ]
            },
            "quality.yaml": {
                "issues": [
                    {
                        "id": "Q-KAZ-internet",
                        "kind": "disagreement",
                        "countries": ["KAZ"],
                        "facts": ["KAZ-internet-2020", "KAZ-internet_users_pct-2020"],
                        "summary": "Two values.",
                        "handling": "Both kept.",
                    }
                ]
            },
        }
    )


def write_tree(base: Path, docs: dict[str, object]) -> Path:
    """Write ``docs`` under ``base``/data/raw and return that directory.

    A ``str`` or ``bytes`` document is written verbatim (for syntax errors and binary files).
    """
    raw = base / "data" / "raw"
    for rel, doc in docs.items():
        path = raw / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(doc, bytes):
            path.write_bytes(doc)
        elif isinstance(doc, str):
            path.write_text(doc, encoding="utf-8")
        else:
            path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    (raw / "countries").mkdir(parents=True, exist_ok=True)
    return raw


def load(raw: Path) -> FactBase:
    return load_factbase(raw)


def problems_of(raw: Path) -> list[Problem]:
    """The problems validation reports for ``raw``; [] when it loads."""
    try:
        load_factbase(raw)
    except ValidationError as err:
        return err.problems
    return []
