"""docs/benchmarks.md from the results (``render_markdown``, one function per section) and the stdout summary.

Every section takes the whole results dict (as bench.json holds it) and returns its lines,
empty where that part was skipped; ``SECTIONS`` is their order in the document. The sections
on the world build and the synthetic fact bases are in ``report_world``.
"""

from __future__ import annotations

from .measure import family, per_rule
from .report_world import fmt_s, scale_section, world_section
from .six_country import SCENARIOS


def intro(res: dict) -> list[str]:
    n = res.get("six_country", {}).get("rounds", [])
    return [
        "# Benchmarks",
        "",
        f"Written by `make bench` (`bench/run.py`) on {res['machine']['date']}; do not edit by hand — rerun the bench.",
        "",
        "It measures the goals of issues 16, 22 and 27 side by side with a naive anchor: six minimal pandas + matplotlib",
        "notebooks, each run with `papermill` and rendered with `jupyter nbconvert --to html`, one after another,",
        f"in the project's .venv. In each of {len(n)} round(s), the anchor and then every workflow scenario run back to",
        "back in a fresh scratch copy of the project (never the working tree), with `make` as a researcher types it",
        f"and `CORES={res['cores']}`; each scenario's wall time is divided by the anchor's of the same round. The machine",
        "is shared, so the ratios are what compare across runs, not the seconds. CPU time is user+system time of the",
        "whole process tree; peak memory is the largest summed resident memory of every process of the tree,",
        "sampled every 0.1 s. Nothing here is a timed test.",
        "",
    ]


def goals_section(res: dict) -> list[str]:
    t = res.get("targets", {})
    if not t:
        return []
    lines = [
        "## Goals (issues 16, 22 and 27)",
        "",
        "| goal | limit | measured (median) | every round | verdict |",
        "|---|---:|---:|---|---|",
    ]
    for row in t.values():
        lines.append(
            f"| {row['what']} | {row['limit']} | {row['measured']} | {row.get('rounds', '')} | {row['verdict']} |"
        )
    return lines


def machine_section(res: dict) -> list[str]:
    m = res["machine"]
    end = res.get("loadavg_at_end")
    lines = [
        "",
        "## Machine",
        "",
        f"- CPU: {m['cpu']}; {m['logical_cores']} logical cores ({m['usable_cores']} usable)",
        f"- Memory: {m['memory_gb']} GB",
        f"- OS: {m['os']}",
        f"- Python {m['python']}",
        "- Packages: " + ", ".join(f"{k} {v}" for k, v in m["packages"].items()),
        f"- Load average (1, 5, 15 min) when the bench started: {', '.join(f'{x:.2f}' for x in m['loadavg_at_start'])}"
        + (f"; when it ended: {', '.join(f'{x:.2f}' for x in end)}" if end else ""),
    ]
    sc = res.get("six_country", {}).get("scenarios", {})
    if sc:
        loads = [x for s in sc.values() for x in s["loads"]]
        others = [x for s in sc.values() for x in s["others_cpu_s"]]
        lines.append(
            f"- During the measurements: 1-minute load average {min(loads):.1f}–{max(loads):.1f} (it counts the"
            f" measured build itself); other processes used {min(others):.0f}–{max(others):.0f} CPU seconds per"
            " measurement (all CPUs' busy time from /proc/stat minus the measured tree's)"
        )
    return lines


def _jobs(run: dict) -> str:
    counts: dict[str, int] = {}
    for rule, r in per_rule(run["jobs"]).items():
        counts[family(rule)] = counts.get(family(rule), 0) + r["jobs"]
    return ", ".join(f"{k}×{v}" for k, v in counts.items()) or "none"


