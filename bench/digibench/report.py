"""docs/benchmarks.md from the results (``render_markdown``, one function per section) and the stdout summary.

Every section takes the whole results dict (as bench.json holds it) and returns its lines,
empty where that part was skipped; ``SECTIONS`` is their order in the document.
"""

from __future__ import annotations

from .measure import completed, per_rule


def fmt_s(x: float | None) -> str:
    return "–" if x is None else f"{x:.1f} s"


def rule_table(rules: dict[str, dict]) -> list[str]:
    lines = ["| rule | jobs | total job s | mean s | max s |", "|---|---:|---:|---:|---:|"]
    for rule, r in sorted(rules.items(), key=lambda kv: -kv[1]["total_s"]):
        lines.append(f"| {rule} | {r['jobs']} | {r['total_s']:.1f} | {r['mean_s']:.2f} | {r['max_s']:.2f} |")
    return lines


def scale_rule_table(runs: list[dict]) -> list[str]:
    """Mean seconds per job of each rule at each size: a rule whose mean grows with N grows faster than N."""
    cols = []  # (heading, per-rule dict, phases)
    for s in runs:
        cols.append((f"{s['n']} countries", s.get("rules", {}), s.get("phases", {})))
        if s.get("finish"):
            cols.append(
                (f"{s['n']}, resumed after the stop", s["finish"].get("rules", {}), s["finish"].get("phases", {}))
            )
    rules: list[str] = []
    for _, per, _ in cols:
        rules += [r for r in per if r not in rules]
    lines = [
        "Job time per rule: total job seconds (mean seconds per job) at each size, and Snakemake's own"
        " start-up before the first job (workflow load, validation of every raw file, DAG):",
        "",
        "| rule | " + " | ".join(c[0] for c in cols) + " |",
        "|---|" + "---:|" * len(cols),
    ]
    for rule in rules:
        cells = []
        for _, per, _ in cols:
            r = per.get(rule)
            cells.append(f"{r['total_s']:.1f} ({r['mean_s']:.2f})" if r else "–")
        lines.append(f"| {rule} | " + " | ".join(cells) + " |")
    lines.append("| *Snakemake start-up* | " + " | ".join(fmt_s(ph.get("startup_s")) for _, _, ph in cols) + " |")
    return lines


def intro(res: dict) -> list[str]:
    return [
        "# Benchmarks",
        "",
        f"Written by `make bench` (`bench/run.py`) on {res['machine']['date']}; do not edit by hand — rerun the bench.",
        "Every measurement ran in a fresh temporary copy of the project with",
        f"`snakemake --profile workflow/profiles/local --cores {res['cores']}`. Wall time is what a",
        "researcher waits; CPU time is user+system time of the whole process tree (less sensitive to",
        "other load on the machine); peak memory is the largest summed resident memory of every process",
        "of the tree, sampled every 0.1 s (the largest single process, from getrusage, beside it).",
        "",
    ]


def machine_section(res: dict) -> list[str]:
    m = res["machine"]
    return [
        "## Machine",
        "",
        f"- CPU: {m['cpu']}; {m['logical_cores']} logical cores ({m['usable_cores']} usable)",
        f"- Memory: {m['memory_gb']} GB",
        f"- OS: {m['os']}",
        f"- Python {m['python']}",
        "- Packages: " + ", ".join(f"{k} {v}" for k, v in m["packages"].items()),
        f"- Load average when the bench started: {', '.join(f'{x:.2f}' for x in m['loadavg_at_start'])}"
        " (other work on the machine inflates wall times; compare CPU times across runs)",
        "",
    ]


def baseline_lines(b: dict) -> list[str]:
    return [
        "",
        f"**Baseline** (papermill CLI + `jupyter nbconvert --to html`, {b['countries']} notebooks one after"
        f" another, kernel python3, fact slices prepared beforehand): {fmt_s(b['run']['wall_s'])} wall,"
        f" {fmt_s(b['run']['cpu_s'])} CPU, peak {b['run']['tree_peak_mb']:.0f} MB. The workflow's clean build"
        f" (which also validates, tidies, draws four figures, assembles the report and prints the PDF)"
        f" takes **{b['ratio']:.2f}×** the baseline's wall time.",
    ]


