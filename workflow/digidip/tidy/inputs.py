"""What the tidy stage reads: the validated curated facts, the extracted official tables,
the snapshots' sidecars, and which countries this build profiles."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..common.errors import UserError
from ..facts.factbase import FactBase
from ..official.data import Official
from ..official.names import display_name


@dataclass
class TidyInput:
    fb: FactBase
    countries: list[str]  # the countries this build profiles, in code order
    official: Official
    snapshots: list[dict] = field(default_factory=list)  # sidecars, each with its "path"
    #: The cross-checks of the official files (official/crosscheck.py, official/stated.py):
    #: "agreement", "differences" and "stated" rows, as the cross_check job wrote them (empty
    #: when not given).
    crosscheck: dict[str, list[dict]] = field(default_factory=dict)

    def country(self, iso3: str) -> dict:
        """A profiled country's curated document; a country with no file has no curated facts."""
        if iso3 in self.fb.countries:
            return self.fb.countries[iso3]
        region = self.official.classifications().get(iso3, {}).get("wdi_region", "")
        meta = {"iso3": iso3, "name": display_name(iso3), "region": region}
        return {"country": meta, "observations": [], "events": [], "practices": [], "file": None}


#: The configuration's word for every UN member state (``countries: un-members``).
UN_MEMBERS = "un-members"


def selected(fb: FactBase, requested: list[str] | str | None, members: list[str]) -> list[str]:
    """The countries to profile: all with a file, every UN member (``un-members``, plus any
    other country with a file), or the configured ones (each needs a file or official series)."""
    if requested == UN_MEMBERS:
        return sorted(set(members) | set(fb.countries))
    if not requested:
        return sorted(fb.countries)
    unknown = sorted(set(requested) - set(fb.countries) - set(members))
    if unknown:
        raise UserError(
            "configured countries have neither a file in data/raw/countries/ nor official series as UN members: "
            + ", ".join(unknown)
        )
    return sorted(set(requested))


def batches(codes: list[str], size: int) -> dict[str, list[str]]:
    """Consecutive runs of ``size`` codes (the last may be shorter), each named for its
    first and last code ("KAZ", "KAZ_to_TJK"): the countries one profile job takes."""
    out = {}
    for i in range(0, len(codes), size):
        run = codes[i : i + size]
        out[run[0] if len(run) == 1 else f"{run[0]}_to_{run[-1]}"] = run
    return out


def focus(fb: FactBase, countries: list[str], requested: list[str]) -> list[str]:
    """The countries the report compares and its figures draw: the configured ones, or else
    those with a curated file, or else all of them (a build of official series only)."""
    if requested:
        outside = sorted(set(requested) - set(countries))
        if outside:
            raise UserError("report.focus names countries this build does not profile: " + ", ".join(outside))
        return sorted(set(requested))
    curated = [c for c in countries if c in fb.countries]
    return curated or list(countries)


def load_input(
    raw: str, countries: list[str], observations: list[str], benchmarks: str, snapshots: str | None
) -> TidyInput:
    """What a tidy job reads, and nothing else: the shared raw files and the profiled countries'
    files, the extracted official tables and, for the tables job, the snapshots' sidecars.

    The workflow validated everything when it loaded; a job re-reads its own inputs rather
    than a cache of the whole base, so it depends on exactly the files it declares.
    """
    from ..facts.validate import load_factbase
    from ..official import data
    from ..official.snapshots import load_all

    official = data.load(observations, benchmarks)
    ids = {r["fact_id"] for r in official.observations if r["entity_kind"] == "country"}
    with_file = [c for c in countries if (Path(raw) / "countries" / f"{c}.yaml").exists()]
    fb = load_factbase(raw, known_ids=ids, only=with_file)
    metas = []
    if snapshots is not None:
        base = Path(raw).parent.parent
        metas = [{**s.meta, "path": s.display} for snaps in load_all(Path(snapshots), base).values() for s in snaps]
    return TidyInput(fb, selected(fb, countries, official.members()), official, metas)


def build_input(
    raw: str | Path,
    base: str | Path,
    cache_dir: str | Path,
    snapshot_root: str | Path | None = None,
    countries: list[str] | None = None,
) -> TidyInput:
    """Validate the inputs and extract the official tables in this process (tests and tools)."""
    from ..official import benchmarks, membership
    from ..official.factbase import load, names

    checked = load(raw, base, cache_dir, snapshot_root)
    better_low = {i for i, ind in checked.fb.indicators.items() if ind.get("higher_is_better") is False}
    official = benchmarks.from_snapshots(
        checked.datasets, names(Path(raw), Path(base)), checked.fb.indicators, better_low, membership.read(raw)
    )
    metas = [{**s.meta, "path": s.display} for snaps in checked.datasets.values() for s in snaps]
    return TidyInput(checked.fb, selected(checked.fb, countries or [], checked.members), official, metas)
