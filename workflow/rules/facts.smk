# Stage 1 (digidip/facts): validate every raw fact file, verify every snapshot, and
# discover the countries. Runs when Snakemake loads the workflow, so bad input fails the
# run before any job. Curated records may cite official facts (data/snapshots/), so the
# check runs through the official stage, which knows their ids (digidip/official/factbase.py).
# Any file under data/raw/ it would not read (ARM.yml, notes.txt, a misnamed folder) is a
# problem too (digidip/facts/inventory.py): the countries found here are all there are.

from digidip.official import factbase as inputs
from digidip.common.errors import UserError
from digidip.facts.problems import ValidationError
from digidip.tidy.inputs import batches, focus, selected
from digidip.tidy.tables import TABLES

try:
    INPUTS = inputs.load(RAW, Path("."), ".snakemake/digidip")
except ValidationError as err:
    raise WorkflowError(err.format()) from None
try:
    COUNTRIES = selected(INPUTS.fb, config["countries"], INPUTS.members)
    # The countries the report compares and draws; the first full_profiles of them are
    # profiled in full in the report, every other country gets one row (render.smk).
    FOCUS = focus(INPUTS.fb, COUNTRIES, config["report"]["focus"])
except UserError as err:
    raise WorkflowError(str(err)) from None
FULL = FOCUS[: config["report"]["full_profiles"]]


wildcard_constraints:
    iso3="|".join(COUNTRIES),


def shared_raw_files():
    """Raw files every country's facts can depend on (registries, context, quality record, names)."""
    files = [
        RAW / "sources.yaml",
        RAW / "indicators.yaml",
        RAW / "frameworks.yaml",
        RAW / "context.yaml",
        RAW / "quality.yaml",
        RAW / "country-names.yaml",
    ]
    return [str(f) for f in files if f.exists()]


def country_files():
    """The curated file of every profiled country that has one."""
    return [
        f"data/raw/countries/{c}.yaml" for c in COUNTRIES if c in INPUTS.fb.countries
    ]


def all_raw_files():
    return shared_raw_files() + country_files()


def snapshot_files():
    """Every vendored file and sidecar (each job that validates the inputs reads them all)."""
    return source_files("data/snapshots")
