"""The six-country rows of issue 16, measured in rounds side by side with the naive anchor.

Each round (``one_round``) makes a fresh scratch copy of the project (code and data/raw, no
edition, no build records: a clean build in the issue's sense) and measures, back to back:

1. the anchor (``anchor.py``);
2. ``make report``, clean;
3. ``make report`` again, a no-op;
4. an edit of one country's YAML (a title its page and the report print), then ``make report``:
   the full edition, HTML and PDF;
5. another edit of the same country, then ``make preview``: HTML pages only, staged outside
   the edition; the edition's sha256 before and after show whether it was touched.

Every workflow time is then divided by the anchor's time of the same round.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time
from dataclasses import asdict
from pathlib import Path

from .anchor import anchor
from .copies import copy_project, edit_country
from .measure import Run, family, make, per_rule, phases, tree_hashes

#: The measured scenarios of a round, in order, with what the report calls them.
SCENARIOS = {
    "anchor": "naive anchor (6 × papermill + nbconvert)",
    "clean": "clean six-country build (`make report`)",
    "noop": "no-op `make report`",
    "edit": "edit one country, full edition (`make report`, HTML and PDF)",
    "preview": "edit one country, `make preview` (HTML only)",
}
#: Where ``make preview`` stages a country's page (relative to the project).
PREVIEW_PAGE = "data/interim/stage/reports/countries/{iso3}.html"
EDIT_MARK = "Edited for the benchmark (edition, round {i})"
PREVIEW_MARK = "Edited for the benchmark (preview, round {i})"


def _changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """Files added, removed or changed between two sets of hashes."""
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def _record(run: Run, started: float, anchor_run: Run | None) -> dict:
    """A run as bench.json keeps it: the run, its jobs per rule, its phases, its ratio to the anchor."""
    out = {**asdict(run), "rules": per_rule(run.jobs), "phases": phases(run, started)}
    if anchor_run is not None and anchor_run.ok and run.ok:
        out["ratio"] = round(run.wall_s / anchor_run.wall_s, 3)
    return out


def _step(rec: dict, key: str, work: Path, target: str, i: int, a: argparse.Namespace, logs: Path) -> Run:
    started = time.time()
    run = make(work, target, f"round-{i}-{key}", logs, a.cores)
    rec["runs"][key] = _record(run, started, rec["anchor_run"])
    ratio = rec["runs"][key].get("ratio")
    print(
        f"  {key:8s} {run.wall_s:7.1f} s wall {run.cpu_s:7.1f} s CPU {run.tree_peak_mb:6.0f} MB"
        f"  jobs {len(run.jobs):3d}  ratio {'–' if ratio is None else f'{ratio:.2f}×'}  load {run.loadavg:.1f}"
    )
    return run


def one_round(i: int, project: Path, tmp: Path, logs: Path, a: argparse.Namespace) -> dict:
    """One round: the anchor, then clean, no-op, edit (edition) and edit (preview), back to back."""
    work = copy_project(tmp / f"round-{i}", project / "data" / "raw", project)
    iso3 = sorted(p.stem for p in (work / "data" / "raw" / "countries").glob("*.yaml"))[0]
    anchor_run = anchor(project, tmp / "anchor", logs, f"round-{i}-anchor")
    print(
        f"round {i}: anchor {anchor_run.wall_s:.1f} s wall {anchor_run.cpu_s:.1f} s CPU (load {anchor_run.loadavg:.1f})"
    )
    rec: dict = {"round": i, "anchor_run": anchor_run, "runs": {"anchor": _record(anchor_run, 0.0, anchor_run)}}
    rec["runs"]["anchor"]["phases"] = {}
    _step(rec, "clean", work, "report", i, a, logs)
    _step(rec, "noop", work, "report", i, a, logs)
    before = tree_hashes(work)
    rec["edit"] = edit_country(work, iso3, EDIT_MARK.format(i=i))
    _step(rec, "edit", work, "report", i, a, logs)
    edited = tree_hashes(work)
    rec["edit_changed"] = _changed(before, edited)
    rec["preview_edit"] = edit_country(work, iso3, PREVIEW_MARK.format(i=i))
    _step(rec, "preview", work, "preview", i, a, logs)
    page = work / PREVIEW_PAGE.format(iso3=iso3)
    rec["preview_shows_edit"] = page.is_file() and PREVIEW_MARK.format(i=i) in page.read_text(encoding="utf-8")
    rec["preview_touched"] = _changed(edited, tree_hashes(work))
    rec["edition_files"] = len(edited)
    del rec["anchor_run"]
    if not a.keep and i < a.rounds:  # the last copy serves cli.where_time_goes
        shutil.rmtree(work, ignore_errors=True)
    return rec


def rounds(project: Path, tmp: Path, logs: Path, a: argparse.Namespace) -> dict:
    """``a.rounds`` rounds, and per scenario the walls, ratios and their medians."""
    recs = []
    for i in range(1, a.rounds + 1):
        recs.append(one_round(i, project, tmp, logs, a))
    return {"rounds": recs, "scenarios": summarise(recs), "rules": rule_summary(recs)}


def _median(xs: list[float]) -> float | None:
    return round(statistics.median(xs), 3) if xs else None


def summarise(recs: list[dict]) -> dict[str, dict]:
    """Per scenario: wall and CPU times and ratios of every round, their medians, failures."""
    out = {}
    for key in SCENARIOS:
        runs = [r["runs"][key] for r in recs if key in r["runs"]]
        ok = [r for r in runs if r["returncode"] == 0 and not r["timed_out"]]
        ratios = [r["ratio"] for r in ok if "ratio" in r]
        out[key] = {
            "what": SCENARIOS[key],
            "walls_s": [r["wall_s"] for r in runs],
            "cpus_s": [r["cpu_s"] for r in runs],
            "ratios": ratios,
            "median_wall_s": _median([r["wall_s"] for r in ok]),
            "median_cpu_s": _median([r["cpu_s"] for r in ok]),
            "median_ratio": _median(ratios),
            "peak_mb": max((r["tree_peak_mb"] for r in runs), default=None),
            "failed": len(runs) - len(ok),
            "loads": [r["loadavg"] for r in runs],
            "others_cpu_s": [r["others_cpu_s"] for r in runs],
        }
    return out


def rule_summary(recs: list[dict]) -> dict[str, dict]:
    """Per scenario and rule: jobs per build, total job seconds per round (and their median),
    median seconds per job over every round; and make's and Snakemake's own time around the jobs."""
    out: dict[str, dict] = {}
    for key in ("clean", "edit", "preview"):
        runs = [r["runs"][key] for r in recs if key in r["runs"]]
        rules: dict[str, dict] = {}
        for n, run in enumerate(runs):
            for job in run["jobs"]:
                r = rules.setdefault(family(job["rule"]), {"per_job": [], "totals": [0.0] * len(runs)})
                r["per_job"].append(job["seconds"])
                r["totals"][n] = round(r["totals"][n] + job["seconds"], 3)
        out[key] = {
            rule: {
                "jobs": round(len(r["per_job"]) / len(runs), 2),
                "totals_s": r["totals"],
                "median_total_s": _median(r["totals"]),
                "median_per_job_s": _median(r["per_job"]),
            }
            for rule, r in sorted(rules.items(), key=lambda kv: -statistics.median(kv[1]["totals"]))
        }
        for label, phase in (
            ("(make and Snakemake before the first job)", "startup_s"),
            ("(after the last job)", "teardown_s"),
        ):
            values = [r["phases"][phase] for r in runs if r["phases"].get(phase) is not None]
            out[key][label] = {"median_total_s": _median(values)}
    return out
