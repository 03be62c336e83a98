# Shared set-up (digidip/common): the jobs' environment, the configuration, path helpers.

import sys
from pathlib import Path

from snakemake.utils import validate

WORKFLOW_DIR = Path(workflow.basedir) / "workflow"
# The package lives in workflow/digidip: importable here, and by every job through PYTHONPATH.
sys.path.insert(0, str(WORKFLOW_DIR))
from digidip.common import jobenv

jobenv.prepare(WORKFLOW_DIR)

validate(config, schema="../schemas/config.schema.yaml")

RAW = Path("data/raw")
# Every output is built here first and published by publish_edition (edition.smk).
STAGE = "data/interim/stage"


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


#: The code every step runs: the command line, the shared modules, and the validated
#: fact base it starts from.
CORE_CODE = (
    "__init__.py",
    "__main__.py",
    "*/__init__.py",
    "*/steps.py",
    "common/atomic.py",
    "facts/*.py",
)


def input_files():
    """Everything the reproducibility appendix's input hash covers."""
    from digidip.common.provenance import input_files as _inputs

    return [
        str(p.relative_to(Path(workflow.basedir).resolve()))
        for p in _inputs(Path(workflow.basedir).resolve())
    ]
