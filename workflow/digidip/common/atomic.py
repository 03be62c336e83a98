"""Write outputs atomically: a temporary file in the same folder, then one rename.

A build killed half-way then leaves either the old file or the new one, never a truncated
file that Snakemake (which trusts whatever exists with a newer mtime) would accept later.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_path(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success rename it onto ``target``."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Hidden, and ending like the target (".tmp.ipynb") so tools that check extensions accept it.
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=f".tmp{target.suffix}", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, target)
    finally:
        tmp_path.unlink(missing_ok=True)


def write_bytes(target: Path | str, data: bytes) -> None:
    """Atomically replace ``target`` with ``data``."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text(target: Path | str, text: str) -> None:
    """Atomically replace ``target`` with UTF-8 ``text`` (newlines kept as "\\n")."""
    write_bytes(target, text.encode("utf-8"))
