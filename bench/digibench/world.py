"""``make world`` as issue 16 defines it, and the cost of each added country.

Every build runs in a fresh scratch copy that looks like a fresh clone: the code, data/raw
and the committed edition (reports/, data/tidy/), no build records. The full build is
``make world`` itself (every UN member, ``profile_batch=16``, into builds/world/); the
smaller ones are the same command line with ``countries`` set to a list of real UN members
(the curated countries and an even spread of the others, in code order), each into
builds/world-<N>/. For each: wall and CPU time, peak memory of the whole process tree, the
jobs per rule, whether the edition's sha256 changed, and whether the build's own report, PDF
and one page per country were published where they belong. A straight line through
(countries, seconds) gives the cost per added country. Each size runs once, so on a shared
machine the wall times carry other work's noise: whether the cost is linear is judged on the
CPU time of the build's process tree (R² of its line), which other load disturbs far less.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import shutil
import statistics
import subprocess
import time
from dataclasses import asdict
from pathlib import Path

from .copies import copy_edition, copy_project
from .legibility import legibility
from .measure import env_for, family, job_records, make_cmd, measure, phases, snakemake_cmd, tree_hashes
from .paths import PYTHON

#: R² (of the CPU-time line, over at least three sizes) from which the cost is called linear.
LINEAR_R2 = 0.98

MEMBERS_PROBE = """
import json, sys, tempfile
from pathlib import Path
from digidip.official.factbase import load
with tempfile.TemporaryDirectory() as cache:
    inputs = load(Path("data/raw"), Path("."), cache)
