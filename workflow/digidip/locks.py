"""Clear Snakemake's working-directory lock when the run that took it is gone.

Snakemake locks the directory for the length of a run and removes the lock on exit; a run
killed outright (SIGKILL, power loss) leaves it behind and every later run then refuses to
start. Before a build we remove the lock only if no Snakemake process is working in this
directory, so two concurrent builds still exclude each other.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def snakemake_running_in(directory: Path) -> bool:
    """True if some process whose cwd is ``directory`` has "snakemake" in its command line."""
    target = directory.resolve()
    me = os.getpid()
    for proc in Path("/proc").glob("[0-9]*"):
        if int(proc.name) == me:
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ")
            if b"snakemake" in cmdline and Path(os.readlink(proc / "cwd")).resolve() == target:
                return True
        except (OSError, ValueError):
            continue  # gone, or not ours to inspect
    return False


def clear_stale(directory: Path = Path(".")) -> list[Path]:
    """Remove lock files left by a dead run; return what was removed."""
    locks = sorted((directory / ".snakemake" / "locks").glob("*"))
    if not locks or snakemake_running_in(directory):
        return []
    for lock in locks:
        lock.unlink(missing_ok=True)
    return locks


if __name__ == "__main__":
    removed = clear_stale(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("."))
    if removed:
        print(f"removed {len(removed)} stale Snakemake lock(s) left by an interrupted run")
