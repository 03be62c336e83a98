"""Issue 27: edit-to-reload of ``make serve``, in the last round's copy, beside the anchor.

One long-lived ``python -m digidip serve`` (the process ``make serve`` runs) on a free port;
then ``edits`` one-fact edits of one country file, each timed from the file's write to the
moment the server's state endpoint reports the new build, which is when the open page's
script reloads it (it polls every quarter second, so add up to 0.25 s for the browser).
Stopped as a user stops it, with SIGINT: it must exit, leave no Snakemake lock and no
changed edition file.
"""

from __future__ import annotations

import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .copies import edit_country
from .measure import env_for, tree_hashes

MARK = "Edited for the serve benchmark ({i})"
#: A build slower than this counts as failed (and stops the measurement).
LIMIT_S = 300.0


def _state(url: str) -> dict:
    with urllib.request.urlopen(url + "__serve/state", timeout=5) as r:  # noqa: S310 (our own loopback server)
        return json.loads(r.read())


def _wait(url: str, past: int, limit: float = LIMIT_S) -> dict:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        state = _state(url)
        if state["generation"] > past:
            return state
        time.sleep(0.02)
    raise TimeoutError(f"no build within {limit:.0f} s")


def _start(project: Path, cores: int) -> tuple[subprocess.Popen, str]:
    cmd = [sys.executable, "-m", "digidip", "serve", "--port", "0", "--cores", str(cores)]
    env = {**env_for(project), "PYTHONPATH": str(project / "workflow")}
    proc = subprocess.Popen(cmd, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    line = proc.stdout.readline()
    found = re.search(r"http://[\d.]+:\d+/", line)
    if not found:
        proc.kill()
        raise RuntimeError(f"make serve did not print its address: {line!r}")
    return proc, found.group(0)


def _touched(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def percentile(xs: list[float], q: float) -> float:
    """The nearest-rank percentile (p95 of ten values is the largest)."""
    ordered = sorted(xs)
    return ordered[max(0, min(len(ordered) - 1, round(q * len(ordered) + 0.5) - 1))]


def serve_edits(project: Path, cores: int, edits: int = 10, iso3: str = "KAZ") -> dict:
    """Edit-to-reload times (s), p50 and p95, and how the server stopped."""
    before = tree_hashes(project)
    proc, url = _start(project, cores)
    times: list[float] = []
    out: dict = {"edits": edits, "iso3": iso3}
    facts = project / "data" / "raw" / "countries" / f"{iso3}.yaml"
    original = facts.read_text(encoding="utf-8")
    try:
        state = _wait(url, 0)
        out["first_build_ok"] = state["error"] is None
        for i in range(1, edits + 1):
            past = state["generation"]
            t0 = time.perf_counter()
            # Each edit made to the file as it was, so the title changes but never grows (ten
            # marks one after another would pass its length limit and fail validation).
            edit_country(project, iso3, MARK.format(i=i), base=original)
            state = _wait(url, past)
            times.append(round(time.perf_counter() - t0, 3))
            if state["error"]:
                out["error"] = state["error"][-500:]
                break
    except (TimeoutError, OSError, RuntimeError) as err:
        out["error"] = str(err)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    locks = project / ".snakemake" / "locks"
    out.update(
        times_s=times,
        p50_s=round(statistics.median(times), 3) if times else None,
        p95_s=percentile(times, 0.95) if times else None,
        exit_code=proc.returncode,
        locks_left=sorted(os.listdir(locks)) if locks.is_dir() else [],
        edition_touched=_touched(before, tree_hashes(project)),
    )
    return out
