"""What a build was made from: a content hash of its inputs and the software versions.

The hash covers file contents and relative paths only (never mtimes, absolute paths or a
git commit), so a committed report does not go stale by being committed, and any two
checkouts of the same inputs agree on it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from importlib import metadata
from pathlib import Path

from . import inputfiles

#: What determines the published edition: every file under these paths (relative to the
#: project root), whatever its kind, so no input can be missed by a forgotten pattern; only
#: the artefacts editors, systems and tools leave there are not inputs (``inputfiles.py``).
INPUT_PATHS = (
    "Snakefile",
    "config",
    "data/raw",
    "data/snapshots",
    "data/crosscheck",
    "notebooks",
    "workflow",
    "requirements.lock",
)

#: Packages whose versions the reproducibility appendix reports.
REPORTED_PACKAGES = (
    "snakemake",
    "pandas",
    "matplotlib",
    "jupytext",
    "papermill",
    "nbconvert",
    "ipykernel",
    "jinja2",
    "jsonschema",
    "typst",
    "pyyaml",
    "citeproc-py",
    "bibtexparser",
)


def input_files(root: Path | str) -> list[Path]:
    """Every input file of the edition (``INPUT_PATHS``), sorted by relative path."""
    root = Path(root)
    found = {p for rel in INPUT_PATHS for p in inputfiles.files(root / rel)}
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def is_input(rel: str) -> bool:
    """Whether a path relative to the project lies in ``INPUT_PATHS`` (a source, never a
    build product)."""
    return any(rel == p or rel.startswith(p + "/") for p in INPUT_PATHS)


def input_hash(root: Path | str, files: list[Path] | None = None, digests: dict[str, bytes] | None = None) -> str:
    """sha256 over (relative path, content) of every input file (or of ``files``: paths
    absolute or relative to ``root``), in the order given. ``digests`` keeps each file's
    sha256 by path, for a process that hashes the same files for many jobs."""
    root = Path(root)
    h = hashlib.sha256()
    for path in files if files is not None else input_files(root):
        path = Path(path)
        rel = path.relative_to(root).as_posix() if path.is_absolute() else path.as_posix()
        digest = digests.get(rel) if digests is not None else None
        if digest is None:
            digest = hashlib.sha256((root / rel).read_bytes()).digest()
            if digests is not None:
                digests[rel] = digest
        h.update(rel.encode() + b"\0")
        h.update(digest)
    return h.hexdigest()


def versions() -> dict[str, str]:
    out = {}
    for name in REPORTED_PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def period_end(date: str) -> dt.date:
    """The last day a date as precise as "YYYY", "YYYY-MM" or "YYYY-MM-DD" can mean: a
    publisher's "2024-09" may be 17 September, so only the 30th is surely after it."""
    parts = [int(x) for x in str(date).split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return dt.date(*parts)


def edition_label(dates: list[str]) -> str:
    """The edition's date as precisely as the inputs give it: the newest date any source
    record or publisher's file carries (never the clock), e.g. "2024-09". Dates are compared
    by the last day they can mean, so the edition is dated at or after the publication of
    every input it uses: "2024-09" is newer than "2024-09-17", "2025" than "2025-07"."""
    best, label = dt.date(1970, 1, 1), "1970-01-01"
    for d in dates:
        if (end := period_end(str(d))) >= best:
            best, label = end, str(d)
    return label


def edition_date(dates: list[str]) -> dt.date:
    """The edition's day (for SOURCE_DATE_EPOCH): the last day its date can mean, never a
    day before the publication of an input it uses (the PDF would be dated before its data)."""
    return period_end(edition_label(dates))


def source_date_epoch(day: dt.date) -> int:
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())