def six_country_section(res: dict) -> list[str]:
    """The builds of the real fact base, the edits they followed, and the baseline beside them."""
    six = res.get("six_country", {})
    if not six.get("runs"):
        return []
    lines = [
        f"## The six-country report ({six.get('countries', '?')} countries)",
        "",
        "| measurement | wall | CPU | peak memory (tree) | largest process | jobs run | load |",
        "|---|---:|---:|---:|---:|---|---:|",
    ]
    for r in six["runs"]:
        counts = per_rule(r["jobs"])
        jobs = ", ".join(f"{k}×{v['jobs']}" for k, v in counts.items()) or "none"
        flag = " (failed)" if r["returncode"] else ""
        lines.append(
            f"| {r['name']}{flag} | {fmt_s(r['wall_s'])} | {fmt_s(r['cpu_s'])} | {r['tree_peak_mb']:.0f} MB"
            f" | {r['max_rss_mb']:.0f} MB | {jobs} | {r['loadavg']:.1f} |"
        )
    if "edits" in six:
        lines += ["", "Edits: " + "; ".join(f"{k}: {v}" for k, v in six["edits"].items()) + "."]
    if res.get("baseline"):
        lines += baseline_lines(res["baseline"])
    return lines


def targets_section(res: dict) -> list[str]:
    t = res.get("targets", {})
    if not t:
        return []
    lines = ["", "## Targets", "", "| target | measured | limit | verdict |", "|---|---:|---:|---|"]
    for row in t.values():
        lines.append(f"| {row['what']} | {row['measured']} | {row['limit']} | {row['verdict']} |")
    return lines


def where_time_goes_section(res: dict) -> list[str]:
    """The clean build per rule, and Snakemake's own time before the first and after the last job."""
    six = res.get("six_country", {})
    if not six.get("clean_rules"):
        return []
    lines = [
        "",
        "## Where the time goes",
        "",
        "Clean build, per rule (job times from `.snakemake/metadata`; with 2 cores, job seconds add up to"
        " about twice the wall time when both cores are busy):",
        "",
        *rule_table(six["clean_rules"]),
    ]
    ph = six.get("clean_phases", {})
    if ph:
        lines += [
            "",
            f"Snakemake before the first job (workflow load, raw-data validation, DAG): {fmt_s(ph.get('startup_s'))};"
            f" after the last job: {fmt_s(ph.get('teardown_s'))}; jobs ran for {fmt_s(ph.get('jobs_span_s'))}"
            f" with {ph.get('parallelism')} jobs busy on average.",
        ]
    return lines


def imports_section(res: dict) -> list[str]:
    imp = res.get("imports")
    if not imp:
        return []
    lines = [
        "",
        "One job of each rule rerun with `python -X importtime` (wall time of the whole step; import time is"
        " the part spent importing modules; heaviest packages with their cumulative import time):",
        "",
        "| step | wall | imports | heaviest imports |",
        "|---|---:|---:|---|",
    ]
    for step, p in imp.items():
        heavy = ", ".join(f"{k} {v:.2f}" for k, v in p.get("heaviest", {}).items())
        lines.append(f"| {step} | {fmt_s(p.get('wall_s'))} | {fmt_s(p.get('import_s'))} | {heavy} |")
    return lines


def kernel_section(res: dict) -> list[str]:
    k = res.get("kernel")
    if not (k and "kernel_start_s" in k):
        return []
    return [
        "",
        f"Jupyter kernel start-up (python3, median of 3): {fmt_s(k['kernel_start_s'])}; importing"
        f" `digidip.profile` in the fresh kernel: {fmt_s(k['import_digidip_profile_in_kernel_s'])}.",
    ]


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


def legibility_lines(runs: list[dict]) -> list[str]:
    """What the largest size with legibility facts looks like: figures, wide and long tables, the PDF."""
    sized = next((s for s in reversed(runs) if s.get("legibility")), None)
    if sized is None:
        return []
    leg = sized["legibility"]
    lines = ["", f"### Legibility at {sized['n']} countries", ""]
    for f in leg.get("figures", []):
        lines.append(
            f"- Figure `{f['figure']}`: {f['width_in']} × {f['height_in']} in, {f['lines']} line objects,"
            f" {f['text_groups']} text labels."
        )
    for tb in leg.get("wide_tables", []):
        lines.append(
            f"- Wide table: {tb['table']!r} has {tb['columns']} columns (more than 14 do not fit an A4 page"
            " legibly: they are squeezed or cut off in the PDF)."
        )
    for tb in leg.get("long_tables", []):
        lines.append(f"- Long table: {tb['table']!r} has {tb['rows']} rows.")
    if leg.get("pdf_pages"):
        lines.append(f"- PDF: {leg['pdf_pages']} pages, {leg.get('pdf_mb')} MB; HTML {leg.get('report_html_mb')} MB.")
    lines.append("- The SVGs, the PDF and PNG renders of the figure pages are kept in `bench/out/` for a look.")
    return lines


