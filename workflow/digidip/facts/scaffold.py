"""Start the fact file of a new country: a valid, empty skeleton with worked examples."""

from __future__ import annotations

from pathlib import Path

import pycountry
import yaml

from ..common.errors import UserError

TEMPLATE = """\
# Facts about {name}. Every record cites a source (an id in data/raw/sources.yaml) and a
# locator (where in the source the fact stands). Fields: docs/data-model.md.
country:
  iso3: {iso3}
  name: {name_yaml}
  region: {region_yaml}  # {region_note}

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
#  - id: {iso3}-mfa-accounts
#    date: "2021-05"                # "YYYY", "YYYY-MM" or "YYYY-MM-DD", quoted
#    category: diplomatic-action
#    actor: {{name: "Ministry of Foreign Affairs", country: {iso3}}}   # who acts (null country:
#                                   # an international body); another party's act names it here
#    basis: full-text               # full-text | abstract | reference-title | second-hand
#    serves: foreign-policy         # foreign-policy | domestic (a measure at home)
#    title: "Foreign ministry opens accounts on social networks in three languages"
#    partners: []                   # e.g. [{{name: "UNDP", country: null}}]: never {name}'s own bodies
#    source: my-source-id
#    locator: "Section 3, paragraph 2"

practices: []
# Example (coding against a goal in data/raw/frameworks.yaml, with evidence: the country's
# own acts serving its foreign policy, not plans, not strategies without strategy_evidence):
#  - goal: public-diplomacy
#    evidence: [{iso3}-mfa-accounts]
#    note: "Why these facts show this goal."
"""


def write(raw: Path, iso3: str, region: str | None = None) -> Path:
    """Create ``raw/countries/<iso3>.yaml``; refuse unknown codes and existing files.

    ``region`` (e.g. the World Bank's, from the official statistics) fills the region field;
    without it the field says "Unassigned" for the researcher to set.
    """
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        raise UserError(f"{iso3!r} is not an ISO 3166-1 alpha-3 country code")
    path = raw / "countries" / f"{iso3}.yaml"
    if path.exists():
        raise UserError(f"{path} already exists; edit it instead")
    name = getattr(country, "common_name", None) or country.name
    name_yaml = yaml.safe_dump(name, default_style='"').strip()
    region_yaml = yaml.safe_dump(region or "Unassigned", default_style='"').strip()
    note = (
        "the World Bank's region; change it to group the country otherwise"
        if region
        else "set the region the report groups this country under"
    )
    text = TEMPLATE.format(iso3=iso3, name=name, name_yaml=name_yaml, region_yaml=region_yaml, region_note=note)
    path.write_text(text, encoding="utf-8")
    return path
