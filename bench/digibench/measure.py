"""Measuring a command: wall and CPU time and peak memory of its whole process tree (``Run``, ``measure``).

Also Snakemake runs as the issue prescribes them (``snakemake``), and what Snakemake's metadata
records say about the jobs of a run: which ran and for how long (``job_records``), per rule
(``per_rule``), and how much of a run is Snakemake's own start-up and tear-down (``phases``).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import re
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from .paths import BIN, PYTHON, ROOT

#: The published edition: what a build of another configuration, or a preview, must never touch.
EDITION = ("reports", "data/tidy")


@dataclass
class Run:
    """One measured command: wall and CPU seconds, peak memory, outcome."""

    name: str
    wall_s: float
    cpu_s: float
    #: Largest resident set of any single process in the tree (getrusage ru_maxrss).
    max_rss_mb: float
    #: Peak of the summed resident sets of every process of the tree, sampled every 0.1 s.
    tree_peak_mb: float
    returncode: int
    timed_out: bool = False
    #: One-minute load average when the command ended (it includes the command itself).
    loadavg: float = 0.0
    #: CPU seconds the rest of the machine used meanwhile (all CPUs busy, minus this tree's).
    others_cpu_s: float = 0.0
    jobs: list[dict] = field(default_factory=list)
    log: str = ""

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out


def completed(run: dict | None) -> bool:
    """Whether a run, as bench.json records it, ran to the end and succeeded (like ``Run.ok``)."""
    return bool(run) and run["returncode"] == 0 and not run["timed_out"]


def env_for(project: Path) -> dict[str, str]:
    """The environment `make` gives Snakemake: the venv first on PATH, the copy's package importable."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join((str(BIN), env.get("PATH", "")))
    env["PYTHONPATH"] = str(project / "workflow")
    env["PYTHONHASHSEED"] = "0"
    env.pop("JUPYTER_RUNTIME_DIR", None)
    return env


