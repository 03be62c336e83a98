"""Optional (``--synthetic``): clean builds of synthetic fact bases, and a straight-line fit of time against size.

Every synthetic country has a full curated file (bench/synthetic.py), which ``make world``
(official series for most countries) does not exercise; issue 16 measures the world build
instead (``world.py``), so this part runs only when asked for.

A build that hits the time limit is stopped and counted as missed; it is then let finish,
untimed, so that the legibility facts of the full-size report can still be collected.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import time
from dataclasses import asdict
from pathlib import Path

import synthetic  # bench/synthetic.py: bench/ is on sys.path wherever this package is importable

from .copies import copy_project
from .legibility import legibility
from .measure import completed, env_for, per_rule, phases, snakemake, snakemake_cmd
from .paths import PYTHON
from .world import linear_fit


def _run_quiet(cmd: list[str], work: Path) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=work, env=env_for(work), capture_output=True, text=True, check=False)


def _planned_jobs(work: Path, cores: int) -> int | None:
    """How many jobs a clean build of ``work`` has, from a dry run (None where it does not say)."""
    dry = _run_quiet(snakemake_cmd(cores, "-n", "--quiet", "rules"), work)
    total = re.search(r"^total\s+(\d+)", dry.stdout + dry.stderr, re.M)
    return int(total.group(1)) if total else None


def _finish(entry: dict, work: Path, logs: Path, n: int, a: argparse.Namespace) -> None:
    """Let a stopped build finish, untimed, into ``entry["finish"]``."""
    # Outside the measurement: let the stopped build finish, for its figures, report and
    # memory peak (the PDF comes last), and to learn how long the whole build takes.
    t1 = time.time()
    rest = snakemake(work, f"synthetic-{n}-finish", logs, a.cores, a.finish_limit)
    entry["finish"] = {**asdict(rest), "rules": per_rule(rest.jobs), "phases": phases(rest, t1)}
    print(
        f"       finishing it (not timed for the target): {rest.wall_s:7.1f} s more,"
        f" {rest.tree_peak_mb:6.0f} MB{' STOPPED' if rest.timed_out else ''}"
    )


def _one_size(n: int, work: Path, logs: Path, out: Path, a: argparse.Namespace) -> dict:
    """A timed clean build of the synthetic fact base in ``work``; finished untimed if stopped."""
    jobs_total = _planned_jobs(work, a.cores)
    t0 = time.time()
    r = snakemake(work, f"synthetic-{n}", logs, a.cores, a.scale_limit)
    entry = {
        "n": n,
        "run": asdict(r),
        "jobs_total": jobs_total,
        "jobs_done": len(r.jobs),
        "rules": per_rule(r.jobs),
        "phases": phases(r, t0),
    }
    print(
        f"  {n:4d} countries {r.wall_s:7.1f} s wall {r.cpu_s:7.1f} s CPU {r.tree_peak_mb:6.0f} MB"
        f"  jobs {len(r.jobs)}/{entry['jobs_total']}{' STOPPED' if r.timed_out else ''}"
    )
    if r.timed_out and a.finish_limit > 0:
        _finish(entry, work, logs, n, a)
    if r.ok or completed(entry.get("finish")):
        entry["legibility"] = legibility(work, out / f"scale-{n}", n)
    return entry


def scale(
    project: Path, tmp: Path, logs: Path, out: Path, a: argparse.Namespace, sizes: list[int], notes: list[str]
) -> dict:
    """Clean builds of synthetic fact bases; a straight-line fit of wall time against N."""
    runs = []
    print(f"scale: synthetic fact bases of {', '.join(map(str, sizes))} countries (limit {a.scale_limit:.0f} s each)")
    for n in sizes:
        raw = tmp / f"raw-{n}"
        synthetic.generate(n, raw, project=project)
        work = copy_project(tmp / f"scale-{n}", raw, project)
        check = _run_quiet([str(PYTHON), "-m", "digidip", "validate", "--raw", "data/raw"], work)
        if check.returncode != 0:
            msg = f"synthetic fact base of {n} countries does not validate; scale runs skipped: {check.stderr.strip()[-800:]}"
            print(f"  ! {msg}")
            notes.append(msg)
            break
        runs.append(_one_size(n, work, logs, out, a))
        shutil.rmtree(work, ignore_errors=True)
    done = [s for s in runs if completed(s["run"])]
    fit = linear_fit([s["n"] for s in done], [s["run"]["wall_s"] for s in done])
    res = {"runs": runs, "limit_s": a.scale_limit, "fit": fit, "fit_sizes": [s["n"] for s in done]}
    if fit:
        res["predicted_193_s"] = round(fit["intercept_s"] + fit["slope_s_per_country"] * 193, 1)
    return res
