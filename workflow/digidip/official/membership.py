"""When today's UN member states joined (data/raw/un-membership.yaml): who counts in a year.

The statistics of a year count only the states that were UN members then. Every current
member was one on ``all_members_by`` except the states the file lists as admitted later,
each with the day of the General Assembly's decision and the source that gives it. A state
counts in a year when it was admitted in that year or before.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..facts.yamlio import load_yaml

FILE = "un-membership.yaml"


@dataclass(frozen=True)
class Membership:
    all_members_by: dt.date
    admitted: dict[str, dt.date] = field(default_factory=dict)

    def member_in(self, iso3: str, year: int) -> bool:
        """Whether a current member was already one in ``year``."""
        joined = self.admitted.get(iso3)
        return joined is None or joined.year <= year

    def joined(self, iso3: str) -> dt.date | None:
        return self.admitted.get(iso3)


def read(raw: Path | str) -> Membership:
    """The membership record under ``raw`` (validated when the workflow loads)."""
    doc, problems = load_yaml(Path(raw) / FILE)
    if doc is None:
        raise ValueError(f"{Path(raw) / FILE}: {problems}")
    return Membership(
        dt.date.fromisoformat(str(doc["all_members_by"])),
        {a["iso3"]: dt.date.fromisoformat(str(a["date"])) for a in doc["admitted"]},
    )
