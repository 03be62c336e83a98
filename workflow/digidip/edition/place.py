"""Where a build publishes: the edition for the committed configuration, a folder of its own otherwise.

The published edition (``data/tidy/``, ``reports/``) is only ever written by a build of the
committed configuration (``config/config.yaml``). A build with any other configuration (a
subset of countries while you work, ``make world``, a changed setting on the command line)
publishes under ``builds/<name>/`` instead, with its own manifest, and stages its work under
``data/interim/builds/<name>/``, so it never touches the edition or the edition's work.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

BUILDS = "builds"
#: A build named by its countries lists at most this many codes in the folder name.
MAX_NAMED_COUNTRIES = 6


@dataclass(frozen=True)
class Place:
    name: str  # "" for the edition
    root: str  # where data/tidy/ and reports/ are published
    work: str  # where jobs whose output depends on the configuration write

    @property
    def stage(self) -> str:
        return f"{self.work}/stage"

    @property
    def logs(self) -> str:
        """Where this build's jobs log: builds run side by side never write one log."""
        return "logs" if self.is_edition else f"logs/{BUILDS}/{self.name}"

    @property
    def is_edition(self) -> bool:
        return self.name == ""


def _digest(config: dict) -> str:
    return hashlib.sha256(json.dumps(config, sort_keys=True).encode()).hexdigest()[:10]


def build_name(effective: dict, committed: dict) -> str:
    """ "" when ``effective`` is the committed configuration; otherwise a folder name for it."""
    if effective.get("build"):
        return str(effective["build"])
    if effective == committed:
        return ""
    others = {k: v for k, v in effective.items() if k != "countries"}
    if others == {k: v for k, v in committed.items() if k != "countries"} and isinstance(effective["countries"], list):
        countries = sorted(effective["countries"])
        if 0 < len(countries) <= MAX_NAMED_COUNTRIES:
            return "-".join(countries)
        return f"{len(countries)}-countries-{_digest(effective)}"
    return f"custom-{_digest(effective)}"


def place(effective: dict, committed: dict) -> Place:
    name = build_name(effective, committed)
    if not name:
        return Place("", ".", "data/interim")
    return Place(name, f"{BUILDS}/{name}", f"data/interim/{BUILDS}/{name}")
