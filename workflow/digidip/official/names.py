"""Country names and codes in the publishers' files -> ISO 3166-1 alpha-3 codes.

pycountry resolves a name by exact lookup (name, official name, common name, any code,
case-insensitive); the few UN spellings it does not know are listed, with the reason, in
data/raw/country-names.yaml. A name found neither way is an error, never a silent drop.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pycountry

from ..facts.problems import Problem
from ..facts.schema_check import schema_problems
from ..facts.yamlio import load_yaml


class CountryNames:
    """Resolves names and codes; ``overrides`` maps a stripped name to its ISO3 code."""

    def __init__(self, overrides: dict[str, str]):
        self.overrides = overrides

    @classmethod
    def from_file(cls, path: Path, display: str) -> tuple[CountryNames, list[Problem]]:
        doc, problems = load_yaml(path, display)
        if doc is None:
            return cls({}), problems
        problems = schema_problems(display, "country-names", doc) if isinstance(doc, dict) else []
        if not isinstance(doc, dict) or problems:
            return cls({}), problems or [Problem(display, "", "", "expected a YAML mapping at the top")]
        overrides = {n["name"].strip(): n["iso3"] for n in doc["names"]}
        bad = [n for n in doc["names"] if not is_iso3(n["iso3"])]
        problems = [
            Problem(display, n["name"], "iso3", f"{n['iso3']!r} is not an ISO 3166-1 alpha-3 code") for n in bad
        ]
        return cls(overrides), problems

    def iso3(self, name: str) -> str | None:
        """The code a country name means, or None if neither the override list nor pycountry knows it."""
        name = name.strip()
        if name in self.overrides:
            return self.overrides[name]
        try:
            return pycountry.countries.lookup(name).alpha_3
        except LookupError:
            return None


@cache
def is_iso3(code: str) -> bool:
    return pycountry.countries.get(alpha_3=code) is not None


@cache
def display_name(iso3: str) -> str:
    """The short English name pycountry gives a code (its common name where it has one)."""
    country = pycountry.countries.get(alpha_3=iso3)
    return getattr(country, "common_name", None) or country.name