def scale_runs_table(sc: dict) -> list[str]:
    """One row per synthetic size: time, memory, PDF pages and how the build ended."""
    lines = [
        "",
        "## Scale: synthetic fact bases",
        "",
        "Generated by `bench/synthetic.py` (real ISO 3166-1 codes, made-up values, `synthetic: true` in"
        " every country file, about 100 official observations, 9 events and 2–5 coded practices per"
        " country, like the real data). Clean builds:",
        "",
        "| countries | wall | per country | CPU | peak memory (tree) | largest process | PDF pages | outcome |",
        "|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for s in sc["runs"]:
        r = s["run"]
        lines.append(
            f"| {s['n']} | {fmt_s(r['wall_s'])} | {r['wall_s'] / s['n']:.2f} s | {fmt_s(r['cpu_s'])}"
            f" | {r['tree_peak_mb']:.0f} MB | {r['max_rss_mb']:.0f} MB | {s.get('legibility', {}).get('pdf_pages', '–')}"
            f" | {scale_outcome(s, sc['limit_s'])} |"
        )
    return lines


def fit_lines(sc: dict) -> list[str]:
    fit = sc.get("fit")
    if not fit:
        return []
    return [
        "",
        f"Straight-line fit over the completed builds ({', '.join(str(n) for n in sc['fit_sizes'])} countries):"
        f" wall ≈ {fit['intercept_s']:.1f} s + {fit['slope_s_per_country']:.2f} s × N, R² = {fit['r2']:.3f};"
        f" predicted for 193 countries (every UN member): {sc['predicted_193_s']:.0f} s.",
    ]


def scale_section(res: dict) -> list[str]:
    """The synthetic clean builds, the straight-line fit, job time per rule by size, and legibility."""
    sc = res.get("scale")
    if not sc:
        return []
    return [*scale_runs_table(sc), *fit_lines(sc), "", *scale_rule_table(sc["runs"]), *legibility_lines(sc["runs"])]


def notes_section(res: dict) -> list[str]:
    notes = res.get("notes")
    return ["", "## Notes", "", *[f"- {n}" for n in notes]] if notes else []


SECTIONS = (
    intro,
    machine_section,
    six_country_section,
    targets_section,
    where_time_goes_section,
    imports_section,
    kernel_section,
    scale_section,
    notes_section,
)


def render_markdown(res: dict) -> str:
    """docs/benchmarks.md: every section in turn."""
    return "\n".join(line for section in SECTIONS for line in section(res)) + "\n"


def print_summary(res: dict) -> None:
    """The results table on stdout at the end of a bench."""
    six = res.get("six_country", {})
    print()
    print(f"{'measurement':34s} {'wall':>9s} {'CPU':>9s} {'peak MB':>8s}")
    for r in six.get("runs", []):
        print(f"{r['name']:34s} {r['wall_s']:8.1f}s {r['cpu_s']:8.1f}s {r['tree_peak_mb']:8.0f}")
    b = res.get("baseline")
    if b:
        r = b["run"]
        print(
            f"{'baseline (papermill + nbconvert)':34s} {r['wall_s']:8.1f}s {r['cpu_s']:8.1f}s {r['tree_peak_mb']:8.0f}"
        )
        print(f"{'clean build / baseline':34s} {b['ratio']:8.2f}x")
    for s in res.get("scale", {}).get("runs", []):
        r = s["run"]
        tag = " (stopped)" if r["timed_out"] else ("" if r["returncode"] == 0 else " (failed)")
        print(
            f"{'synthetic ' + str(s['n']) + ' countries' + tag:34s} {r['wall_s']:8.1f}s {r['cpu_s']:8.1f}s {r['tree_peak_mb']:8.0f}"
        )
    fit = res.get("scale", {}).get("fit")
    if fit:
        print(f"fit: wall = {fit['intercept_s']} s + {fit['slope_s_per_country']} s x N  (R² {fit['r2']})")
    for row in res.get("targets", {}).values():
        print(f"target {row['what']:45s} {row['measured']:>10s}  limit {row['limit']:>8s}  {row['verdict']}")
