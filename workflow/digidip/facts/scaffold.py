"""Start the fact file of a new country: a valid, empty skeleton with worked examples."""

from __future__ import annotations

from pathlib import Path

import pycountry
import yaml

TEMPLATE = """\
# Facts about {name}. Every record cites a source (an id in data/raw/sources.yaml) and a
# locator (where in the source the fact stands). Fields: docs/data-model.md.
country:
  iso3: {iso3}
  name: {name_yaml}
  region: "Unassigned"  # set the region the report groups this country under

observations: []
# Example (a number the source states):
#  - id: {iso3}-egdi-rank-2022-mysource
#    indicator: egdi_rank           # an id from data/raw/indicators.yaml
#    year: 2022
#    value: 58
#    out_of: 193                    # for ranks: how many were ranked
#    source: my-source-id
#    locator: "Table 2"

events: []
# Example (something dated; write the title in your own words):
#  - id: {iso3}-digital-strategy
#    date: "2021-05"                # "YYYY", "YYYY-MM" or "YYYY-MM-DD", quoted
#    category: strategy
#    title: "National digital strategy adopted"
#    source: my-source-id
#    locator: "Section 3, paragraph 2"

practices: []
# Example (coding against a goal in data/raw/frameworks.yaml, with evidence):
#  - goal: public-diplomacy
#    evidence: [{iso3}-digital-strategy]
#    note: "Why these facts show this goal."
"""


def write(raw: Path, iso3: str) -> Path:
    """Create ``raw/countries/<iso3>.yaml``; refuse unknown codes and existing files."""
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        raise LookupError(f"{iso3!r} is not an ISO 3166-1 alpha-3 country code")
    path = raw / "countries" / f"{iso3}.yaml"
    if path.exists():
        raise FileExistsError(f"{path} already exists; edit it instead")
    name = getattr(country, "common_name", None) or country.name
    name_yaml = yaml.safe_dump(name, default_style='"').strip()
    path.write_text(TEMPLATE.format(iso3=iso3, name=name, name_yaml=name_yaml), encoding="utf-8")
    return path
