"""Where things are: this checkout, the interpreter, and the places in the project the bench reaches into.

The places inside workflow/ and notebooks/ that the bench edits or imports are named here, one
constant each, because restructurings of the project move them: a move is then a one-line change.
"""

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

#: The report template, edited in one incremental build (relative to a project copy).
REPORT_TEMPLATE = Path("workflow/digidip/render/templates/report.html.j2")
#: The country notebook (jupytext source), edited in one incremental build and run by the baseline.
COUNTRY_NOTEBOOK = Path("notebooks/country_profile.py")
#: What the kernel start-up probe times in a fresh kernel: a digidip import the country notebook makes.
PROFILE_IMPORT = "from digidip.render import profile_html"
