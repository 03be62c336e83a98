"""Command line of the workflow's steps: ``python -m digidip <step> ...``.

Each Snakemake rule calls one step; researchers can call them too (``validate`` above all).
Steps write their outputs atomically and exit non-zero with a readable message on bad input.
``STEPS`` is the table of every step: the function that runs it (in its stage's ``steps``
module, which imports the heavy libraries only when the step runs), its help and arguments.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass

from .analysis import steps as analysis
from .common.errors import UserError
from .edition import steps as edition
from .facts.problems import ValidationError
from .official import steps as official
from .render import steps as render
from .serve import steps as serve
from .tidy import steps as tidy

Arg = tuple[tuple[str, ...], dict]


def arg(*flags: str, **options: object) -> Arg:
    return flags, options


def required(*flags: str) -> tuple[Arg, ...]:
    return tuple(arg(flag, required=True) for flag in flags)


@dataclass(frozen=True)
class Step:
    run: Callable[[argparse.Namespace], int]
    help: str
    args: tuple[Arg, ...] = ()


RAW = arg("--raw", default="data/raw")
ROOT = arg("--root", default=".")
TABLES = arg("--tables", nargs="+", default=["data/tidy/observations.csv"], help="tidy tables (their folder is read)")

#: What the tidy steps read besides data/raw: the extracted official tables.
OFFICIAL = (
    arg("--official", nargs="+", required=True, help="the extracted observations.csv of every dataset"),
    arg("--benchmarks", required=True, help="the benchmarks table of the official statistics"),
)

STEPS = {
    # Stages 1 and 2: curated facts, checked with the official statistics they may cite
    "scaffold": Step(
        official.scaffold,
        "start the fact file of a new country (region from the official statistics)",
        (RAW, *required("--iso3")),
    ),
    "validate": Step(
        official.validate,
        "check every raw fact file and snapshot, and the references between them; print all problems",
        (
            RAW,
            arg("--snapshots", default=None, help="the snapshots folder (default: data/snapshots beside data/raw)"),
            arg("--cache-dir", default=None, help="where validated content is cached (default: .snakemake/digidip)"),
        ),
    ),
    "extract": Step(
        official.extract_dataset,
        "extract one dataset's snapshots into long tables",
        (RAW, *required("--folder", "--out")),
    ),
    "benchmarks": Step(
        official.benchmarks,
        "world, region and income-group statistics and percentiles of the official series",
        (RAW, arg("--observations", nargs="+", required=True), *required("--out")),
    ),
    "crosscheck": Step(
        official.crosscheck,
        "compare independent copies (data/crosscheck/) and stated values (stated-values.yaml) with the snapshots",
        (
            RAW,
            arg("--folder", default="data/crosscheck", help="the independent copies"),
            arg("--observations", nargs="+", required=True),
            *required("--agreement", "--differences", "--stated"),
        ),
    ),
    # Stage 3: tidy tables
    "tidy": Step(
        tidy.tidy,
        "write the tidy tables and their data package",
        (
            RAW,
            *OFFICIAL,
            arg("--snapshots", default="data/snapshots", help="the snapshots, whose sidecars the tables list"),
            arg("--package", default="data/tidy/datapackage.json", help="the data package; tables go beside it"),
            arg("--countries", default="", help="ISO3 codes to profile (default: every country with a file)"),
            arg("--crosscheck", nargs=3, help="the cross_check job's agreement, differences and stated-values tables"),
        ),
    ),
    # Stage 4: analysis
    "figures": Step(
        analysis.figures,
        "draw the comparative figures, each for the screen (<name>.svg) and for print (<name>.print.svg),"
        " and the data each draws (<name>.csv)",
        (
            arg("--names", nargs="+", required=True),
            TABLES,
            arg("--top-n", type=int, default=8),
            arg("--focus", nargs="*", default=None, help="the countries to draw (default: every profiled one)"),
            arg("--out", required=True, help="folder"),
            arg("--data-out", required=True, help="folder of the figures' CSVs and their data package"),
            arg("--outlines", help="the snapshot folder of the country outlines the maps draw"),
            arg(
                "--map-edition", type=int, default=None, help="the Survey's edition the maps draw (default: the latest)"
            ),
            arg("--countries", nargs="*", default=[], help="the profiled countries (their timelines' CSVs)"),
        ),
    ),
    # Stage 5: rendering
    "profile": Step(
        render.profile,
        "one country's profile: its fact slice, the executed notebook, its page and report fragment",
        (
            RAW,
            *OFFICIAL,
            arg("--iso3", nargs="+", required=True, help="the countries, profiled one after another"),
            *required("--source", "--title"),
            *(
                arg(f, required=True, help="path pattern with {iso3}")
                for f in ("--facts", "--notebook", "--page", "--fragment", "--data")
            ),
            arg("--sidecars", nargs="*", default=[], help="the snapshots' sidecars (the edition's date)"),
            arg("--engine", choices=("inprocess", "kernel"), default="inprocess", help="where the cells run"),
            arg("--kernel", default="python3", help="the Jupyter kernel (engine 'kernel' only)"),
            arg("--timeout", type=int, default=120, help="seconds a cell may run"),
        ),
    ),
    "report": Step(
        render.report,
        "assemble the self-contained HTML report",
        (
            TABLES,
            arg("--csl", required=True, help="the bibliography as CSL-JSON (data/tidy/sources.json)"),
            arg("--figures", nargs="+", required=True),
            arg("--figure-data", nargs="*", default=[], help="the figures' CSVs (the maps' tables of values)"),
            arg("--profiles", nargs="*", default=[], help="the report fragments of the countries profiled in full"),
            arg("--focus", nargs="*", default=None, help="the countries the report compares (default: every one)"),
            *required("--title"),
            ROOT,
            *required("--out"),
            arg("--print-out", help="also write the copy the PDF is made from (figures in print form)"),
            arg("--content-out", help="also write what the report says, as JSON (analysis/content.py)"),
        ),
    ),
    "pdf": Step(
        render.pdf,
        "print the report to a tagged PDF with Typst",
        (
            *required("--html"),
            *required("--out"),
            arg("--environment", help="write what the PDF's bytes depend on here (engine, standards, fonts)"),
        ),
    ),
    # Stage 6: the edition
    "publish": Step(
        edition.publish,
        "copy staged outputs into the edition (or a build folder) and write the manifest",
        (
            ROOT,
            arg("--edition", default=".", help="where to publish: '.' for the edition, builds/<name> otherwise"),
            arg("--build", default="", help="the build's name ('' for the edition)"),
            *required("--stage", "--config-json", "--environment"),
            arg("files", nargs="+"),
        ),
    ),
    "manifest": Step(
        edition.manifest,
        "write reports/manifest.json for the built edition",
        (ROOT, arg("--out", default="reports/manifest.json"), arg("files", nargs="*")),
    ),
    "verify": Step(
        edition.verify,
        "rebuild in a clean copy and compare with the published edition",
        (ROOT, arg("--cores", default="all")),
    ),
    "recover": Step(
        edition.recover,
        "before any build or check: check make's variables, clear a killed run's stale lock, "
        "complete its interrupted publish (or discard it if its staged files changed)",
        (
            arg("--dir", default="."),
            arg("--cores", help="make's CORES, checked: 'all' or a number"),
            arg("--countries", help="make's COUNTRIES, checked: ISO3 codes separated by spaces"),
            arg("--iso3", help="make's ISO3, checked: one ISO3 code"),
            arg("--port", help="make's PORT, checked: a TCP port"),
            arg("--host", help="make's HOST, checked: an address or host name"),
            arg("--map-edition", help="make's MAP_EDITION, checked: a year"),
            arg(
                "--if-current",
                action="store_true",
                help="make report: exit with status 100 when the edition already matches its inputs (nothing to build)",
            ),
        ),
    ),
    "environment": Step(edition.environment, "rewrite environment.yml from requirements.lock", (ROOT,)),
    # Stage 7: the live preview (make serve), never the edition
    "serve": Step(
        serve.serve,
        "serve the HTML preview on the loopback interface, rebuild it on every edit, reload the open page",
        (
            ROOT,
            arg("--site", default="data/interim/serve/reports", help="the folder served (relative to --root)"),
            arg("--host", default="127.0.0.1", help="the interface to listen on (default: loopback only)"),
            arg("--port", type=int, default=8000, help="the TCP port (0: any free one)"),
            arg("--cores", default="all"),
        ),
    ),
}


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="digidip", description=__doc__)
    sub = top.add_subparsers(dest="step", required=True)
    for name, step in STEPS.items():
        p = sub.add_parser(name, help=step.help)
        for flags, options in step.args:
            p.add_argument(*flags, **options)
        p.set_defaults(func=step.run)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except ValidationError as err:
        print(err.format(), file=sys.stderr)
        return 2
    except UserError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
