"""Read the published tidy tables back with the right types (the CSVs are the interface)."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from ..common.csvtext import number, read_list
from .curated import amounts_by_fact, partners_by_fact
from .tables import LIST_COLUMNS, TABLES


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
    amounts: pd.DataFrame
    partners: pd.DataFrame
    quality: pd.DataFrame
    sources: pd.DataFrame
    indicators: pd.DataFrame
    frameworks: pd.DataFrame
    #: The EGDI group of every published state and edition (egdi-groups.csv), and every
    #: official value beside the previous one of its series (changes.csv).
    egdi_groups: pd.DataFrame
    changes: pd.DataFrame
    benchmarks: pd.DataFrame
    snapshots: pd.DataFrame
    #: Independent copies and pages against the snapshots (crosscheck.csv), every difference,
    #: and every value a page states (crosscheck-stated.csv).
    crosscheck: pd.DataFrame
    crosscheck_differences: pd.DataFrame
    #: Every member's groups (classifications.csv); the income group has one row per year.
    classifications: pd.DataFrame
    crosscheck_stated: pd.DataFrame
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

    def focused(self, codes: list[str] | None) -> Tables:
        """The tables as the report compares them: only the focus countries' rows (``None``
        or every profiled country: unchanged). The world tables stay whole, as context."""
        if not codes or set(codes) >= set(self.countries["country"]):
            return self
        keep = set(codes)

        def of(df: pd.DataFrame) -> pd.DataFrame:
            return df[df["country"].isin(keep)].reset_index(drop=True)

        return replace(
            self,
            countries=of(self.countries),
            observations=of(self.observations),
            events=of(self.events),
            practices=of(self.practices),
        )

    def amounts_by_fact(self) -> dict[str, list[dict]]:
        """Fact id -> its amounts ({value, unit, what}), in the curator's order."""
        return amounts_by_fact(self.amounts.to_dict("records"))

    def partners_by_fact(self) -> dict[str, list[str]]:
        """Fact id -> the partners it names, in the curator's order."""
        return partners_by_fact(self.partners.to_dict("records"))


def _official_types(groups: pd.DataFrame, changes: pd.DataFrame) -> None:
    """Numbers as numbers (empty cells as NaN) and group_changed as a boolean or None."""
    for df, cols in ((groups, ("value", "lower", "upper")), (changes, ("value", "previous_value", "change"))):
        df["year"] = df["year"].astype(int)
        for col in cols:
            df[col] = pd.to_numeric(df[col])
    for col in ("previous_year", "rank_change"):
        changes[col] = pd.to_numeric(changes[col]).astype("Int64")
    changes["group_changed"] = changes["group_changed"].map({"true": True, "false": False})


def read_frame(source: Path | str | io.StringIO, name: str) -> pd.DataFrame:
    """One table as written (text columns; list columns as lists), from a file or its text."""
    df = pd.read_csv(source, dtype=str, keep_default_na=False, na_values=[""])
    for col in LIST_COLUMNS.get(name, ()):
        df[col] = df[col].map(read_list)
    return df


def field_name(table: str) -> str:
    """The ``Tables`` field a table file is read into ("egdi-groups.csv" -> egdi_groups)."""
    return table.removesuffix(".csv").replace("-", "_")


def read_tables(tidy_dir: Path | str) -> Tables:
    """Load every table listed in ``tidy.TABLES`` from ``tidy_dir``."""
    tidy = Path(tidy_dir)
    return typed_tables({field_name(name): read_frame(tidy / name, name) for name in TABLES})


def typed_tables(frames: dict[str, pd.DataFrame]) -> Tables:
    """The tables read by ``read_frame`` (by ``field_name``), typed: numbers, years, flags,
    and the profiled countries apart from the world. The frames are changed in place."""
    obs = frames["observations"]
    obs["year"] = obs["year"].astype(int)
    obs["value"] = obs["value"].astype(float)
    obs["out_of"] = pd.to_numeric(obs["out_of"])
    ev = frames["events"]
    ev["year"] = ev["year"].astype(int)
    for col in ("planned", "shown", "cited_only"):
        ev[col] = ev[col] == "true"
    frames["context"]["cited_only"] = frames["context"]["cited_only"] == "true"
    for name in ("amounts", "partners"):
        frames[name]["position"] = frames[name]["position"].astype(int)
    # Each value as written: 600000 stays an integer, 2.5 a decimal (a float column would print 600000.0).
    am = frames["amounts"]
    am["value"] = pd.Series([number(v) for v in am["value"]], index=am.index, dtype=object)
    pr = frames["practices"]
    for col in ("evidence_count", "evidence_strong", "evidence_weak"):
        pr[col] = pr[col].astype(int)
    world = frames["countries"]
    for col in ("synthetic", "un_member", "profiled"):
        world[col] = world[col] == "true"
    bm = frames["benchmarks"]
    bm["year"] = bm["year"].astype(int)
    bm["value"] = bm["value"].astype(float)
    bm["n"] = pd.to_numeric(bm["n"])
    frames["classifications"]["year"] = pd.to_numeric(frames["classifications"]["year"]).astype("Int64")
    _official_types(frames["egdi_groups"], frames["changes"])
    for col in ("edition", "compared", "agreeing", "differing"):
        frames["crosscheck"][col] = frames["crosscheck"][col].astype(int)
    stated = frames["crosscheck_stated"]
    stated["edition"] = stated["edition"].astype(int)
    stated["agrees"] = stated["agrees"] == "true"
    profiled = set(world.loc[world["profiled"], "country"])
    frames["world"] = world
    frames["countries"] = world[world["profiled"]].reset_index(drop=True)
    frames["world_observations"] = obs
    frames["observations"] = obs[obs["country"].isin(profiled)].reset_index(drop=True)
    return Tables(**frames)
