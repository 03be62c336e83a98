"""Command-line steps of the rendering stage (``python -m digidip notebook|page|report|pdf``)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def notebook(a: argparse.Namespace) -> int:
    from . import notebooks

    params = {"iso3": a.iso3, "facts_path": a.facts, "report_href": "../report.html"}
    try:
        notebooks.execute(a.source, a.out, params, kernel_name=a.kernel, cwd=Path.cwd(), timeout=a.timeout)
    except notebooks.NotebookFailed as err:
        print(f"{a.source} for {a.iso3}: {err}", file=sys.stderr)
        return 1
    return 0


def page(a: argparse.Namespace) -> int:
    from ..common import atomic
    from . import notebooks, pages

    facts = json.loads(Path(a.facts).read_text(encoding="utf-8"))
    body = notebooks.render_body(a.notebook)
    name = facts["country"]["name"]
    atomic.write_text(a.page, pages.render_country_page(a.iso3, name, body, a.title))
    atomic.write_text(a.fragment, notebooks.scope_fragment(body, a.iso3, shift=2))
    return 0


def report(a: argparse.Namespace) -> int:
    from ..common import atomic
    from ..tidy.read import read_tables
    from .references import read_items
    from .report import render_report

    t = read_tables(Path(a.tables[0]).parent)
    figs = {Path(p).stem: Path(p).read_bytes() for p in a.figures}
    profiles = {Path(p).stem: Path(p).read_text(encoding="utf-8") for p in a.profiles}
    html = render_report(t, figs, profiles, Path(a.root), a.title, read_items(a.csl))
    atomic.write_text(a.out, html)
    return 0


def pdf(a: argparse.Namespace) -> int:
    from ..common import provenance
    from ..tidy.read import read_tables
    from .pdf import render_pdf

    t = read_tables(Path(a.tables[0]).parent)
    day = provenance.edition_date([*t.sources["published"].dropna(), *t.snapshots["published"].dropna()])
    render_pdf(a.html, a.out, provenance.source_date_epoch(day))
    if a.environment:
        import json

        from ..common import atomic
        from .pdf import library_versions

        atomic.write_text(a.environment, json.dumps(library_versions(), indent=1, sort_keys=True) + "\n")
    return 0
