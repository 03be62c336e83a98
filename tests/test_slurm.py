"""On a real SLURM cluster: the fixture built through the slurm profile equals the local build.

A single-node cluster is started on this machine for the module (tests/slurm/start.sh) and
stopped afterwards (tests/slurm/stop.sh). The two-country fixture is built once locally (the
session's ``mini_build``) and once with ``--profile workflow/profiles/slurm`` from the same
code and data; every published file must be byte-identical, and every cluster rule must really
have run as a SLURM job.

The test never installs anything: SLURM comes from the machine's set-up
(``workflow/scripts/system-deps.sh slurm``, which `make test` runs itself only where CI is
set). Where SLURM's commands are missing the module is skipped, saying so, unless CI is set:
then it fails, so a CI machine that cannot run it never passes silently. Where they are
present it runs (as root: start.sh says so otherwise). Run it alone with
``.venv/bin/python -m pytest tests/test_slurm.py -q -s`` (-s prints the timings).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from conftest import copy_sources, venv_env
from digidip.edition.manifest import MANIFEST, published_files

pytestmark = pytest.mark.workflow

SCRIPTS = Path(__file__).resolve().parent / "slurm"
#: Rules that are not `localrules`: each of their jobs must be a SLURM job.
CLUSTER_RULES = {"profile_ISL", "profile_MLT", "draw_figures", "render_pdf"}
#: Bounds (seconds); start.sh bounds each of its own waits (SLURM_START_TIMEOUT, 30 s).
START_TIMEOUT = 180
STOP_TIMEOUT = 60
BUILD_TIMEOUT = 300


#: What tests/slurm/start.sh and this test run: the daemons and the clients.
COMMANDS = ("munged", "munge", "unmunge", "slurmctld", "slurmd", "sbatch", "squeue", "scontrol", "sinfo")


def missing_slurm() -> str | None:
    """Why SLURM cannot run here (its commands missing), or None when it is installed."""
    missing = [c for c in COMMANDS if shutil.which(c) is None]
    if not missing:
        return None
    return (
        f"SLURM is not installed on this machine (missing: {' '.join(missing)}); "
        "'workflow/scripts/system-deps.sh slurm' installs it (Debian, as root), as 'make test' does where CI is set"
    )


MISSING = missing_slurm()
if MISSING and not os.environ.get("CI"):
    pytest.skip(f"SLURM integration test not run: {MISSING}", allow_module_level=True)


@pytest.fixture(scope="module")
def slurm_conf(tmp_path_factory) -> Path:
    """A running single-node SLURM cluster; yields the path of its slurm.conf."""
    if MISSING:  # and CI is set: a CI machine that cannot run this test must not pass
        pytest.fail(f"CI is set but the test cannot run: {MISSING}")
    cluster = tmp_path_factory.mktemp("slurm")
    try:
        try:
            proc = subprocess.run(
                [str(SCRIPTS / "start.sh"), str(cluster)], capture_output=True, text=True, timeout=START_TIMEOUT
            )
        except subprocess.TimeoutExpired:
            pytest.fail(f"tests/slurm/start.sh did not finish within {START_TIMEOUT}s")
        if proc.returncode != 0:
            pytest.fail(f"SLURM could not be started (tests/slurm/start.sh):\n{proc.stdout}\n{proc.stderr}")
        print(f"\n{proc.stdout.strip()}")
        yield cluster / "slurm.conf"
    finally:
        subprocess.run([str(SCRIPTS / "stop.sh"), str(cluster)], timeout=STOP_TIMEOUT, check=False)


def run_on_slurm(project: Path, slurm_conf: Path) -> tuple[subprocess.CompletedProcess, float]:
    """Build ``project`` with the slurm profile; bounded, and SIGINT on timeout (cancels the jobs)."""
    env = venv_env() | {"SLURM_CONF": str(slurm_conf)}
    cmd = [sys.executable, "-m", "snakemake", "--profile", "workflow/profiles/slurm", "--slurm-keep-successful-logs"]
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = proc.communicate(timeout=BUILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        # SIGINT, not SIGTERM: Snakemake then cancels its SLURM jobs instead of waiting for them.
        proc.send_signal(signal.SIGINT)
        try:
            out, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
        pytest.fail(f"the SLURM build did not finish within {BUILD_TIMEOUT}s:\n{out[-3000:]}\n{err[-5000:]}")
    elapsed = time.monotonic() - start
    result = subprocess.CompletedProcess(cmd, proc.returncode, out, err)
    if proc.returncode != 0:
        logs = "\n".join(
            f"--- {p}\n{p.read_text(errors='replace')[-3000:]}"
            for d in ("logs", ".snakemake/slurm_logs")
            for p in sorted((project / d).rglob("*.log"))
        )
        pytest.fail(f"the SLURM build failed ({proc.returncode}):\n{out[-3000:]}\n{err[-6000:]}\n{logs}")
    return result, elapsed


def edition(project: Path) -> list[str]:
    """Every published file of a build: data/tidy/*, reports/** (the manifest included)."""
    return [*published_files(project), MANIFEST]


# --- timings (printed with -s; the numbers in docs/cluster.md come from here) -----------

STAMP = re.compile(r"^\[(\w{3} \w{3} +\d+ \d\d:\d\d:\d\d \d{4})\]$")


def job_times(log: str) -> dict[int, dict]:
    """Snakemake job id -> rule, start and finish time, from a Snakemake log (1 s resolution)."""
    jobs: dict[int, dict] = {}
    stamp = rule = None
    for line in log.splitlines():
        if m := STAMP.match(line):
            stamp = datetime.strptime(m.group(1), "%a %b %d %H:%M:%S %Y")
        elif m := re.match(r"^(?:local)?rule (\w+):$", line):
            rule = m.group(1)
        elif (m := re.match(r"^\s+jobid: (\d+)$", line)) and rule:
            jobs[int(m.group(1))] = {"rule": rule, "start": stamp}
            rule = None
        elif m := re.match(r"^Finished jobid: (\d+) ", line):
            jobs.setdefault(int(m.group(1)), {})["end"] = stamp
    return jobs


def squeue_times(run_id: str, slurm_conf: Path) -> dict[str, dict]:
    """SLURM job id -> state, submit, start and end time of the jobs of one Snakemake run."""
    out = subprocess.run(
        ["squeue", "--states=all", "--noheader", "--name", run_id, "--format=%i|%T|%V|%S|%e"],
        env=os.environ | {"SLURM_CONF": str(slurm_conf)},
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout

    def when(stamp: str) -> datetime | None:  # "N/A" for a job that never started
        try:
            return datetime.fromisoformat(stamp)
        except ValueError:
            return None

    times = {}
    for line in out.split():
        jobid, state, submit, start, end = line.split("|")
        times[jobid] = {"state": state, "submit": when(submit), "start": when(start), "end": when(end)}
    return times


def elapsed_time(log: str) -> float | None:
    """The "Elapsed time: H:MM:SS.ffffff" Snakemake prints at the end of a run, in seconds."""
    m = re.search(r"Elapsed time: (\d+):(\d\d):(\d\d(?:\.\d+)?)", log)
    return int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3)) if m else None


def report_timings(local_log: str, slurm_log: str, slurm_jobs: dict, submitted: dict, elapsed: float) -> None:
    local = job_times(local_log)
    cluster = job_times(slurm_log)
    local_total = elapsed_time(local_log) or float("nan")
    slurm_total = elapsed_time(slurm_log) or elapsed
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\nfixture build on {os.cpu_count()} CPUs (load average {load}):")
    print(f"  local {local_total:.1f} s, SLURM {slurm_total:.1f} s ({len(submitted)} SLURM jobs)")
    print("  per job, median seconds (1 s resolution): local = the job in the local build;")
    print("  SLURM = Snakemake scheduled it -> saw it finished, of which: pending = in the queue")
    print("  (waiting for SLURM's scheduler or a free CPU), running = start -> end in SLURM,")
    print("  noticed = end -> the status check that saw it")
    print(f"  {'rule':22}{'local':>7}{'SLURM':>7}{'pending':>9}{'running':>9}{'noticed':>9}")
    for rule in sorted(CLUSTER_RULES):
        rows = []
        for job, sid in submitted.items():
            if cluster[job]["rule"] != rule:
                continue
            s, c = slurm_jobs[sid], cluster[job]
            rows.append(
                (
                    (c["end"] - c["start"]).total_seconds(),  # Snakemake: scheduled -> seen finished
                    (s["start"] - s["submit"]).total_seconds(),  # SLURM: submitted -> started
                    (s["end"] - s["start"]).total_seconds(),  # SLURM: started -> ended
                    (c["end"] - s["end"]).total_seconds(),  # ended -> Snakemake saw it
                )
            )
        here = [(j["end"] - j["start"]).total_seconds() for j in local.values() if j.get("rule") == rule and "end" in j]
        med = [statistics.median(col) for col in zip(*rows, strict=True)]
        print(
            f"  {rule:22}{statistics.median(here) if here else float('nan'):>7.0f}"
            + "".join(f"{x:>{w}.0f}" for x, w in zip(med, (7, 9, 9, 9), strict=True))
            + f"   ({len(rows)} jobs)"
        )


# --- the test ---------------------------------------------------------------------------


def test_slurm_build_is_byte_identical_to_local_build(slurm_conf, tmp_path, request):
    # The local build is asked for once the cluster is up: where SLURM cannot run, the test
    # fails before spending a build on it.
    mini_build = request.getfixturevalue("mini_build")
    # Same code, configuration and data as the local build (copied from it, so an edit made
    # to the working tree meanwhile cannot make the two differ).
    project = copy_sources(mini_build, tmp_path / "cluster")
    proc, elapsed = run_on_slurm(project, slurm_conf)
    log = proc.stdout + proc.stderr

    # Every job of a cluster rule went through SLURM: submitted, logged by SLURM, COMPLETED.
    submitted = {int(job): sid for job, sid in re.findall(r"Job (\d+) has been submitted with SLURM jobid (\d+)", log)}
    rules = job_times(log)
    assert {rules[job]["rule"] for job in submitted} == CLUSTER_RULES, log[-3000:]
    ran_locally = [r["rule"] for j, r in rules.items() if r.get("rule") in CLUSTER_RULES and j not in submitted]
    assert not ran_locally, f"jobs of cluster rules ran outside SLURM: {ran_locally}"
    run_id = re.search(r"SLURM run ID: (\S+)", log).group(1)
    slurm_jobs = squeue_times(run_id, slurm_conf)
    states = {sid: slurm_jobs.get(sid, {}).get("state") for sid in submitted.values()}
    assert states == dict.fromkeys(submitted.values(), "COMPLETED"), f"SLURM job states: {states}"
    slurm_logs = {p.stem for p in (project / ".snakemake/slurm_logs").rglob("*.log")}
    assert set(submitted.values()) <= slurm_logs
    local_log = min((mini_build / ".snakemake/log").glob("*.snakemake.log")).read_text()
    try:
        report_timings(local_log, log, slurm_jobs, submitted, elapsed)
    except (KeyError, TypeError, ValueError, statistics.StatisticsError) as err:  # a log format changed
        print(f"(timings not available: {err!r})")

    # Every published output is byte-identical to the local build's.
    local_files, cluster_files = edition(mini_build), edition(project)
    assert "reports/report.pdf" in local_files and any(f.startswith("data/tidy/") for f in local_files)
    assert cluster_files == local_files
    differ = [f for f in local_files if (mini_build / f).read_bytes() != (project / f).read_bytes()]
    assert not differ, f"differ between the local and the SLURM build: {differ}"
