"""Environment every job inherits, set once when the workflow loads.

Jobs run ``python -m digidip ...`` and notebook kernels import ``digidip``; both must find
the package and the interpreter that runs Snakemake (the project's .venv), on a workstation
or on a cluster node, without installing anything.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def prepare(workflow_dir: Path) -> None:
    """Point PATH at this interpreter, PYTHONPATH at the package, and fix the hash seed."""

    def prepend(var: str, value: str) -> None:
        parts = [value] + [p for p in os.environ.get(var, "").split(os.pathsep) if p and p != value]
        os.environ[var] = os.pathsep.join(parts)

    prepend("PATH", str(Path(sys.executable).parent))
    prepend("PYTHONPATH", str(workflow_dir))
    # Any dict or set order that leaks into an output is then the same in every run.
    os.environ["PYTHONHASHSEED"] = "0"
