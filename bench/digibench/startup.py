"""Where the time goes before any work is done: Python import time of every step, Jupyter kernel start-up."""

from __future__ import annotations

import re
import subprocess
import tempfile
import time
from pathlib import Path

from .measure import env_for
from .paths import PROFILE_IMPORT, PYTHON

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
    kc.execute_interactive({PROFILE_IMPORT!r}, timeout=120)
    t2 = time.perf_counter()
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    starts.append(t1 - t0)
    imports.append(t2 - t1)
print(statistics.median(starts), statistics.median(imports))
"""


def kernel_startup(project: Path) -> dict:
    """Median seconds to start a python3 kernel and to run ``PROFILE_IMPORT`` in it."""
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
    # The key keeps its old name so that bench.json stays comparable across restructurings.
    return {"kernel_start_s": round(start, 2), "import_digidip_profile_in_kernel_s": round(imp, 2)}
