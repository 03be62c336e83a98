# Shared set-up (digidip/common): the jobs' environment, the configuration, path helpers.

import shlex
import sys
from pathlib import Path

from snakemake.utils import validate

WORKFLOW_DIR = Path(workflow.basedir) / "workflow"
# The package lives in workflow/digidip: importable here, and by every job through PYTHONPATH.
sys.path.insert(0, str(WORKFLOW_DIR))
from digidip.common import codedeps, inputfiles, jobenv, provenance

jobenv.prepare(WORKFLOW_DIR)
# What step_code() parses is kept between runs (per file, while the file is unchanged).
codedeps.use_cache(Path(".snakemake/digidip/codedeps.json"))

validate(config, schema="../schemas/config.schema.yaml")

import json

import yaml
from digidip.edition.place import place

RAW = Path("data/raw")
# The published edition is written only by a build of the committed configuration; any other
# (a subset of countries, a setting changed on the command line) publishes under builds/<name>/
# and works under data/interim/builds/<name>/ (digidip/edition/place.py).
with open("config/config.yaml", encoding="utf-8") as _f:
    COMMITTED_CONFIG = yaml.safe_load(_f)
PLACE = place(config, COMMITTED_CONFIG)
# Outputs that depend on the configuration are built here; published by publish_edition.
WORK = PLACE.work
STAGE = PLACE.stage
LOGS = PLACE.logs


def step_code(step, notebook=None):
    """The code files `python -m digidip <step>` runs (and a notebook's imports), derived from
    the imports in the source (digidip/common/codedeps.py), relative to the project.

    Listing code as input makes an edit rerun exactly the jobs that run it: a change to the
    report template reruns no notebook, a change to the profile code reruns them all.
    """
    from digidip.__main__ import STEPS
    from digidip.common import codedeps

    run = STEPS[step].run
    extra = codedeps.notebook_modules(Path(notebook)) if notebook else set()
    base = Path(workflow.basedir).resolve()
    return [
        str(p.relative_to(base))
        for p in codedeps.code_files(run.__module__, run.__name__, extra)
    ]


def source_files(folder):
    """Every file under ``folder`` (relative to the project), as paths relative to it, sorted:
    every input folder is listed by digidip/common/inputfiles.py, which leaves out what
    editors, systems and Jupyter leave there (a swap file is no input, so it reruns nothing).
    """
    return sorted(str(p) for p in inputfiles.files(Path(folder)))


def schema_files():
    """The JSON Schemas, as paths relative to the project (a moved copy stays up to date)."""
    return [p for p in source_files("workflow/schemas") if p.endswith(".yaml")]


def font_files():
    """The fonts the PDF embeds (common/fonts.FONT_DIR, with their licence), relative to the project."""
    from digidip.common.fonts import FONT_DIR

    return source_files(FONT_DIR.relative_to(Path(workflow.basedir).resolve()))


def input_files():
    """Everything the reproducibility appendix's input hash covers."""
    base = Path(workflow.basedir).resolve()
    return [str(p.relative_to(base)) for p in provenance.input_files(base)]


# Content decides what reruns, not clocks. Snakemake 9 reruns a job for an input file only
# when the file is newer than the job's oldest output (and then only if its checksum
# changed): an edit that arrives with an older mtime (cp -p, rsync -t, tar x, touch -d) is
# never seen, and no --rerun-triggers option compares the content of an older input
# ("mtime" is the only one that looks at files; "input" compares their names). A changed
# parameter reruns a job whatever the clocks say ("params", a default trigger that the
# local profile lists), so every rule carries the content hash of the source files among
# its inputs as a parameter. It is a function of the wildcards alone: Snakemake ignores a
# parameter computed from `input` (a change of input is its "input" trigger's business).
_DIGESTS = {}


def content_hash(rule_name):
    """A `params:` function: sha256 over the path and bytes of each source file (under
    provenance.INPUT_PATHS, never a build product) among the inputs of rule ``rule_name``.
    """

    def digest(wildcards):
        paths = set()
        for item in getattr(rules, rule_name).input:
            value = item(wildcards) if callable(item) else item
            paths |= {str(value)} if isinstance(value, str) else {str(v) for v in value}
        sources = sorted(p for p in paths if provenance.is_input(p))
        return provenance.input_hash(Path("."), sources, _DIGESTS)

    return digest


# Paths of one country's profile outputs ({iso3} filled in by profile_paths).
PROFILE_OUTPUTS = {
    "facts": f"{WORK}/countries/{{iso3}}.json",
    "notebook": f"{WORK}/notebooks/{{iso3}}.ipynb",
    "page": f"{STAGE}/reports/countries/{{iso3}}.html",
    "fragment": f"{WORK}/profiles/{{iso3}}.html",
    # The data its timeline draws, published beside the report's figures' data.
    "data": f"{STAGE}/reports/figures/countries/{{iso3}}-timeline.csv",
}

PATTERN_ARGS = " ".join(f"--{k} {shlex.quote(v)}" for k, v in PROFILE_OUTPUTS.items())


def profile_paths(kind, codes):
    """The paths of one kind of profile output (facts, notebook, page, fragment, data) for ``codes``."""
    return [PROFILE_OUTPUTS[kind].format(iso3=c) for c in codes]