def rounds_section(res: dict) -> list[str]:
    """Every scenario in every round: wall time and ratio to that round's anchor; medians; jobs run."""
    six = res.get("six_country", {})
    recs, sc = six.get("rounds", []), six.get("scenarios", {})
    if not recs:
        return []
    heads = " | ".join(f"round {r['round']}" for r in recs)
    lines = [
        "",
        "## The six-country report, round by round",
        "",
        "Each cell: wall time (ratio to the anchor of the same round).",
        "",
        f"| scenario | {heads} | median wall | median ratio | median CPU | peak memory | jobs run (last round) |",
        "|---|" + "---:|" * (len(recs) + 4) + "---|",
    ]
    for key, what in SCENARIOS.items():
        s = sc[key]
        cells = []
        for r in recs:
            run = r["runs"].get(key)
            ok = run and run["returncode"] == 0 and not run["timed_out"]
            cells.append(f"{run['wall_s']:.1f} s ({run['ratio']:.2f}×)" if ok and "ratio" in run else "failed")
        ratio = "–" if s["median_ratio"] is None else f"{s['median_ratio']:.2f}×"
        lines.append(
            f"| {what} | {' | '.join(cells)} | {fmt_s(s['median_wall_s'])} | {ratio} | {fmt_s(s['median_cpu_s'])}"
            f" | {s['peak_mb']:.0f} MB | {'–' if key == 'anchor' else _jobs(recs[-1]['runs'][key])} |"
        )
    last = recs[-1]
    lines += [
        "",
        f"Edits (in the scratch copy): {last['edit']} before the full edition; {last['preview_edit']} before the preview.",
        f"The full-edition edit changed {len(last['edit_changed'])} of {last['edition_files']} published files"
        f" ({', '.join(last['edit_changed'][:6])}{', …' if len(last['edit_changed']) > 6 else ''}).",
        "`make preview` changed "
        + ", ".join(f"{len(r['preview_touched'])}" for r in recs)
        + f" published files (reports/, data/tidy/, sha256 before and after) in {'the successive rounds' if len(recs) > 1 else 'its round'}; its staged page"
        f" of the edited country {'showed' if all(r['preview_shows_edit'] for r in recs) else 'did NOT show'} the edit"
        " in every round.",
    ]
    return lines


