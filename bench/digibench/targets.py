"""The goals of issue 16, and for each the measured value and whether it was met.

Ratios are a scenario's wall time over the naive anchor's of the same round; a goal on a
ratio (or on the no-op's seconds) is judged on the median of the rounds, and the rounds
within the limit are counted beside it. The world build's goals are judged on its one run.
"""

from __future__ import annotations

from .measure import completed

#: The goals of issue 16: ratios to the naive anchor, seconds, gigabytes.
TARGETS = {
    "clean_ratio": 0.5,
    "edit_ratio": 0.3,
    "preview_ratio": 0.15,
    "noop_s": 1.5,
    "world_s": 300.0,
    "world_peak_gb": 3.0,
    # Issue 22: Typst's time to print the report over WeasyPrint's, same report, same run.
    "pdf_ratio": 0.25,
    # Issue 27: make serve, edit to reload, median of at least ten edits, on 2 cores.
    "serve_p50_s": 1.0,
}


def verdict(value: float | None, limit: float, strict: bool = False) -> str:
    if value is None:
        return "not measured"
    return "met" if (value < limit if strict else value <= limit) else "**missed**"


def _unit(x: float, unit: str) -> str:
    return f"{x:.2f}×" if unit == "x" else f"{x:.2f} {unit}"


def _row(what: str, value: float | None, limit: float, unit: str, strict: bool = False) -> dict:
    return {
        "what": what,
        "measured": "–" if value is None else _unit(value, unit),
        "limit": ("< " if strict else "≤ ") + (f"{limit:g}×" if unit == "x" else f"{limit:g} {unit}"),
        "verdict": verdict(value, limit, strict),
        "value": value,
    }


def _rounds(row: dict, values: list[float], limit: float, unit: str) -> dict:
    """Every round's value beside the median, and how many rounds were within the limit."""
    if values:
        within = sum(v <= limit for v in values)
        row["rounds"] = ", ".join(_unit(v, unit) for v in values) + f" ({within} of {len(values)} within)"
    return row


def six_country_goals(res: dict) -> dict:
    """The clean, edit, preview and no-op goals, from the rounds' medians."""
    sc = res.get("six_country", {}).get("scenarios", {})
    out = {}
    for key, goal, what in (
        ("clean", "clean_ratio", "clean six-country build ÷ anchor"),
        ("edit", "edit_ratio", "edit one country, full edition (HTML and PDF) ÷ anchor"),
        ("preview", "preview_ratio", "edit one country, `make preview` (HTML only) ÷ anchor"),
    ):
        s = sc.get(key)
        if s:
            out[key] = _rounds(_row(what, s["median_ratio"], TARGETS[goal], "x"), s["ratios"], TARGETS[goal], "x")
    recs = res.get("six_country", {}).get("rounds", [])
    if recs:
        touched = sorted({f for r in recs for f in r.get("preview_touched", [])})
        shown = all(r.get("preview_shows_edit") for r in recs)
        out["preview_edition"] = {
            "what": "`make preview` never touches the published edition (reports/, data/tidy/)",
            "measured": (f"{len(touched)} edition files changed" if touched else "0 edition files changed")
            + ("; the staged page shows the edit" if shown else "; the staged page does NOT show the edit"),
            "limit": "0 files changed",
            "verdict": "met" if not touched and shown else "**missed**",
            "value": len(touched),
        }
    s = sc.get("noop")
    if s:
        walls = s["walls_s"] if not s["failed"] else []
        out["noop"] = _rounds(
            _row("no-op `make report`", s["median_wall_s"], TARGETS["noop_s"], "s"), walls, TARGETS["noop_s"], "s"
        )
    return out


