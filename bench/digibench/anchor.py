"""The naive anchor of issue 16: six minimal pandas + matplotlib notebooks, each run with the
papermill CLI and rendered with ``jupyter nbconvert --to html``, one after another.

This is how a researcher would work without the workflow, reduced to its bare cost: every
notebook pays a kernel's start-up, the pandas and matplotlib imports, one small frame, one
line plot shown inline, and nbconvert's start-up and HTML export. The notebooks are written
before the clock starts; the anchor is charged only for executing and rendering them. It runs
in the project's .venv, with its ``python3`` kernel (the one the workflow names), in a
temporary folder of its own.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat

from .measure import Run, env_for, measure

#: One notebook per country of the six-country report.
COUNTRIES = ("KAZ", "KGZ", "TJK", "TKM", "UKR", "UZB")

PARAMETERS = 'iso3 = "KAZ"\nstart = 2010\n'
FRAME = """import pandas as pd

years = list(range(start, start + 14))
frame = pd.DataFrame({"year": years, "value": [(y - start) ** 1.5 for y in years]})
frame["change"] = frame["value"].diff()
frame.describe()"""
PLOT = """import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(6, 3))
ax.plot(frame["year"], frame["value"], marker="o")
ax.set_title(f"{iso3}: a minimal series")
ax.set_xlabel("year")
plt.show()"""


def notebook() -> nbformat.NotebookNode:
    """A parameters cell, a small pandas frame, a matplotlib line plot shown inline."""
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(PARAMETERS)
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Minimal profile"), params]
    nb.cells += [nbformat.v4.new_code_cell(FRAME), nbformat.v4.new_code_cell(PLOT)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def script(countries: tuple[str, ...] = COUNTRIES) -> str:
    """The shell script the anchor times: papermill then nbconvert, notebook after notebook."""
    lines = ["set -e"]
    for iso3 in countries:
        lines.append(f"papermill minimal.ipynb out/{iso3}.ipynb -k python3 -p iso3 {iso3} --no-progress-bar")
        lines.append(f"jupyter nbconvert --to html out/{iso3}.ipynb")
    return "\n".join(lines) + "\n"


def anchor(project: Path, work: Path, logdir: Path, name: str = "anchor") -> Run:
    """Time the anchor once, in a fresh ``work`` folder (removed first), with the .venv on PATH."""
    if work.exists():
        shutil.rmtree(work)
    (work / "out").mkdir(parents=True)
    nbformat.write(notebook(), work / "minimal.ipynb")
    (work / "anchor.sh").write_text(script())
    run = measure(name, ["bash", "anchor.sh"], work, env_for(project), logdir)
    produced = sorted(p.name for p in (work / "out").glob("*.html"))
    if run.ok and len(produced) != len(COUNTRIES):
        run.returncode = 1
    return run
