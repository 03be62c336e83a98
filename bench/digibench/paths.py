"""Where things are: this checkout, the interpreter and its venv."""

from __future__ import annotations

import sys
from pathlib import Path

#: bench/, the folder of the entry point (and of synthetic.py).
BENCH = Path(__file__).resolve().parent.parent
#: The checkout this bench belongs to.
ROOT = BENCH.parent
PYTHON = Path(sys.executable)
#: The venv's bin/, first on PATH for every measured command, as `make` has it.
BIN = PYTHON.parent
