"""The registries of the synthetic fact base: sources, indicators, country names and the framework.

bench/synthetic.py draws the countries and their facts; this module holds what is the same
for every size and seed: the two synthetic source records the curated facts cite (an
article and a report) and the ids they are cited by, the goals and directions of the
framework, and the project's own records the official statistics need. Those are read
from the project's data/raw/ and copied unchanged: the ``official-dataset`` sources the
snapshots' sidecars name, the whole indicator dictionary, and the country-name overrides
the extraction uses. Every synthetic text says it is synthetic. Nothing here draws a random
number, so moving records in or out of this module cannot change the generated files.
"""

from __future__ import annotations

from pathlib import Path

from digidip.facts.problems import Problem, ValidationError
from digidip.facts.yamlio import load_yaml

#: Indicators the synthetic articles state, defined here in case the project's dictionary lacks one.
ARTICLE_INDICATORS = (
    ("internet_users_pct", "Internet users", "% of population", "percent", True),
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
#: Ids of the synthetic sources: an article and a report.
ARTICLE = "synthetic-article"
REPORT = "synthetic-report"


def project_doc(project_raw: Path, name: str) -> dict:
    """One of the project's own raw files (``name`` under ``project_raw``), read as the validator reads it."""
    path = project_raw / name
    doc, problems = load_yaml(path)
    if not isinstance(doc, dict):
        raise ValidationError(problems or [Problem(str(path), "", "", "expected a YAML mapping at the top")])
    return doc


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


def sources(project_raw: Path) -> dict:
    """The document of sources.yaml: the synthetic sources, then the project's official datasets
    and the sources of its UN membership record (un-membership.yaml, copied as it is)."""
    membership = project_doc(project_raw, "un-membership.yaml")
    cited = {s["source"] for s in membership["basis"]["sources"]} | {a["source"] for a in membership["admitted"]}
    official = [
        s
        for s in project_doc(project_raw, "sources.yaml")["sources"]
        if s["kind"] == "official-dataset" or s["id"] in cited
    ]
    return {
        "sources": [
            _source(ARTICLE, "journal-article", "A synthetic article on digital diplomacy", None, "2023"),
            _source(REPORT, "official-document", "A synthetic government report", "Synthetic ministry", "2024"),
            *official,
        ]
    }


def indicators(project_raw: Path) -> dict:
    """The document of indicators.yaml: the project's dictionary, plus any article indicator it lacks."""
    real = project_doc(project_raw, "indicators.yaml")["indicators"]
    known = {i["id"] for i in real}
    return {
        "indicators": real
        + [
            {
                "id": iid,
                "label": label,
                "unit": unit,
                "kind": kind,
                "higher_is_better": hib,
                "description": f"Synthetic indicator standing in for: {label.lower()}.",
            }
            for iid, label, unit, kind, hib in ARTICLE_INDICATORS
            if iid not in known
        ]
    }


def country_names(project_raw: Path) -> dict:
    """The document of country-names.yaml: the project's own, which the extraction of the snapshots needs."""
    return project_doc(project_raw, "country-names.yaml")


def frameworks() -> dict:
    """The document of frameworks.yaml: the concept, the goals and the directions."""
    return {
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
    }


def context(codes: list[str]) -> dict:
    """The document of context.yaml: one regional programme (the first five countries) and one world event."""
    return {
        "facts": [
            {
                "id": "REG-synthetic-programme",
                "scope": "regional",
                "actors": ["Synthetic development bank"],
                "countries": codes[:5],
                "date": "2017",
                "dating": "stated",
                "category": "programme",
                "basis": "full-text",
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
                "basis": "second-hand",
                "title": "Synthetic example: an embassy opened in a virtual world",
                "source": ARTICLE,
                "locator": "synthetic section R, 2",
            },
        ]
    }
