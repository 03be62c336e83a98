"""The targets of the benchmark issue, and for each the measured value and whether it was met."""

from __future__ import annotations

from .measure import completed

#: The targets of the benchmark issue.
TARGETS = {
    "clean_s": 25.0,
    "clean_vs_baseline": 0.5,
    "noop_s": 2.0,
    "one_country_s": 8.0,
    "scale193_s": 360.0,
    "scale193_peak_gb": 4.0,
}


def verdict(value: float | None, limit: float) -> str:
    if value is None:
        return "not measured"
    return "met" if value <= limit else "**missed**"


def _row(what: str, value: float | None, limit: float, unit: str = "s") -> dict:
    return {
        "what": what,
        "measured": "–" if value is None else f"{value:.2f}{'×' if unit == 'x' else ' ' + unit}",
        "limit": f"{limit:g}{'×' if unit == 'x' else ' ' + unit}",
        "verdict": verdict(value, limit),
        "value": value,
    }


def _scale193(out: dict, big: dict) -> None:
    """The 193-country targets (every UN member); a build stopped at the limit counts as missed, with what it reached."""
    r = big["run"]
    out["scale193"] = _row(
        "193-country clean build (every UN member)",
        r["wall_s"] if completed(r) else None,
        TARGETS["scale193_s"],
    )
    fin = big.get("finish")
    if r["timed_out"]:
        out["scale193"]["measured"] = f"> {r['wall_s']:.0f} s"
        out["scale193"]["verdict"] = "**missed** (stopped at the limit)"
        if completed(fin):
            out["scale193"]["measured"] += f" (≈ {r['wall_s'] + fin['wall_s']:.0f} s to finish)"
    complete, complete_later = completed(r), completed(fin)
    if complete or complete_later or r["timed_out"]:
        peak = max(r["tree_peak_mb"], fin["tree_peak_mb"] if fin else 0.0) / 1024
        out["mem193"] = _row("193-country peak memory", peak, TARGETS["scale193_peak_gb"], "GB")
        if not (complete or complete_later):
            out["mem193"]["measured"] = f"≥ {peak:.2f} GB"
            out["mem193"]["verdict"] += " (until stopped)"
        elif complete_later:
            out["mem193"]["what"] += " (stopped build, then finished)"


def targets(res: dict) -> dict:
    """One row per target: what, measured, limit, verdict (as the report prints them) and the raw value."""
    out = {}
    runs = {r["name"]: r for r in res.get("six_country", {}).get("runs", [])}

    def ok_wall(name: str) -> float | None:
        r = runs.get(name)
        return r["wall_s"] if r and r["returncode"] == 0 else None

    out["clean"] = _row("clean build, six countries", ok_wall("clean build"), TARGETS["clean_s"])
    b = res.get("baseline")
    out["ratio"] = _row("clean build / baseline", b["ratio"] if b else None, TARGETS["clean_vs_baseline"], "x")
    noop = res.get("six_country", {}).get("noop_median_s")
    out["noop"] = _row(
        "no-op rebuild (median)", noop if noop is not None else ok_wall("no-op rebuild"), TARGETS["noop_s"]
    )
    out["country"] = _row(
        "rebuild after one country's facts", ok_wall("edit one country's facts"), TARGETS["one_country_s"]
    )
    big = next((s for s in res.get("scale", {}).get("runs", []) if s["n"] == 193), None)
    if big:
        _scale193(out, big)
    return out
