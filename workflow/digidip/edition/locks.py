"""Clear Snakemake's working-directory lock when the run that took it is gone.

Snakemake locks the directory for the length of a run and removes the lock on exit; a run
killed outright (SIGKILL, power loss) leaves it behind and every later run then refuses to
start. Before a build we remove the lock only if no Snakemake process is working in this
directory, so two concurrent builds still exclude each other.
"""

from __future__ import annotations

import os
from pathlib import Path


def is_snakemake(argv: list[str]) -> bool:
    """True for ``snakemake ...``, ``python .../bin/snakemake ...`` and ``python -m snakemake ...``."""
    for i, arg in enumerate(argv[:3]):
        if Path(arg).name == "snakemake" or (arg == "-m" and i + 1 < len(argv) and argv[i + 1] == "snakemake"):
            return True
    return False


def _ancestors() -> set[int]:
    """This process and its parents (the make recipe's shell mentions .snakemake/locks)."""
    pids, pid = set(), os.getpid()
    while pid > 1 and pid not in pids:
        pids.add(pid)
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            pid = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            break
    return pids


def snakemake_running_in(directory: Path) -> bool:
    """True if a Snakemake process is working in ``directory``."""
    target = directory.resolve()
    mine = _ancestors()
    for proc in Path("/proc").glob("[0-9]*"):
        if int(proc.name) in mine:
            continue
        try:
            argv = [a.decode(errors="replace") for a in (proc / "cmdline").read_bytes().split(b"\0") if a]
            if is_snakemake(argv) and Path(os.readlink(proc / "cwd")).resolve() == target:
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
