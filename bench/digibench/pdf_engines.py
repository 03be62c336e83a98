"""The PDF engines side by side on the same report (issue 22): Typst, as the workflow prints
now, and WeasyPrint 70.0, the engine it replaced.

Both print the same print copy of the report (the one the last round's clean build staged),
with the same DejaVu font files, each in a fresh process (start-up and imports included, as
the ``render_pdf`` job pays them), alternating, ``ROUNDS`` times; the ratio is the median of
Typst's times over WeasyPrint's. WeasyPrint lives in a throwaway environment in the user's cache
(``~/.cache/digidip-bench/``: ``pip install weasyprint==70.0``, kept between benches), never in
the project's .venv or tree, and needs the system's Pango: where either is missing, the part says why and the goal
is not measured.
"""

from __future__ import annotations

import ctypes.util
import os
import statistics
import subprocess
import sys
from pathlib import Path

from .measure import env_for, measure
from .paths import BENCH

ROUNDS = 3
WEASYPRINT = "weasyprint==70.0"
TYPST_SCRIPT = "import sys; from digidip.render.pdf import render_pdf; render_pdf(sys.argv[1], sys.argv[2], 1725148800)"


def weasyprint_python() -> tuple[Path | None, str]:
    """The Python of an environment with WeasyPrint, made once in the user's cache (outside
    the project, so no check of the project's code ever reads it); or None and the reason."""
    if not ctypes.util.find_library("pango-1.0"):
        return None, "the system has no Pango (libpango-1.0), which WeasyPrint needs"
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    venv = cache / "digidip-bench" / f"venv-{WEASYPRINT.replace('==', '-')}"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    probe = subprocess.run([str(python), "-c", "import weasyprint"], capture_output=True)
    if probe.returncode != 0:
        done = subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", WEASYPRINT],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            return None, f"pip install {WEASYPRINT} failed: {done.stderr.strip()[-300:]}"
    return python, ""


def pages(pdf: Path) -> int | None:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages) if pdf.exists() else None


def pdf_engines(project: Path, out: Path, logs: Path) -> dict:
    """Typst and WeasyPrint on ``project``'s staged print copy: wall times, pages, the ratio."""
    html = project / "data" / "interim" / "report.print.html"
    if not html.exists():
        return {"error": f"no print copy at {html}: the rounds did not build the report"}
    weasy, why = weasyprint_python()
    fonts = project / "workflow" / "digidip" / "render" / "fonts"
    env = env_for(project)
    times: dict[str, list[float]] = {"typst": [], "weasyprint": []}
    print("PDF engines: Typst and WeasyPrint on the same print copy" + ("" if weasy else f" (WeasyPrint: {why})"))
    for i in range(1, ROUNDS + 1):
        run = measure(
            f"pdf-typst-{i}",
            [sys.executable, "-c", TYPST_SCRIPT, str(html), str(out / "typst.pdf")],
            project,
            env,
            logs,
        )
        times["typst"].append(run.wall_s if run.ok else float("nan"))
        if weasy:
            cmd = [
                str(weasy),
                str(BENCH / "digibench" / "weasyprint_print.py"),
                str(html),
                str(out / "weasyprint.pdf"),
                str(fonts),
                "1725148800",
            ]
            run = measure(f"pdf-weasyprint-{i}", cmd, project, env, logs)
            times["weasyprint"].append(run.wall_s if run.ok else float("nan"))
    res = {
        "rounds": ROUNDS,
        "walls_s": times,
        "pages": {"typst": pages(out / "typst.pdf"), "weasyprint": pages(out / "weasyprint.pdf")},
    }
    med = {k: statistics.median(v) for k, v in times.items() if v}
    res["median_s"] = med
    if "weasyprint" in med and med["weasyprint"] > 0:
        res["ratio"] = round(med["typst"] / med["weasyprint"], 3)
    else:
        res["not_measured"] = why or "WeasyPrint failed"
    return res
