"""Command-line steps of the official-statistics stage (``python -m digidip validate|extract|benchmarks``)."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path


def validate(a: argparse.Namespace) -> int:
    """Check the snapshots and every curated file, and the references between them."""
    from .factbase import load

    raw = Path(a.raw)
    base = raw.parent.parent
    checked = load(raw, base, Path(a.cache_dir) if a.cache_dir else base / ".snakemake" / "digidip", a.snapshots)
    fb, datasets = checked.fb, checked.datasets
    n_obs = sum(len(c["observations"]) for c in fb.countries.values())
    n_ev = sum(len(c["events"]) for c in fb.countries.values())
    n_snap = sum(len(s) for s in datasets.values())
    print(
        f"ok: {len(fb.countries)} countries, {n_obs} observations, {n_ev} events, {len(fb.context)} context facts, {len(fb.sources)} sources, {len(fb.quality)} quality issues"
        f"; {n_snap} snapshots in {len(datasets)} datasets, checksums verified; {len(checked.members)} UN member states"
    )
    return 0


def extract_dataset(a: argparse.Namespace) -> int:
    """One dataset's snapshots -> its observations and classifications tables."""
    from ..common import atomic
    from ..common.csvtext import to_csv
    from . import extract
    from .factbase import dictionary, names
    from .snapshots import read_dataset

    base = Path(".")
    snaps, problems = read_dataset(Path(a.folder), base)
    if problems:
        from ..facts.problems import ValidationError

        raise ValidationError(problems, what="the snapshots")
    observations, groups = extract.extract_dataset(snaps, names(Path(a.raw), base), dictionary(Path(a.raw), base))
    out = Path(a.out)
    atomic.write_text(out, to_csv(observations, extract.OBSERVATION_COLUMNS))
    atomic.write_text(out.with_name("groups.csv"), to_csv(groups, extract.GROUP_COLUMNS))
    logging.info(
        "%s: %s values by kind of entity, %d classifications", a.folder, extract.counts(observations), len(groups)
    )
    return 0


def benchmarks(a: argparse.Namespace) -> int:
    """Every dataset's values -> medians, quartiles and percentiles among UN members."""
    from ..common import atomic
    from ..common.csvtext import to_csv
    from ..facts.yamlio import load_yaml
    from . import benchmarks as bm
    from . import membership
    from .data import load

    doc, _ = load_yaml(Path(a.raw) / "indicators.yaml")
    better_low = {i["id"] for i in doc["indicators"] if i.get("higher_is_better") is False}
    rows = bm.compute(load(a.observations), better_low, membership.read(a.raw))
    atomic.write_text(a.out, to_csv(rows, bm.COLUMNS))
    return 0


def crosscheck(a: argparse.Namespace) -> int:
    """Independent copies (data/crosscheck/) and the values published pages state
    (data/raw/stated-values.yaml) against the extracted snapshots: agreement and differences."""
    from ..common import atomic
    from ..common.csvtext import to_csv
    from ..facts.yamlio import load_yaml
    from . import crosscheck as cc
    from . import stated
    from .data import load
    from .factbase import dictionary, names

    base = Path(".")
    copies = cc.load_copies(Path(a.folder), base)
    official = load(a.observations)
    raw = Path(a.raw)
    agreement, differences = cc.compare(copies, official.observations, names(raw, base), dictionary(raw, base))
    rows, stated_agreement, stated_differences = stated.compare(stated.read(a.raw), official.observations)
    agreement += stated_agreement
    differences += stated_differences
    atomic.write_text(a.stated, to_csv(rows, stated.STATED_COLUMNS))
    quality_file = Path(a.raw) / "quality.yaml"
    doc, _ = load_yaml(quality_file)
    decided = cc.decide(differences, doc["issues"])
    atomic.write_text(a.agreement, to_csv(agreement, cc.AGREEMENT_COLUMNS))
    atomic.write_text(a.differences, to_csv(decided, cc.DIFFERENCE_COLUMNS))
    compared = sum(r["compared"] for r in agreement)
    logging.info(
        "%d copies and %d stated values: %d values compared, %d differ",
        len(copies),
        len(rows),
        compared,
        len(differences),
    )
    return 0


def scaffold(a: argparse.Namespace) -> int:
    """Start the curated file of a new country, its region taken from the official statistics."""
    from ..common.makevars import check_iso3
    from ..facts.scaffold import write
    from . import extract
    from .factbase import dictionary, names
    from .snapshots import load_all

    raw = Path(a.raw)
    base = raw.parent.parent
    iso3 = check_iso3(a.iso3)
    region = None
    for snaps in load_all(base / "data" / "snapshots", base).values():
        groups = extract.extract_dataset(snaps, names(raw, base), dictionary(raw, base))[1]
        region = next(
            (g["value"] for g in groups if g["country"] == iso3 and g["classification"] == "wdi_region"), region
        )
    path = write(raw, iso3, region)
    print(
        f"wrote {path}: check its region, then add facts (see docs/data-model.md) and run 'make validate';"
        " its official series come from data/snapshots/"
    )
    return 0
