"""Where the time goes before any work is done: Python import time of every step, Jupyter kernel
start-up (what each of the anchor's notebooks pays), and a profile of the no-op ``make report``."""

from __future__ import annotations

import pstats
import re
import subprocess
import tempfile
import time
from pathlib import Path

from .measure import env_for, snakemake_cmd
from .paths import PYTHON

#: What the kernel probe times in a fresh kernel: the imports of the anchor's notebooks.
ANCHOR_IMPORT = "import pandas, matplotlib.pyplot"

IMPORT_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def import_profile(stderr: str) -> dict:
    """Total import time and the heaviest top-level packages from ``-X importtime`` output."""
    total_us = 0
    packages: dict[str, int] = {}
    for line in stderr.splitlines():
        m = IMPORT_LINE.match(line)
        if not m:
            continue
        cumulative, depth, name = int(m.group(2)), len(m.group(3)) - 1, m.group(4)
        if depth == 0:
            total_us += cumulative
        if "." not in name and not name.startswith("_") and name != "digidip":
            packages[name] = max(packages.get(name, 0), cumulative)
    heavy = sorted(packages.items(), key=lambda kv: -kv[1])[:4]
    return {"import_s": round(total_us / 1e6, 2), "heaviest": {k: round(v / 1e6, 2) for k, v in heavy if v >= 50_000}}


def step_imports(project: Path, jobs: list[dict], logdir: Path) -> dict[str, dict]:
    """Re-run one job of each rule with ``python -X importtime``: wall time and import time of the step."""
    out: dict[str, dict] = {}
    seen: set[str] = set()
    env = env_for(project)
    for job in jobs:
        rule, cmd = job["rule"], job.get("shellcmd")
        if rule in seen or not cmd or not cmd.startswith("python "):
            continue
        seen.add(rule)
        # Without the job's log redirection, so that the import times come back on stderr.
        cmd = re.sub(r"\s*>\s*\S+\s+2>&1\s*$", "", cmd)
        cmd = "python -X importtime " + cmd.removeprefix("python ")
        t0 = time.perf_counter()
        proc = subprocess.run(["bash", "-c", cmd], cwd=project, env=env, capture_output=True, text=True, timeout=600)
        wall = time.perf_counter() - t0
        (logdir / f"importtime-{rule}.log").write_text(proc.stderr)
        prof = import_profile(proc.stderr)
        out[rule] = {"wall_s": round(wall, 2), **prof, "returncode": proc.returncode}
    bare = subprocess.run(
        [str(PYTHON), "-X", "importtime", "-c", "pass"], env=env, capture_output=True, text=True, check=False
    )
    t0 = time.perf_counter()
    subprocess.run([str(PYTHON), "-c", "pass"], env=env, check=False)
    out["(bare interpreter)"] = {"wall_s": round(time.perf_counter() - t0, 2), **import_profile(bare.stderr)}
    return out


KERNEL_PROBE = rf"""
import os, sys, time, statistics
from jupyter_client.manager import start_new_kernel
starts, imports = [], []
for _ in range(3):
    t0 = time.perf_counter()
    km, kc = start_new_kernel(kernel_name="python3")
    t1 = time.perf_counter()
    kc.execute_interactive({ANCHOR_IMPORT!r}, timeout=120)
    t2 = time.perf_counter()
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    starts.append(t1 - t0)
    imports.append(t2 - t1)
print(statistics.median(starts), statistics.median(imports))
"""


def kernel_startup(project: Path) -> dict:
    """Median seconds to start a python3 kernel and to run ``ANCHOR_IMPORT`` in it."""
    env = env_for(project)
    # A runtime folder of its own, so the probe's kernels leave no connection files behind.
    with tempfile.TemporaryDirectory(prefix="bench-kernel-") as runtime:
        env["JUPYTER_RUNTIME_DIR"] = runtime
        proc = subprocess.run(
            [str(PYTHON), "-c", KERNEL_PROBE], cwd=project, env=env, capture_output=True, text=True, timeout=300
        )
    if proc.returncode != 0:
        return {"error": proc.stderr[-500:]}
    start, imp = (float(x) for x in proc.stdout.split()[-2:])
    return {"kernel_start_s": round(start, 2), "anchor_imports_in_kernel_s": round(imp, 2)}


#: Parts of a no-op run, each found in the profile by (file ending, function): the largest
#: cumulative time of a matching entry.
NOOP_PARTS = (
    ("importing Snakemake's command line (snakemake.cli)", "snakemake/cli.py", "<module>"),
    ("collecting executor plugins", "snakemake_interface_executor_plugins/registry/__init__.py", "collect_plugins"),
    ("of which importing the SLURM executor plugin", "snakemake_executor_plugin_slurm/__init__.py", "<module>"),
    ("loading the Snakefile and its rule files", "snakemake/workflow.py", "include"),
    ("of which the raw-data and snapshot check (facts.smk)", "rules/facts.smk", "<module>"),
    ("of which the jobs' code inputs (step_code)", "rules/common.smk", "step_code"),
    ("of which the input hash's file list (input_files)", "rules/common.smk", "input_files"),
    ("DAG, output checks and the (empty) run", "snakemake/api.py", "execute_workflow"),
)


def noop_profile(project: Path, logdir: Path) -> dict:
    """Profile one no-op Snakemake run of a built ``project`` with cProfile: its parts, in seconds.

    cProfile slows Python code down, so the parts add up to more than an unprofiled no-op; their
    proportions show where a no-op spends its time.
    """
    prof = logdir / "noop.prof"
    cmd = [str(PYTHON), "-m", "cProfile", "-o", str(prof), *snakemake_cmd(2)[1:]]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=project, env=env_for(project), capture_output=True, text=True, timeout=300)
    wall = time.perf_counter() - t0
    if proc.returncode != 0 or not prof.is_file():
        return {"error": (proc.stdout + proc.stderr)[-500:]}
    stats = pstats.Stats(str(prof)).stats  # type: ignore[attr-defined]
    parts = {}
    for label, suffix, func in NOOP_PARTS:
        times = [v[3] for (f, _, fn), v in stats.items() if f.endswith(suffix) and fn == func]
        parts[label] = round(max(times), 2) if times else None
    total = max(v[3] for v in stats.values())
    return {"profiled_wall_s": round(wall, 2), "profiled_total_s": round(total, 2), "parts_s": parts}
