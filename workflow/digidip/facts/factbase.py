"""The validated fact base: everything under data/raw/, as the later stages receive it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FactBase:
    """Everything under data/raw/, validated."""

    sources: dict[str, dict]
    indicators: dict[str, dict]
    countries: dict[str, dict]  # iso3 -> {"country", "observations", "events", "practices"}
    context: list[dict]
    concept: dict  # {"definition", "citations": [{"source", "locator"}]}
    goals: list[dict]
    directions: list[dict]
    quality: list[dict]
    files: dict[str, str] = field(default_factory=dict)  # record id -> file it came from

    def facts_by_id(self) -> dict[str, dict]:
        """Every curated fact (observation, event, context fact) by id, with its country."""
        out: dict[str, dict] = {}
        for iso3, doc in self.countries.items():
            for kind in ("observations", "events"):
                for rec in doc[kind]:
                    out[rec["id"]] = {**rec, "country": iso3, "fact_kind": kind[:-1]}
        for rec in self.context:
            out[rec["id"]] = {**rec, "country": None, "fact_kind": "context"}
        return out