def machine_busy_s() -> float:
    """CPU seconds every CPU of the machine has been busy since boot (/proc/stat; 0 where unreadable)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def measure(name: str, cmd: list[str], cwd: Path, env: dict, logdir: Path, timeout: float | None = None) -> Run:
    """Run ``cmd``; return wall time, CPU time and peak memory of it and all its descendants."""
    logdir.mkdir(parents=True, exist_ok=True)
    log = logdir / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}.log"
    peak = 0
    stop = threading.Event()
    timed_out = threading.Event()
    with log.open("w") as out:
        busy0 = machine_busy_s()
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)

        def sample() -> None:
            nonlocal peak
            root = psutil.Process(proc.pid)
            while not stop.is_set():
                total = 0
                with contextlib.suppress(psutil.Error):
                    for p in [root, *root.children(recursive=True)]:
                        with contextlib.suppress(psutil.Error):
                            total += p.memory_info().rss
                peak = max(peak, total)
                if timeout is not None and time.perf_counter() - t0 > timeout and not timed_out.is_set():
                    timed_out.set()
                    stop_tree(proc.pid)
                stop.wait(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        # wait4 reports the resources of the child and of every descendant it waited for.
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        busy = machine_busy_s() - busy0
        stop.set()
        sampler.join()
    cpu = usage.ru_utime + usage.ru_stime
    return Run(
        name=name,
        wall_s=round(wall, 2),
        cpu_s=round(cpu, 2),
        max_rss_mb=round(usage.ru_maxrss / 1024, 1),
        tree_peak_mb=round(peak / 2**20, 1),
        returncode=proc.returncode,
        timed_out=timed_out.is_set(),
        loadavg=round(os.getloadavg()[0], 2),
        others_cpu_s=round(max(0.0, busy - cpu), 1),
        log=str(log.relative_to(ROOT) if log.is_relative_to(ROOT) else log),
    )


def stop_tree(pid: int) -> None:
    """Stop a process, its process group and every descendant (kernels run in sessions of their own)."""
    try:
        family = [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
    except psutil.Error:
        family = []
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGTERM)
    for p in family:
        with contextlib.suppress(psutil.Error):
            p.terminate()
    # The root is our child: os.wait4 in measure() reaps it, so only its descendants are waited for here.
    _, alive = psutil.wait_procs(family[1:], timeout=5)
    for p in [*alive, *family[:1]]:
        with contextlib.suppress(psutil.Error):
            p.kill()


def snakemake_cmd(cores: int, *args: str) -> list[str]:
    """The command line of a Snakemake run in a project copy, as the issue prescribes it."""
    return [str(PYTHON), "-m", "snakemake", "--profile", "workflow/profiles/local", "--cores", str(cores), *args]


def snakemake(project: Path, name: str, logdir: Path, cores: int, timeout: float | None = None, *args: str) -> Run:
    """Run the workflow in ``project`` as the issue prescribes; attach the jobs this run executed."""
    started = time.time()
    run = measure(name, snakemake_cmd(cores, *args), project, env_for(project), logdir, timeout)
    run.jobs = job_records(project, since=started)
    if not run.ok:
        print(
            f"  ! {name}: exit {run.returncode}{' (stopped at the time limit)' if run.timed_out else ''}; see {run.log}"
        )
    return run


def make_cmd(cores: int, target: str, *variables: str) -> list[str]:
    """``make <target>`` in a project copy, as a researcher types it, with this checkout's .venv.

    The copy has no .venv of its own: ``VENV`` points make at the one running the bench, and
    ``-o`` keeps make from ever reinstalling it (the copy's requirements.lock is the same file).
    """
    venv = BIN.parent
    return [
        "make",
        "--no-print-directory",
        "-o",
        f"{venv}/.installed",
        target,
        f"VENV={venv}",
        f"CORES={cores}",
        *variables,
    ]


def make(project: Path, target: str, name: str, logdir: Path, cores: int, timeout: float | None = None) -> Run:
    """Run ``make <target>`` in ``project``, measured; attach the jobs this run executed."""
    started = time.time()
    run = measure(name, make_cmd(cores, target), project, env_for(project), logdir, timeout)
    run.jobs = job_records(project, since=started)
    if not run.ok:
        print(
            f"  ! {name}: exit {run.returncode}{' (stopped at the time limit)' if run.timed_out else ''}; see {run.log}"
        )
    return run


def tree_hashes(project: Path, folders: tuple[str, ...] = EDITION) -> dict[str, str]:
    """sha256 of every file under ``folders`` of ``project`` (the published edition by default)."""
    out = {}
    for folder in folders:
        for f in sorted((project / folder).rglob("*")):
            if f.is_file():
                out[str(f.relative_to(project))] = hashlib.sha256(f.read_bytes()).hexdigest()
    return out


def _metadata_output(meta: Path, record: Path) -> str:
    """The output file a metadata record is about: its path below ``meta`` is the output, base64-encoded."""
    encoded = "".join(record.relative_to(meta).parts)
    try:
        return base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        return encoded


def job_records(project: Path, since: float = 0.0) -> list[dict]:
    """Jobs recorded in .snakemake/metadata that started after ``since``: rule, start, end, outputs."""
    meta = project / ".snakemake" / "metadata"
    jobs: dict[tuple, dict] = {}
    if not meta.is_dir():
        return []
    for f in meta.rglob("*"):
        if not f.is_file():
            continue
        try:
            rec = json.loads(f.read_text())
        except (OSError, ValueError):
            continue
        start, end = rec.get("starttime"), rec.get("endtime")
        if not isinstance(start, int | float) or not isinstance(end, int | float) or start < since:
            continue
        output = _metadata_output(meta, f)
        # Snakemake keeps one record per output file: the outputs of one job share its rule and command.
        key = (rec.get("rule"), rec.get("shellcmd") or output)
        job = jobs.setdefault(key, {"rule": rec.get("rule"), "start": start, "end": end, "outputs": []})
        job["start"], job["end"] = min(job["start"], start), max(job["end"], end)
        job["outputs"].append(output)
        if "shellcmd" in rec:
            job["shellcmd"] = rec["shellcmd"]
    out = sorted(jobs.values(), key=lambda j: j["start"])
    for j in out:
        j["seconds"] = round(j["end"] - j["start"], 3)
        j["outputs"] = sorted(j["outputs"])
    return out


def family(rule: str) -> str:
    """A rule's name with the batch left out: every ``profile_<batch>`` rule is one family."""
    return "profile_<batch>" if rule.startswith("profile_") else rule


def per_rule(jobs: list[dict]) -> dict[str, dict]:
    """Jobs per rule: count, total and mean seconds."""
    rules: dict[str, dict] = {}
    for j in jobs:
        r = rules.setdefault(j["rule"], {"jobs": 0, "total_s": 0.0, "max_s": 0.0})
        r["jobs"] += 1
        r["total_s"] += j["seconds"]
        r["max_s"] = max(r["max_s"], j["seconds"])
    for r in rules.values():
        r["mean_s"] = round(r["total_s"] / r["jobs"], 2)
        r["total_s"] = round(r["total_s"], 2)
        r["max_s"] = round(r["max_s"], 2)
    return rules


def phases(run: Run, started_at: float | None = None) -> dict:
    """Snakemake's own time: before the first job started and after the last one ended."""
    if not run.jobs:
        return {}
    first = min(j["start"] for j in run.jobs)
    last = max(j["end"] for j in run.jobs)
    busy = sum(j["seconds"] for j in run.jobs)
    span = last - first
    out = {
        "jobs_span_s": round(span, 2),
        "job_seconds": round(busy, 2),
        "parallelism": round(busy / span, 2) if span else None,
    }
    if started_at is not None:
        out["startup_s"] = round(first - started_at, 2)
        out["teardown_s"] = round(started_at + run.wall_s - last, 2)
    return out
