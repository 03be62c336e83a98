"""Builders of small, valid raw fact trees for the validation tests.

``minimal_docs()`` returns the documents of a tree that validates (two countries, context
and a quality record citing an official fact id, one of ``OFFICIAL_IDS``) as plain Python data; a test changes one
thing and writes it with ``write_tree``. Documents are written with ``yaml.safe_dump`` and
every date is a string, so YAML's implicit typing plays no part unless a test wants it to.
"""

from __future__ import annotations

import copy
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import yaml

from digidip.facts.factbase import FactBase
from digidip.facts.problems import Problem, ValidationError
from digidip.facts.validate import load_factbase

#: Official fact ids the tree's records may cite (in the workflow they come from the snapshots).
OFFICIAL_IDS = frozenset({"KAZ-internet_users_pct-2020", "UZB-internet_users_pct-2020"})

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
            "range": {"min": 0, "max": 1},
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
                # A programme, not a strategy: a strategy is evidence of practice only with a reason.
                "category": "programme",
                "actor": {"name": f"Government of {name}", "country": iso3},
                "basis": "full-text",
                "serves": "foreign-policy",
                "title": f"Digital strategy of {name} adopted",
                "source": "src-article",
                "locator": "p. 5",
            }
        ],
        "practices": [{"goal": "public-diplomacy", "evidence": [f"{iso3}-strategy"], "note": "It shows the goal."}],
    }


MEMBERSHIP = {
    "all_members_by": "2002-09-27",
    "basis": {"statement": "A test's basis.", "sources": [{"source": "src-dataset", "locator": "page 1"}]},
    "admitted": [
        {"iso3": "MNE", "date": "2006-06-28", "source": "src-dataset", "locator": "page 2"},
        {"iso3": "SSD", "date": "2011-07-14", "source": "src-dataset", "locator": "page 3"},
    ],
}


def minimal_docs() -> dict[str, object]:
    """Relative path under data/raw/ -> document, for a tree that validates."""
    return copy.deepcopy(
        {
            "sources.yaml": SOURCES,
            "un-membership.yaml": MEMBERSHIP,
            "indicators.yaml": INDICATORS,
            "frameworks.yaml": FRAMEWORKS,
            "countries/KAZ.yaml": country_doc("KAZ", "Kazakhstan"),
            "countries/UZB.yaml": country_doc("UZB", "Uzbekistan"),
            "context.yaml": {
                "facts": [
                    {
                        "id": "REG-casa",
                        "scope": "regional",
                        "actors": ["World Bank"],
                        "countries": ["KAZ", "UZB"],
                        "date": None,
                        "category": "programme",
                        "basis": "full-text",
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
                        "title": "Two values of Kazakhstan's Internet use",
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
    return load_factbase(raw, known_ids=OFFICIAL_IDS)


def problems_of(raw: Path) -> list[Problem]:
    """The problems validation reports for ``raw``; [] when it loads."""
    try:
        load_factbase(raw, known_ids=OFFICIAL_IDS)
    except ValidationError as err:
        return err.problems
    return []


SNAPSHOT_CSV = "code,year,variable,value\nKAZ,2020,internet,76.4\nUZB,2020,internet,71.1\n"


def write_snapshot(base: Path, text: str = SNAPSHOT_CSV) -> Path:
    """A one-file official dataset under ``base``/data/snapshots whose values are ``OFFICIAL_IDS``."""
    folder = base / "data" / "snapshots" / "testoffice" / "series" / "1"
    folder.mkdir(parents=True, exist_ok=True)
    data = text.encode()
    (folder / "series.csv").write_bytes(data)
    meta = {
        "file": "series.csv",
        "producer": "A statistics office",
        "title": "A series",
        "description": "Values for the tests.",
        "url": "https://example.org/series",
        "published": "2022",
        "licence": {"name": "not stated", "url": None},
        "citation": "A statistics office (2022). A series.",
        "copied_from": {"repository": "example/data", "commit": "0" * 40, "path": "series.csv"},
        "changes_by_copier": "Not known: a test file, compared with nothing.",
        "checked": "Not compared with an independent copy.",
        "extract": {
            "source": "src-dataset",
            "layout": "long",
            "rows": text.count("\n") - 1,  # one line a row below the header
            "code": "code",
            "year_column": "year",
            "variable": "variable",
            "value": "value",
            "variables": {"internet": "internet_users_pct"},
        },
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
    }
    (folder / "series.csv.meta.yaml").write_text(yaml.safe_dump(meta, sort_keys=False), encoding="utf-8")
    return folder / "series.csv"


def run_validate(raw: Path, *extra: str, timeout: int = 300) -> subprocess.CompletedProcess:
    """``python -m digidip validate --raw raw`` (``make validate``'s command), run as a user would."""
    repo = Path(__file__).resolve().parent.parent
    return subprocess.run(
        [sys.executable, "-m", "digidip", "validate", "--raw", str(raw), *extra],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(repo / "workflow")},
        cwd=repo,
        timeout=timeout,
        check=False,
    )


def project_copy(dest: Path, rel: str, edit: Callable[[bytes], bytes], folder: str = "snapshots") -> Path:
    """The project's raw data and its snapshots and copies under ``dest``, one file (``rel``
    under ``data/<folder>``) edited by ``edit`` and its sidecar's checksum and size updated to
    match, as someone who edits a snapshot "carefully" would: only the content can stop the
    build. Returns the copy's data/raw."""
    repo = Path(__file__).resolve().parent.parent
    for name in ("raw", "snapshots", "crosscheck"):
        shutil.copytree(repo / "data" / name, dest / "data" / name)
    path = dest / "data" / folder / rel
    data = edit(path.read_bytes())
    path.write_bytes(data)
    sidecar = path.with_name(path.name + ".meta.yaml")
    text = sidecar.read_text(encoding="utf-8")
    meta = yaml.safe_load(text)
    text = text.replace(meta["sha256"], hashlib.sha256(data).hexdigest()).replace(
        f"bytes: {meta['bytes']}\n", f"bytes: {len(data)}\n"
    )
    sidecar.write_text(text, encoding="utf-8")
    return dest / "data" / "raw"
