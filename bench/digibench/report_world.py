"""The sections of docs/benchmarks.md on the world build and, when run, the synthetic fact bases.

Each section takes the whole results dict (as bench.json holds it) and returns its lines,
empty where that part was not run.
"""

from __future__ import annotations

from .measure import completed


def fmt_s(x: float | None) -> str:
    return "–" if x is None else f"{x:.1f} s"


def world_runs_table(w: dict) -> list[str]:
    """One row per world-like build: time, memory, what it published, whether the edition changed."""
    lines = [
        "| countries | command | wall | per country | CPU | peak memory (tree) | jobs | published in builds/<name>/ | edition | load |",
        "|---:|---|---:|---:|---:|---:|---:|---|---|---:|",
    ]
    for s in w["runs"]:
        r, pub = s["run"], s["published"]
        outcome = (
            ""
            if completed(r)
            else (" (stopped at the limit)" if r["timed_out"] else f" (failed, exit {r['returncode']})")
        )
        touched = len(s["edition_touched"])
        per_country = f"{r['wall_s'] / s['n']:.2f} s"
        lines.append(
            f"| {s['n']} | `{s['command']}` | {fmt_s(r['wall_s'])}{outcome} | {per_country if completed(r) else '–'}"
            f" | {fmt_s(r['cpu_s'])} | {r['tree_peak_mb'] / 1024:.2f} GB | {len(r['jobs'])}"
            f" | {pub['country_pages']} pages{', report' if pub['report_html'] else ''}{', PDF' if pub['report_pdf'] else ''}"
            f" | {'untouched' if not touched else f'{touched} files changed'} | {r['loadavg']:.1f} |"
        )
    return lines


def world_fit_lines(w: dict) -> list[str]:
    fit, cpu = w.get("fit_wall"), w.get("fit_cpu")
    if not (fit and cpu):
        return ["", "Too few completed sizes for a cost per country."]
    verdict = "linear" if w.get("linear") else "not shown linear"
    lines = [
        "",
        f"**Cost per added country**: least-squares lines through the completed builds"
        f" ({', '.join(str(n) for n in w['fit_sizes'])} countries): wall ≈ {fit['intercept_s']:.1f} s"
        f" + **{fit['slope_s_per_country']:.2f} s × N** (R² = {fit['r2']:.4f}); CPU time of the process tree ≈"
        f" {cpu['intercept_s']:.1f} s + **{cpu['slope_s_per_country']:.2f} s × N** (R² = {cpu['r2']:.4f}): {verdict}."
        " Each size ran once, so wall times carry the noise of other work on the machine; linearity is judged on"
        " CPU time (R² ≥ 0.98 over at least three sizes). The smaller builds hold the six curated countries, whose"
        " profiles cost more than an official-series-only one, so the curated share falls as N grows.",
    ]
    if w.get("marginal_s_per_country"):
        lines[-1] += " Wall seconds per added country between consecutive sizes: "
        lines[-1] += ", ".join(f"{m:.2f}" for m in w["marginal_s_per_country"]) + "."
    return lines


def world_rule_table(runs: list[dict]) -> list[str]:
    """Job seconds per rule at each size: a rule whose mean per job grows with N grows faster than N."""
    rules: list[str] = []
    for s in runs:
        rules += [r for r in s["rules"] if r not in rules]
    lines = [
        "",
        "Job time per rule at each size: total job seconds (jobs, mean seconds per job); every"
        " `profile_<batch>` rule profiles 16 countries in one process. The last row is make's and Snakemake's own"
        " time before the first job (workflow load, the check of every raw file and snapshot, the DAG).",
        "",
        "| rule | " + " | ".join(f"{s['n']} countries" for s in runs) + " |",
        "|---|" + "---:|" * len(runs),
    ]
    for rule in rules:
        cells = []
        for s in runs:
            r = s["rules"].get(rule)
            cells.append(f"{r['total_s']:.1f} ({r['jobs']}, {r['mean_s']:.2f})" if r else "–")
        lines.append(f"| {rule} | " + " | ".join(cells) + " |")
    lines.append("| *before the first job* | " + " | ".join(fmt_s(s["phases"].get("startup_s")) for s in runs) + " |")
    return lines


