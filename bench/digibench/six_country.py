"""The real fact base: clean, no-op and incremental builds of the six-country report, and the baseline.

``six_country`` runs the builds in one project copy, in order (each edit builds on the
previous state), then the baseline and, unless skipped, the start-up measurements of
``startup`` on the built copy. ``baseline`` is the same notebooks run without the workflow.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time
from dataclasses import asdict
from pathlib import Path

from .copies import copy_project, edit_country, edit_notebook, edit_template, touch_inputs
from .measure import Run, env_for, measure, per_rule, phases, snakemake
from .paths import COUNTRY_NOTEBOOK
from .startup import kernel_startup, step_imports


def six_country(project: Path, tmp: Path, logs: Path, a: argparse.Namespace, skip: set[str], res: dict) -> dict:
    """The real fact base: clean, no-op, touched, and three kinds of edit; then the baseline."""
    work = copy_project(tmp / "six", project / "data" / "raw", project)
    countries = sorted(p.stem for p in (work / "data" / "raw" / "countries").glob("*.yaml"))
    runs: list[Run] = []
    edits: dict[str, str] = {}
    print(f"six-country report ({len(countries)} countries) in {work}")

    def step(name: str) -> Run:
        t_start = time.time()
        r = snakemake(work, name, logs, a.cores)
        r.jobs = [j for j in r.jobs if j["start"] >= t_start]
        print(f"  {name:32s} {r.wall_s:7.1f} s wall {r.cpu_s:7.1f} s CPU {r.tree_peak_mb:6.0f} MB  jobs {len(r.jobs)}")
        runs.append(r)
        return r

    t0 = time.time()
    clean = step("clean build")
    out: dict = {"countries": len(countries), "clean_rules": per_rule(clean.jobs), "clean_phases": phases(clean, t0)}
    noops = [step("no-op rebuild" if i == 0 else f"no-op rebuild #{i + 1}") for i in range(a.noop_repeats)]
    if noops and all(r.returncode == 0 for r in noops):
        out["noop_median_s"] = statistics.median(r.wall_s for r in noops)
        res["notes"].append(f"No-op rebuild: median of {len(noops)} runs {out['noop_median_s']:.2f} s wall.")
    edits["touched"] = touch_inputs(work)
    step("touch every input (no change)")
    edits["one country"] = edit_country(work, countries[0])
    step("edit one country's facts")
    edits["template"] = edit_template(work)
    step("edit the report template")
    edits["notebook"] = edit_notebook(work)
    step("edit the country notebook")
    out["edits"] = edits
    out["runs"] = [asdict(r) for r in runs]

    if "baseline" not in skip:
        print("baseline: papermill + nbconvert, one country after another")
        brun, n = baseline(work, tmp / "baseline", logs)
        print(f"  {'baseline':32s} {brun.wall_s:7.1f} s wall {brun.cpu_s:7.1f} s CPU {brun.tree_peak_mb:6.0f} MB")
        if brun.returncode != 0:
            print(f"  ! baseline failed; see {brun.log}")
        res["baseline"] = {"run": asdict(brun), "countries": n, "ratio": round(clean.wall_s / brun.wall_s, 2)}
    if "imports" not in skip:
        print("where the time goes: import time per step, kernel start-up")
        res["imports"] = step_imports(work, clean.jobs, logs)
        res["kernel"] = kernel_startup(work)
    return out


def baseline(built: Path, work: Path, logdir: Path) -> tuple[Run, int]:
    """Papermill then nbconvert, country after country, as a researcher would run them by hand.

    The fact slices and the .ipynb (converted from the jupytext source) are prepared before
    the clock starts; the baseline is charged only for executing and rendering.
    """
    import jupytext  # imported here: only the baseline needs it

    work.mkdir(parents=True)
    nb = jupytext.read(built / COUNTRY_NOTEBOOK)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    jupytext.write(nb, work / "country_profile.ipynb", fmt="ipynb")
    slices = sorted((built / "data" / "interim" / "countries").glob("*.json"))
    lines = ["set -e"]
    for s in slices:
        iso3 = s.stem
        shutil.copy2(s, work / s.name)
        lines.append(
            f"papermill country_profile.ipynb out/{iso3}.ipynb -k python3 -p iso3 {iso3}"
            f" -p facts_path {work / s.name} -p report_href ../report.html"
        )
        lines.append(f"jupyter nbconvert --to html out/{iso3}.ipynb")
    (work / "out").mkdir()
    (work / "baseline.sh").write_text("\n".join(lines) + "\n")
    env = env_for(built)
    run = measure("baseline", ["bash", "baseline.sh"], work, env, logdir)
    return run, len(slices)
