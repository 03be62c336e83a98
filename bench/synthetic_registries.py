"""The registries of the synthetic fact base: sources, indicators and the framework.

bench/synthetic.py draws the countries and their facts; this module holds what is the same
for every size and seed: the five source records the facts cite, the indicator registry,
the goals and directions of the framework, and the ids the facts use to cite the sources.
Every text says it is synthetic. Nothing here draws a random number, so moving records in
or out of this module cannot change the generated files.
"""

from __future__ import annotations

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
#: Ids of the synthetic sources: three official series, an article and a report.
SERIES = "synthetic-egov-survey"
WDI = "synthetic-ict-series"
GCI = "synthetic-gci"
ARTICLE = "synthetic-article"
REPORT = "synthetic-report"


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


def sources() -> dict:
    """The document of sources.yaml."""
    return {
        "sources": [
            _source(SERIES, "official-dataset", "Synthetic e-government survey", "Synthetic producer", "2024"),
            _source(WDI, "official-dataset", "Synthetic ICT adoption series", "Synthetic producer", "2024-06"),
            _source(GCI, "official-dataset", "Synthetic cybersecurity index", "Synthetic producer", "2021"),
            _source(ARTICLE, "journal-article", "A synthetic article on digital diplomacy", None, "2023"),
            _source(REPORT, "official-document", "A synthetic government report", "Synthetic ministry", "2024"),
        ]
    }


def indicators() -> dict:
    """The document of indicators.yaml."""
    return {
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
    }


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
    }
