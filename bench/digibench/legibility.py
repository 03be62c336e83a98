"""Facts for judging a large report by eye: figure sizes and label counts, wide and long tables, PDF pages.

``legibility`` also copies the SVGs and the PDF, and renders the PDF pages that carry the
comparative figures to PNG, into bench/out/ for a human to look at.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path


def html_tables(html: str) -> list[dict]:
    """Caption (or id) and column count of each table in the report."""
    out = []
    for m in re.finditer(r"<table\b([^>]*)>(.*?)</table>", html, re.S):
        attrs, body = m.group(1), m.group(2)
        first_row = re.search(r"<tr\b.*?</tr>", body, re.S)
        cols = len(re.findall(r"<t[hd]\b", first_row.group(0))) if first_row else 0
        rows = len(re.findall(r"<tr\b", body))
        cap = re.search(r"<caption>(.*?)</caption>", body, re.S)
        label = (
            re.sub(r"<[^>]+>", "", cap.group(1))[:70] if cap else (re.search(r'id="([^"]+)"', attrs) or [None, "?"])[1]
        )
        out.append({"table": label, "columns": cols, "rows": rows})
    return out


def svg_facts(svg: Path) -> dict:
    """Size in inches, and how many text labels and legend lines the figure carries."""
    text = svg.read_text(encoding="utf-8")
    m = re.search(r'<svg[^>]*width="([\d.]+)pt"[^>]*height="([\d.]+)pt"', text)
    w, h = (float(m.group(1)) / 72, float(m.group(2)) / 72) if m else (0.0, 0.0)
    return {
        "figure": svg.stem,
        "width_in": round(w, 1),
        "height_in": round(h, 1),
        "text_groups": len(re.findall(r'<g id="text_\d+"', text)),
        "lines": len(re.findall(r'<g id="line2d_\d+"', text)),
    }


def legibility(project: Path, outdir: Path, n: int, work: str = "data/interim", root: str = ".") -> dict:
    """Facts for judging the figures and tables at this size; copies the SVGs and the PDF for a look.

    ``work`` and ``root`` are where the build staged its work and published (the edition's by
    default; data/interim/builds/<name> and builds/<name> for a build of another configuration).
    """
    outdir.mkdir(parents=True, exist_ok=True)
    figs = sorted((project / work / "figures").glob("*.svg"))
    for f in figs:
        shutil.copy2(f, outdir / f.name)
    report = project / root / "reports" / "report.html"
    pdf = project / root / "reports" / "report.pdf"
    report = report if report.is_file() else None
    pdf = pdf if pdf.is_file() else None
    facts: dict = {"figures": [svg_facts(f) for f in figs]}
    if report is not None:
        tables = html_tables(report.read_text(encoding="utf-8"))
        facts["report_html_mb"] = round(report.stat().st_size / 2**20, 1)
        facts["wide_tables"] = [t for t in tables if t["columns"] > 14]
        facts["long_tables"] = [t for t in tables if t["rows"] > 300]
    if pdf is not None:
        shutil.copy2(pdf, outdir / "report.pdf")
        facts["pdf_mb"] = round(pdf.stat().st_size / 2**20, 1)
        # The poppler tools are optional: without them the PDF facts are left out, not failed.
        if shutil.which("pdfinfo"):
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False).stdout
            pages = re.search(r"^Pages:\s+(\d+)", info, re.M)
            facts["pdf_pages"] = int(pages.group(1)) if pages else None
        if shutil.which("pdftoppm") and shutil.which("pdftotext"):
            facts["figure_pages"] = figure_pages(pdf, outdir)
    return facts


def figure_pages(pdf: Path, outdir: Path) -> list[int]:
    """Render the PDF pages that carry the comparative figures to PNG (for a human to look at)."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=False).stdout
    pages = []
    for i, page in enumerate(text.split("\f"), 1):
        if re.search(r"^Figure \d+\.", page, re.M):
            pages.append(i)
        if len(pages) >= 6:
            break
    for p in pages:
        subprocess.run(
            ["pdftoppm", "-f", str(p), "-l", str(p), "-r", "80", "-png", str(pdf), str(outdir / f"page-{p:04d}")],
            check=False,
            capture_output=True,
        )
    return pages