def world_goals(res: dict) -> dict:
    """Wall time, peak memory, a directory of its own, and a linear cost per added country."""
    w = res.get("world")
    if not w:
        return {}
    out = {}
    full = next((r for r in w["runs"] if r["build"] == "world"), None)
    if full:
        r = full["run"]
        wall = r["wall_s"] if completed(r) else None
        out["world"] = _row(f"`make world` ({full['n']} countries), wall", wall, TARGETS["world_s"], "s")
        if r["timed_out"]:
            out["world"].update(measured=f"> {r['wall_s']:.0f} s", verdict="**missed** (stopped at the limit)")
        elif not completed(r):
            out["world"].update(
                measured=f"failed after {r['wall_s']:.0f} s", verdict=f"**missed**: {full.get('failure') or 'failed'}"
            )
        peak = r["tree_peak_mb"] / 1024
        out["world_mem"] = _row(
            "`make world`, peak memory of the process tree", peak, TARGETS["world_peak_gb"], "GB", True
        )
        if not completed(r):
            out["world_mem"].update(measured=f"≥ {peak:.2f} GB (until it stopped)", verdict="not judged")
        pub = full["published"]
        own = completed(r) and pub["report_html"] and pub["report_pdf"] and pub["country_pages"] == full["n"]
        out["world_place"] = {
            "what": "`make world` builds into builds/world/, the edition untouched",
            "measured": ", ".join(
                [f"{pub['country_pages']} country pages"]
                + ["report"] * pub["report_html"]
                + ["PDF"] * pub["report_pdf"]
            )
            + f" in builds/world/; {len(full['edition_touched'])} of {full['edition_files']} edition files changed",
            "limit": "all pages there, 0 changed",
            "verdict": "met" if own and not full["edition_touched"] else "**missed**",
            "value": len(full["edition_touched"]),
        }
    fit, cpu = w.get("fit_wall"), w.get("fit_cpu")
    if fit and cpu:
        out["world_linear"] = {
            "what": "world build: cost per added country, linear",
            "measured": f"{fit['slope_s_per_country']:.2f} s wall, {cpu['slope_s_per_country']:.2f} s CPU per country;"
            f" CPU R² {cpu['r2']:.3f} (wall {fit['r2']:.3f}) over {len(w['fit_sizes'])} sizes",
            "limit": "reported; CPU R² ≥ 0.98",
            "verdict": "met"
            if w.get("linear")
            else ("**missed**" if len(w["fit_sizes"]) >= 3 else "not judged (fewer than 3 sizes)"),
            "value": cpu["r2"],
        }
    return out


def pdf_goals(res: dict) -> dict:
    """Issue 22: printing the report with Typst takes at most a quarter of WeasyPrint's time."""
    p = res.get("pdf_engines")
    if not p:
        return {}
    row = _row("PDF printing, Typst ÷ WeasyPrint (same print copy)", p.get("ratio"), TARGETS["pdf_ratio"], "x")
    if p.get("ratio") is None:
        row["measured"] = f"not measured: {p.get('not_measured') or p.get('error')}"
    else:
        med = p["median_s"]
        row["measured"] += f" ({med['typst']:.2f} s against {med['weasyprint']:.2f} s)"
    return {"pdf": row}


def serve_goals(res: dict) -> dict:
    """Issue 27: edit-to-reload of make serve (p50 judged, p95 shown), beside the anchor of the same run."""
    s = res.get("serve")
    if not s:
        return {}
    row = _row(
        f"`make serve`, edit to reload, p50 of {len(s['times_s'])} edits", s["p50_s"], TARGETS["serve_p50_s"], "s"
    )
    if s.get("error") or s["p50_s"] is None:
        row.update(measured=f"failed: {s.get('error', 'no edit timed')[:200]}", verdict="**missed**")
    else:
        anchor = res.get("six_country", {}).get("scenarios", {}).get("anchor", {}).get("median_wall_s")
        row["measured"] += f" (p95 {s['p95_s']:.2f} s" + (f"; anchor {anchor:.1f} s)" if anchor else ")")
        row["rounds"] = ", ".join(f"{x:.2f} s" for x in s["times_s"])
    clean = s["exit_code"] == 0 and not s["locks_left"] and not s["edition_touched"]
    return {
        "serve": row,
        "serve_stop": {
            "what": "`make serve` stopped with Ctrl-C: exits, no lock left, edition untouched",
            "measured": f"exit {s['exit_code']}, {len(s['locks_left'])} locks, {len(s['edition_touched'])} edition files changed",
            "limit": "exit 0, 0, 0",
            "verdict": "met" if clean else "**missed**",
            "value": len(s["edition_touched"]),
        },
    }


def targets(res: dict) -> dict:
    """One row per goal: what, measured, limit, verdict (as the report prints them) and the raw value."""
    return {**six_country_goals(res), **pdf_goals(res), **serve_goals(res), **world_goals(res)}