print(json.dumps({"members": inputs.members, "curated": sorted(inputs.fb.countries)}))
"""


def linear_fit(xs: list[float], ys: list[float]) -> dict | None:
    """Least-squares line y = a + b x, with R²."""
    if len(set(xs)) < 2:
        return None
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    a = my - b * mx
    ss_res = sum((y - (a + b * x)) ** 2 for x, y in zip(xs, ys, strict=True))
    ss_tot = sum((y - my) ** 2 for y in ys)
    return {
        "intercept_s": round(a, 2),
        "slope_s_per_country": round(b, 3),
        "r2": round(1 - ss_res / ss_tot, 4) if ss_tot else 1.0,
    }


def members(work: Path) -> tuple[list[str], list[str]]:
    """The UN members the snapshots name, and the countries with a curated file (a cache of its own)."""
    proc = subprocess.run(
        [str(PYTHON), "-c", MEMBERS_PROBE], cwd=work, env=env_for(work), capture_output=True, text=True, check=True
    )
    doc = json.loads(proc.stdout.strip().splitlines()[-1])
    return doc["members"], doc["curated"]


def sample(all_members: list[str], curated: list[str], n: int) -> list[str]:
    """``n`` countries: every curated one, then the other members evenly spread over the code order."""
    chosen = [c for c in curated if c in all_members][:n]
    others = [c for c in all_members if c not in chosen]
    k = n - len(chosen)
    if k > 0:
        chosen += [others[round(i * (len(others) - 1) / max(k - 1, 1))] for i in range(k)]
    return sorted(set(chosen))


def _published(work: Path, name: str, countries: int) -> dict:
    """What the build published under builds/<name>/: report, PDF and the number of country pages."""
    root = work / "builds" / name / "reports"
    return {
        "report_html": (root / "report.html").is_file(),
        "report_pdf": (root / "report.pdf").is_file(),
        "country_pages": len(list((root / "countries").glob("*.html"))),
        "countries": countries,
    }


def failure(log: Path) -> str | None:
    """Why a build failed, from its log: the failing rule and the first error message after it."""
    try:
        text = log.read_text(errors="replace")
    except OSError:
        return None
    rule = re.search(r"^Error in rule (\S+):", text, re.M)
    cause = re.search(r"(the notebook failed: .*|^\w*(?:Error|Exception): .*)", text, re.M)
    parts = [f"rule {rule.group(1).rstrip(':')}" if rule else None, cause.group(1).strip()[:300] if cause else None]
    return "; ".join(p for p in parts if p) or None


def one_build(n: int, codes: list[str] | None, project: Path, tmp: Path, logs: Path, a: argparse.Namespace) -> dict:
    """One world-like clean build in a fresh copy: ``make world`` for every member (``codes`` None)."""
    work = copy_project(tmp / f"world-{n}", project / "data" / "raw", project)
    copy_edition(project, work)
    before = tree_hashes(work)
    if codes is None:
        name, cmd, shown = "world", make_cmd(a.cores, "world"), "make world"
    else:
        name = f"world-{n}"
        countries = "[" + ",".join(f'"{c}"' for c in codes) + "]"
        cmd = snakemake_cmd(a.cores, "--config", f"countries={countries}", "profile_batch=16", f"build={name}")
        shown = f"snakemake ... --config countries=[{n} UN members] profile_batch=16 build={name}"
    started = time.time()
    run = measure(name, cmd, work, env_for(work), logs, a.world_limit)
    run.jobs = job_records(work, since=started)
    after = tree_hashes(work)
    entry = {
        "n": n,
        "build": name,
        "command": shown,
        "countries": codes or "un-members",
        "run": asdict(run),
        "rules": rules_by_family(run.jobs),
        "phases": phases(run, started),
        "edition_files": len(before),
        "edition_touched": sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k)),
        "published": _published(work, name, n),
    }
    print(
        f"  {n:4d} countries {run.wall_s:7.1f} s wall {run.cpu_s:7.1f} s CPU {run.tree_peak_mb:6.0f} MB"
        f"  jobs {len(run.jobs)}{' STOPPED' if run.timed_out else ''}{'' if run.ok else ' FAILED'} (load {run.loadavg:.1f})"
    )
    if not run.ok:
        entry["failure"] = failure(logs / f"{name}.log")
        print(f"       {entry['failure']}")
    if run.ok and codes is None:
        entry["legibility"] = legibility(work, a.out / "world", n, f"data/interim/builds/{name}", f"builds/{name}")
    if not a.keep:
        shutil.rmtree(work, ignore_errors=True)
    return entry


def rules_by_family(jobs: list[dict]) -> dict[str, dict]:
    """Jobs, total and mean seconds per rule, every profile batch counted as one rule."""
    out: dict[str, dict] = {}
    for j in jobs:
        r = out.setdefault(family(j["rule"]), {"jobs": 0, "total_s": 0.0})
        r["jobs"] += 1
        r["total_s"] = round(r["total_s"] + j["seconds"], 2)
    for r in out.values():
        r["mean_s"] = round(r["total_s"] / r["jobs"], 2)
    return out


def world(project: Path, tmp: Path, logs: Path, a: argparse.Namespace, sizes: list[int]) -> dict:
    """The smaller world-like builds, then ``make world`` (unless ``a.no_full_world``); the fit."""
    probe = copy_project(tmp / "world-probe", project / "data" / "raw", project)
    all_members, curated = members(probe)
    shutil.rmtree(probe, ignore_errors=True)
    print(f"world: {len(all_members)} UN members ({len(curated)} with a curated file); sizes {sizes} then all")
    runs = [one_build(n, sample(all_members, curated, n), project, tmp, logs, a) for n in sizes if n < len(all_members)]
    if not a.no_full_world:
        runs.append(one_build(len(set(all_members) | set(curated)), None, project, tmp, logs, a))
    done = [r for r in runs if r["run"]["returncode"] == 0 and not r["run"]["timed_out"]]
    xs = [r["n"] for r in done]
    out = {"members": len(all_members), "curated": curated, "runs": runs, "fit_sizes": xs}
    out["fit_wall"] = linear_fit(xs, [r["run"]["wall_s"] for r in done])
    out["fit_cpu"] = linear_fit(xs, [r["run"]["cpu_s"] for r in done])
    out["marginal_s_per_country"] = [
        round((b["run"]["wall_s"] - a_["run"]["wall_s"]) / (b["n"] - a_["n"]), 3) for a_, b in itertools.pairwise(done)
    ]
    if out["fit_wall"]:
        out["linear"] = out["fit_cpu"]["r2"] >= LINEAR_R2 and len(xs) >= 3
    return out
