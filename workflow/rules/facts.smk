# Stage 1 (digidip/facts): validate every raw fact file and discover the countries.
# Runs when Snakemake loads the workflow, so a bad fact file fails the run before any job.

from digidip.facts import cache as factcache
from digidip.facts.problems import ValidationError
from digidip.tidy.tables import TABLES, selected

try:
    FACTBASE = factcache.load(
        RAW, cache=".snakemake/digidip/factbase.json", root=Path(".")
    )
except ValidationError as err:
    raise WorkflowError(err.format()) from None
try:
    COUNTRIES = selected(FACTBASE, config["countries"])
except ValueError as err:
    raise WorkflowError(str(err)) from None


wildcard_constraints:
    iso3="|".join(COUNTRIES),


def shared_raw_files():
    """Raw files every country's facts can depend on (registries, official series, context)."""
    files = [
        RAW / "sources.yaml",
        RAW / "indicators.yaml",
        RAW / "frameworks.yaml",
        RAW / "context.yaml",
        RAW / "quality.yaml",
    ]
    files += sorted((RAW / "official").glob("*.yaml"))
    return [str(f) for f in files if f.exists()]


def all_raw_files():
    return shared_raw_files() + [f"data/raw/countries/{c}.yaml" for c in COUNTRIES]