def rules_section(res: dict) -> list[str]:
    """Per-rule job time of the clean build, and of the edit and the preview."""
    rules = res.get("six_country", {}).get("rules", {})
    if not rules.get("clean"):
        return []
    names = list(dict.fromkeys([*rules["clean"], *rules.get("edit", {}), *rules.get("preview", {})]))
    lines = [
        "",
        "## Per-rule time",
        "",
        "Job times from Snakemake's records (`.snakemake/metadata`: each job's start and end), every round;"
        " the median over the rounds of each rule's total job seconds, and the median seconds of one job."
        " With 2 cores, job seconds add up to more than the wall time when two jobs run at once.",
        "",
        "| rule | clean: jobs | clean: total s | clean: s per job | edit: jobs | edit: total s | preview: jobs | preview: total s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in names:
        cells = []
        for key in ("clean", "edit", "preview"):
            r = rules.get(key, {}).get(name)
            jobs = "" if not r or "jobs" not in r else f"{r['jobs']:g}"
            total = "–" if not r or r.get("median_total_s") is None else f"{r['median_total_s']:.2f}"
            cells += [jobs, total] + (
                [] if key != "clean" else ["" if not r or "jobs" not in r else f"{r['median_per_job_s']:.2f}"]
            )
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def noop_section(res: dict) -> list[str]:
    p = res.get("noop_profile")
    if not p or "parts_s" not in p:
        return []
    lines = [
        "",
        "## Where a no-op goes",
        "",
        f"One no-op Snakemake run profiled with cProfile ({p['profiled_total_s']:.2f} s profiled, which slows Python"
        " code down; the proportions are what count):",
        "",
        "| part | seconds (profiled) |",
        "|---|---:|",
    ]
    for label, secs in p["parts_s"].items():
        lines.append(f"| {label} | {'–' if secs is None else f'{secs:.2f}'} |")
    return lines


def imports_section(res: dict) -> list[str]:
    imp = res.get("imports")
    if not imp:
        return []
    lines = [
        "",
        "One job of each rule of the clean build rerun with `python -X importtime` (wall time of the whole step;"
        " import time is the part spent importing modules; heaviest packages with their cumulative import time):",
        "",
        "| step | wall | imports | heaviest imports |",
        "|---|---:|---:|---|",
    ]
    for step, p in imp.items():
        heavy = ", ".join(f"{k} {v:.2f}" for k, v in p.get("heaviest", {}).items())
        lines.append(f"| {step} | {fmt_s(p.get('wall_s'))} | {fmt_s(p.get('import_s'))} | {heavy} |")
    k = res.get("kernel")
    if k and "kernel_start_s" in k:
        lines += [
            "",
            f"What each of the anchor's notebooks pays first: a python3 kernel starts in {fmt_s(k['kernel_start_s'])}"
            f" (median of 3), and imports pandas and matplotlib in it in {fmt_s(k['anchor_imports_in_kernel_s'])}.",
        ]
    return lines


def pdf_section(res: dict) -> list[str]:
    """Issue 22: the two PDF engines on the same print copy of the report."""
    p = res.get("pdf_engines")
    if not p:
        return []
    out = ["", "## PDF engines on the same report", ""]
    if "error" in p:
        return [*out, f"Not measured: {p['error']}."]
    out += [
        f"The last round's print copy of the report, printed {p['rounds']} times by each engine in turn, each time"
        " in a fresh process (start-up and imports included, as the `render_pdf` job pays them), with the same"
        " DejaVu font files. WeasyPrint 70.0 runs in a throwaway environment of its own"
        " (`bench/digibench/weasyprint_print.py`, the former engine's settings).",
        "",
        "| engine | pages | every run (s) | median (s) |",
        "|---|---:|---|---:|",
    ]
    for engine in ("typst", "weasyprint"):
        walls = p["walls_s"].get(engine) or []
        med = p["median_s"].get(engine)
        out.append(
            f"| {engine} | {p['pages'].get(engine) or '–'} | {', '.join(f'{w:.2f}' for w in walls) or 'not run'} |"
            f" {'–' if med is None else f'{med:.2f}'} |"
        )
    if p.get("not_measured"):
        out += ["", f"WeasyPrint not measured: {p['not_measured']}."]
    return out


def notes_section(res: dict) -> list[str]:
    notes = res.get("notes")
    return ["", "## Notes", "", *[f"- {n}" for n in notes]] if notes else []


SECTIONS = (
    intro,
    goals_section,
    machine_section,
    rounds_section,
    rules_section,
    noop_section,
    imports_section,
    pdf_section,
    world_section,
    scale_section,
    notes_section,
)


def render_markdown(res: dict) -> str:
    """docs/benchmarks.md: every section in turn."""
    return "\n".join(line for section in SECTIONS for line in section(res)) + "\n"


def print_summary(res: dict) -> None:
    """The results on stdout at the end of a bench."""
    sc = res.get("six_country", {}).get("scenarios", {})
    print()
    print(f"{'scenario':66s} {'walls (s)':>28s} {'median ratio':>12s}")
    for s in sc.values():
        ratio = "–" if s["median_ratio"] is None else f"{s['median_ratio']:.2f}x"
        print(f"{s['what']:66s} {' '.join(f'{w:.1f}' for w in s['walls_s']):>28s} {ratio:>12s}")
    for r in res.get("world", {}).get("runs", []):
        run = r["run"]
        print(
            f"world {r['n']:4d} countries: {run['wall_s']:7.1f} s wall {run['cpu_s']:7.1f} s CPU {run['tree_peak_mb']:6.0f} MB"
        )
    fit = res.get("world", {}).get("fit_wall")
    if fit:
        print(f"world fit: wall = {fit['intercept_s']} s + {fit['slope_s_per_country']} s x N  (R² {fit['r2']})")
    for row in res.get("targets", {}).values():
        print(f"goal {row['what'][:60]:60s} {row['measured'][:40]:>40s}  limit {row['limit']:>12s}  {row['verdict']}")
