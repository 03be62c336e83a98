"""Publish a finished build: copy the staged outputs into the edition, the manifest last."""

from __future__ import annotations

from pathlib import Path

from ..common.atomic import write_bytes, write_text
from .manifest import MANIFEST, manifest, published_files


def publish(root: Path, stage: str, staged: list[str]) -> list[str]:
    """Copy staged files to their published place, drop stale ones, write the manifest last.

    ``staged`` paths start with ``stage``; the rest of each path is where it is published.
    Each copy is atomic, so an interrupted publish leaves every file whole.
    """
    prefix = stage.rstrip("/") + "/"
    targets = []
    for path in sorted(staged):
        if not path.startswith(prefix):
            raise ValueError(f"{path} is not under the stage directory {stage}")
        rel = path[len(prefix) :]
        write_bytes(root / rel, (root / path).read_bytes())
        targets.append(rel)
    for rel in sorted(set(published_files(root)) - set(targets)):
        (root / rel).unlink()  # e.g. the page of a country no longer in the build
    write_text(root / MANIFEST, manifest(root, targets))
    return targets
