"""Read the published tidy tables back with the right types (the CSVs are the interface)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..common.csvtext import LIST_SEP
from .tables import TABLES


def _split(value: object) -> list[str]:
    return [] if pd.isna(value) or value == "" else str(value).split(LIST_SEP)


@dataclass
class Tables:
    """The tidy tables of one build, as DataFrames.

    ``countries`` and ``observations`` hold the countries this edition profiles;
    ``world`` and ``world_observations`` every UN member as well (the EGDI and its rank).
    """

    countries: pd.DataFrame
    observations: pd.DataFrame
    events: pd.DataFrame
    practices: pd.DataFrame
    context: pd.DataFrame
    quality: pd.DataFrame
    sources: pd.DataFrame
    indicators: pd.DataFrame
    frameworks: pd.DataFrame
    benchmarks: pd.DataFrame
    snapshots: pd.DataFrame
    world: pd.DataFrame
    world_observations: pd.DataFrame

    @property
    def goals(self) -> pd.DataFrame:
        return self.frameworks[self.frameworks["framework"] == "goal"]

    @property
    def directions(self) -> pd.DataFrame:
        return self.frameworks[self.frameworks["framework"] == "direction"]

    def official_sources(self) -> set[str]:
        return set(self.sources.loc[self.sources["kind"] == "official-dataset", "source"])


def read_tables(tidy_dir: Path | str) -> Tables:
    """Load every table listed in ``tidy.TABLES`` from ``tidy_dir``."""
    tidy = Path(tidy_dir)
    frames = {}
    for name in TABLES:
        df = pd.read_csv(tidy / name, dtype=str, keep_default_na=False, na_values=[""])
        frames[name.removesuffix(".csv")] = df
    obs = frames["observations"]
    obs["year"] = obs["year"].astype(int)
    obs["value"] = obs["value"].astype(float)
    obs["out_of"] = pd.to_numeric(obs["out_of"])
    ev = frames["events"]
    ev["year"] = ev["year"].astype(int)
    for col in ("partners", "tags"):
        ev[col] = ev[col].map(_split)
    pr = frames["practices"]
    pr["evidence"] = pr["evidence"].map(_split)
    pr["evidence_count"] = pr["evidence_count"].astype(int)
    q = frames["quality"]
    q["facts"] = q["facts"].map(_split)
    q["countries"] = q["countries"].map(_split)
    ctx = frames["context"]
    for col in ("actors", "countries"):
        ctx[col] = ctx[col].map(_split)
    world = frames["countries"]
    for col in ("synthetic", "un_member", "profiled"):
        world[col] = world[col] == "true"
    bm = frames["benchmarks"]
    bm["year"] = bm["year"].astype(int)
    bm["value"] = bm["value"].astype(float)
    bm["n"] = pd.to_numeric(bm["n"])
    profiled = set(world.loc[world["profiled"], "country"])
    frames["world"] = world
    frames["countries"] = world[world["profiled"]].reset_index(drop=True)
    frames["world_observations"] = obs
    frames["observations"] = obs[obs["country"].isin(profiled)].reset_index(drop=True)
    return Tables(**frames)
