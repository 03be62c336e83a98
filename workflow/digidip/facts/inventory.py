"""No file under data/raw/ goes unread: anything the workflow would not read stops it.

The workflow reads a fixed set of files (``SHARED``, each with the code that reads it, and
every ``countries/*.yaml``). Anything else (a country file saved as ``ARM.yml`` or copied
as ``KAZ copy.yaml``, a backup ``KAZ.yaml.bak``, a stray ``notes.txt``, a misnamed folder
``country/``, a hidden file) is a problem naming the file and what to do with it. Refusing
beats skipping: a researcher who saved ``ARM.yml`` expects Armenia in the report, and a
skipped file would leave it out without a word. What editors, operating systems and
Jupyter leave beside the files (a swap file, ``.DS_Store``, ``.ipynb_checkpoints/``) is
no input at all (``common/inputfiles.py``): never listed here, so never a problem; an open
editor does not stop the build.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path

from ..common.inputfiles import entries, files
from .problems import Problem

#: The files read directly under data/raw/, and what reads each.
SHARED = {
    "sources.yaml": "facts/validate.py (the bibliography)",
    "indicators.yaml": "facts/validate.py, official/steps.py (the indicator dictionary)",
    "frameworks.yaml": "facts/validate.py (concept, goals, directions)",
    "context.yaml": "facts/validate.py (regional and context facts)",
    "quality.yaml": "facts/validate.py (the data-quality record)",
    "country-names.yaml": "official/factbase.py, official/names.py (UN country names)",
    "un-membership.yaml": "facts/validate.py, official/membership.py (when the UN members joined)",
    "stated-values.yaml": "facts/stated_values.py, official/stated.py (survey values stated by published pages)",
}
#: The folder of country files, each read by facts/validate.py.
COUNTRIES = "countries"
#: A country file's extension, exactly (the loader matches it case-sensitively).
SUFFIX = ".yaml"

_BACKUP = (".bak", ".orig", ".old", ".tmp", ".backup", ".save", ".copy")


def country_files(raw: Path) -> list[Path]:
    """The country files the loader reads: regular files ``countries/*.yaml``, not hidden
    (``.KAZ.yaml`` is refused as a hidden file, not parsed as a country)."""
    folder = raw / COUNTRIES
    if not folder.is_dir():
        return []
    return [p for p in entries(folder) if p.is_file() and p.name.endswith(SUFFIX) and not p.name.startswith(".")]


def unread_files(raw: Path, rel: Callable[[Path], str]) -> list[Problem]:
    """One problem per file or folder under ``raw`` that the workflow would not read."""
    if not raw.is_dir():
        return []  # the missing required files are reported where they are read
    problems = []
    for path in entries(raw):
        if path.is_file() and path.name in SHARED:
            continue
        if path.is_dir() and path.name == COUNTRIES:
            read = set(country_files(raw))
            problems += [_problem(p, rel, in_countries=True) for p in entries(path) if p not in read]
            continue
        problems.append(_problem(path, rel, in_countries=False))
    return problems


def _problem(path: Path, rel: Callable[[Path], str], in_countries: bool) -> Problem:
    name = rel(path) + ("/" if path.is_dir() else "")
    return Problem(name, "", "", "not read: " + _advice(path, in_countries))


def _advice(path: Path, in_countries: bool) -> str:
    """Why the workflow does not read ``path`` and what to do with it."""
    name = path.name
    if path.is_dir():
        return _folder_advice(path, in_countries)
    if name.startswith("."):
        return "a hidden file, never read; delete it or move it out of data/raw/"
    if name.lower().endswith(_BACKUP) or ".yaml." in name.lower() or ".yml." in name.lower():
        return "a backup or copy (git keeps the history); delete it, or move it out of data/raw/"
    stem, suffix = path.stem, path.suffix
    if suffix.lower() in (".yml", ".yaml"):
        return _yaml_advice(path, stem, in_countries)
    where = "data/raw/countries/ holds only <ISO3>.yaml country files" if in_countries else _READ_HERE
    return f"{where}; move it out of data/raw/ (a note on a record belongs in its note field)"


_READ_HERE = "data/raw/ holds only " + ", ".join(SHARED) + " and countries/<ISO3>.yaml"


def _yaml_advice(path: Path, stem: str, in_countries: bool) -> str:
    """A YAML file in the wrong place or with the wrong extension."""
    target = f"{stem}{SUFFIX}"
    # Compared by name, not exists(): on a case-insensitive disk ARM.YAML "exists" as ARM.yaml.
    exists = target != path.name and any(p.name == target for p in path.parent.iterdir())
    if in_countries:
        if exists:
            return f"country files end in {SUFFIX}, and {target} exists too; merge the two into {target} and delete this one"
        return f"country files end in {SUFFIX}; rename it to {target}"
    if target in SHARED:
        return f"{target} exists too; merge the two and delete this one" if exists else f"rename it to {target}"
    if re.fullmatch(r"[A-Z]{3}", stem):
        return f"country files go in data/raw/countries/; move it to data/raw/countries/{target}"
    close = difflib.get_close_matches(target, list(SHARED), n=1, cutoff=0.8)
    if close:
        return f"did you mean {close[0]}? merge its records into {close[0]}, or rename it if that file is missing"
    return f"{_READ_HERE}; merge its records into one of them, or move it out of data/raw/"


def _folder_advice(path: Path, in_countries: bool) -> str:
    holds = sorted(p.name for p in files(path))
    listing = f" (it holds {', '.join(holds[:5])}{', ...' if len(holds) > 5 else ''})" if holds else " (empty)"
    if in_countries:
        return f"a folder{listing}; country files are read only directly in data/raw/countries/: move them up, or delete the folder"
    if difflib.get_close_matches(path.name.lower(), [COUNTRIES], n=1, cutoff=0.7):
        return f"a folder the workflow does not know{listing}; country files go in data/raw/countries/: move them there"
    return f"a folder the workflow does not know{listing}; the only folder read is data/raw/countries/: move it out of data/raw/"
