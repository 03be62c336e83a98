# Shared set-up: validate config and raw facts, discover countries, path helpers.
# Runs when Snakemake loads the workflow, so a bad fact file fails the run before any job.

import sys
from pathlib import Path

from snakemake.utils import validate

WORKFLOW_DIR = Path(workflow.basedir) / "workflow"
# The package lives in workflow/digidip: importable here, and by every job through PYTHONPATH.
sys.path.insert(0, str(WORKFLOW_DIR))
from digidip import jobenv

jobenv.prepare(WORKFLOW_DIR)

from digidip.problems import ValidationError
from digidip.tidy import TABLES, selected
from digidip import factcache
from digidip import figspecs as _figures

validate(config, schema="../schemas/config.schema.yaml")

RAW = Path("data/raw")
# Every output is built here first and published by publish_edition (publish.smk).
STAGE = "data/interim/stage"
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
FIGURES = sorted(_figures.SPECS)


def figure_caption(name):
    """The figure's caption, as the comparative report prints it."""
    return _figures.SPECS[name].caption


wildcard_constraints:
    iso3="|".join(COUNTRIES),
    figure="|".join(FIGURES),


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


def code(*patterns):
    """digidip modules and templates (globs relative to workflow/digidip) a job depends on.

    Listing code as input makes an edit rerun exactly the jobs that use it: a change to
    the report template reruns no notebook, a change to the profile code reruns them all.
    """
    pkg = WORKFLOW_DIR / "digidip"
    found = {p for pat in patterns for p in pkg.glob(pat)}
    return sorted(str(p.relative_to(Path(workflow.basedir))) for p in found)


def schema_files():
    """The JSON Schemas, as paths relative to the project (a moved copy stays up to date)."""
    return sorted(
        str(p.relative_to(Path(workflow.basedir)))
        for p in (WORKFLOW_DIR / "schemas").glob("*.yaml")
    )


CORE_CODE = (
    "__init__.py",
    "__main__.py",
    "problems.py",
    "yamlio.py",
    "schemas.py",
    "validate.py",
    "atomic.py",
    "tidy.py",
    "factcache.py",
)


def published_paths():
    """The edition's files, as the publish step writes them (manifest excluded)."""
    return (
        [f"data/tidy/{name}" for name in TABLES]
        + ["data/tidy/datapackage.json"]
        + [f"reports/countries/{c}.html" for c in COUNTRIES]
        + ["reports/report.html", "reports/report.pdf"]
    )


def input_files():
    """Everything the reproducibility appendix's input hash covers."""
    from digidip.provenance import input_files as _inputs

    return [
        str(p.relative_to(Path(workflow.basedir).resolve()))
        for p in _inputs(Path(workflow.basedir).resolve())
    ]
