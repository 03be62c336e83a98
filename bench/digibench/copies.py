"""Scratch copies of the project (``copy_project``, ``copy_edition``), clearing one for a clean build,
and the edit of one country's facts the incremental builds measure (never in the real working tree)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from digidip.common.provenance import INPUT_PATHS

from .measure import EDITION
from .paths import ROOT

#: What a copy of the project needs, as the tests copy it (data/raw comes separately): every
#: input of the edition but the raw data, and the files that install and drive the workflow.
CODE = (*(p for p in INPUT_PATHS if p != "data/raw"), "Makefile", "environment.yml")


def copy_project(dest: Path, raw: Path, source: Path = ROOT, config: Path | None = None) -> Path:
    """Copy the workflow code of ``source`` to ``dest`` with ``raw`` as data/raw (like conftest.copy_project)."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in CODE:  # Makefile among them: the bench runs make in the copy
        src = source / name
        if not src.exists():
            continue
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=ignore)
        else:
            shutil.copy2(src, dest / name)
    shutil.copytree(raw, dest / "data" / "raw")
    if config is not None:
        shutil.copy2(config, dest / "config" / "config.yaml")
    return dest


def copy_edition(source: Path, dest: Path) -> int:
    """Copy the published edition of ``source`` (reports/, data/tidy/) into the copy ``dest``,
    as a fresh clone has it (Snakemake's provenance report and a publish journal left out)."""
    ignore = shutil.ignore_patterns("provenance", ".publish-journal.json")
    n = 0
    for folder in EDITION:
        if (source / folder).is_dir():
            shutil.copytree(source / folder, dest / folder, ignore=ignore, dirs_exist_ok=True)
            n += sum(1 for p in (dest / folder).rglob("*") if p.is_file())
    return n


#: What a clean build starts without: the edition, the build records, every intermediate and log.
BUILD_STATE = (*EDITION, ".snakemake", "data/interim", "logs", "builds")


def remove_build_state(project: Path) -> None:
    """Remove the edition and the build records (``.snakemake``) with every intermediate."""
    for name in BUILD_STATE:
        shutil.rmtree(project / name, ignore_errors=True)


def edit_country(project: Path, iso3: str, mark: str = "Edited for the benchmark", base: str | None = None) -> str:
    """Prefix the first event title in one country's file with ``mark``; return a description.

    The title is printed on the country's page and in the report, so the edit changes output.
    ``base``: the file's text to edit (default: as it is now), written in one go.
    """
    path = project / "data" / "raw" / "countries" / f"{iso3}.yaml"
    text = path.read_text(encoding="utf-8") if base is None else base
    new, n = re.subn(r'(\btitle"?:\s*")', rf"\1{mark}: ", text, count=1)
    if n != 1:
        raise RuntimeError(f"no quoted title to edit in {path}")
    path.write_text(new, encoding="utf-8")
    return f"data/raw/countries/{iso3}.yaml: first event title prefixed with {mark!r}"