def world_section(res: dict) -> list[str]:
    """`make world`, the smaller world-like builds, the cost per country, rules by size, legibility."""
    w = res.get("world")
    if not w:
        return []
    lines = [
        "",
        "## `make world`: every UN member",
        "",
        f"{w['members']} UN members in the snapshots; {len(w['curated'])} of them ({', '.join(w['curated'])}) have a"
        " curated file, the others are profiled from their official series alone. Each build ran once, clean, in a"
        " fresh copy that looks like a fresh clone (code, data/raw and the committed edition, no build records),"
        " with `profile_batch=16`; the smaller ones list real UN members (the curated countries and an even spread"
        " of the others) and build into builds/world-<N>/. The edition column compares the sha256 of every file of"
        " reports/ and data/tidy/ before and after.",
        "",
        *world_runs_table(w),
        *[f"\nThe {s['n']}-country build failed: {s['failure']}." for s in w["runs"] if s.get("failure")],
        *world_fit_lines(w),
        *world_rule_table(w["runs"]),
    ]
    full = next((s for s in w["runs"] if s.get("legibility")), None)
    if full:
        lines += legibility_lines(full["n"], full["legibility"])
    return lines


def legibility_lines(n: int, leg: dict) -> list[str]:
    """What the report of the largest build looks like: figures, wide and long tables, the PDF."""
    lines = ["", f"### Legibility at {n} countries", ""]
    for f in leg.get("figures", []):
        if f["figure"].endswith(".print"):
            continue
        lines.append(
            f"- Figure `{f['figure']}`: {f['width_in']} × {f['height_in']} in, {f['lines']} line objects,"
            f" {f['text_groups']} text labels."
        )
    for tb in leg.get("wide_tables", []):
        lines.append(
            f"- Wide table: {tb['table']!r} has {tb['columns']} columns (more than 14 do not fit an A4 page legibly)."
        )
    for tb in leg.get("long_tables", []):
        lines.append(f"- Long table: {tb['table']!r} has {tb['rows']} rows.")
    if leg.get("pdf_pages"):
        lines.append(f"- PDF: {leg['pdf_pages']} pages, {leg.get('pdf_mb')} MB; HTML {leg.get('report_html_mb')} MB.")
    lines.append("- The SVGs, the PDF and PNG renders of the figure pages are kept in `bench/out/` for a look.")
    return lines


def scale_outcome(s: dict, limit_s: float) -> str:
    """ok, stopped at the limit or failed; and how a stopped build's untimed resumption ended."""
    r = s["run"]
    if completed(r):
        outcome = "ok"
    elif r["timed_out"]:
        outcome = f"stopped at {limit_s:.0f} s ({s['jobs_done']} of {s['jobs_total'] or '?'} jobs done)"
    else:
        outcome = f"failed (exit {r['returncode']})"
    fin = s.get("finish")
    if fin:
        done = "finished" if completed(fin) else "did not finish"
        outcome += f"; resumed untimed, {done} in {fin['wall_s']:.0f} s more (peak {fin['tree_peak_mb']:.0f} MB)"
    return outcome


def scale_section(res: dict) -> list[str]:
    """The optional synthetic fact bases (every country with a full curated file), and their fit."""
    sc = res.get("scale")
    if not sc:
        return []
    lines = [
        "",
        "## Synthetic fact bases (optional, `--synthetic`)",
        "",
        "Generated by `bench/synthetic.py` (real ISO 3166-1 codes, made-up values, `synthetic: true` in every"
        " country file): every country has a full curated file, unlike `make world`. Clean builds of the committed"
        " configuration:",
        "",
        "| countries | wall | per country | CPU | peak memory (tree) | PDF pages | outcome |",
        "|---:|---:|---:|---:|---:|---:|---|",
    ]
    for s in sc["runs"]:
        r = s["run"]
        lines.append(
            f"| {s['n']} | {fmt_s(r['wall_s'])} | {r['wall_s'] / s['n']:.2f} s | {fmt_s(r['cpu_s'])}"
            f" | {r['tree_peak_mb']:.0f} MB | {s.get('legibility', {}).get('pdf_pages', '–')}"
            f" | {scale_outcome(s, sc['limit_s'])} |"
        )
    fit = sc.get("fit")
    if fit:
        lines += [
            "",
            f"Straight-line fit ({', '.join(str(n) for n in sc['fit_sizes'])} countries): wall ≈"
            f" {fit['intercept_s']:.1f} s + {fit['slope_s_per_country']:.2f} s × N, R² = {fit['r2']:.3f}.",
        ]
    return lines
