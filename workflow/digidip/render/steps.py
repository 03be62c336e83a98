"""Command-line steps of the rendering stage (``python -m digidip profile|report|pdf``)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def profile(a: argparse.Namespace) -> int:
    """Slice, execute, render, for each country given: in one process (the notebooks run in
    it too, unless the kernel engine is chosen), so a job pays one start-up and one import
    however many countries it profiles. Output paths are patterns holding ``{iso3}``."""
    from ..analysis import figdata
    from ..analysis import profile as profiles
    from ..common import atomic
    from ..tidy.inputs import load_input
    from ..tidy.slices import country_slice
    from . import notebooks, pages

    src = load_input(a.raw, a.iso3, a.official, a.benchmarks, snapshots=None)
    published = [s.get("published") for s in src.fb.sources.values()]
    edition = figdata.edition_of(published, figdata.sidecar_dates(a.sidecars))
    for iso3 in a.iso3:
        out = {k: getattr(a, k).format(iso3=iso3) for k in ("facts", "notebook", "page", "fragment", "data")}
        facts = country_slice(src, iso3)
        atomic.write_text(out["facts"], facts)
        params = {"iso3": iso3, "facts_path": out["facts"], "report_href": "../report.html"}
        try:
            notebooks.execute(
                a.source, out["notebook"], params, a.kernel, cwd=Path.cwd(), timeout=a.timeout, engine=a.engine
            )
        except notebooks.NotebookFailed as err:
            print(f"{a.source} for {iso3}: {err}", file=sys.stderr)
            return 1
        body = notebooks.render_body(out["notebook"])
        name = json.loads(facts)["country"]["name"]
        atomic.write_text(out["page"], pages.render_country_page(iso3, name, body, a.title))
        atomic.write_text(out["fragment"], notebooks.scope_fragment(body, iso3, shift=2))
        # The data the page's timeline draws: drawn again here from the same slice, as the notebook did.
        atomic.write_text(out["data"], profiles.timeline_csv(profiles.load(out["facts"]), edition))
    return 0


def report(a: argparse.Namespace) -> int:
    import csv

    from ..analysis.content import report_content, to_json
    from ..analysis.figspecs import MAPS
    from ..common import atomic
    from ..tidy.read import read_tables
    from .references import read_items
    from .report import for_print, render_report

    t = read_tables(Path(a.tables[0]).parent)
    figs = {Path(p).stem: Path(p).read_bytes() for p in a.figures}
    profiles = {Path(p).stem: Path(p).read_text(encoding="utf-8") for p in a.profiles}
    # The maps' tables of values are the rows their CSVs hold: exactly what they draw.
    data = {Path(p).stem: Path(p) for p in a.figure_data}
    maps = {n: list(csv.DictReader(data[n].open(encoding="utf-8", newline=""))) for n in MAPS if n in data}
    content = report_content(t, a.title, Path(a.root), list(profiles), focus=a.focus, maps=maps)
    if a.content_out:
        atomic.write_text(a.content_out, to_json(content))
    html = render_report(content, figs, profiles, read_items(a.csl))
    atomic.write_text(a.out, html)
    if a.print_out:
        # The copy the PDF is made from: each figure in its print form (text as text).
        printed = {
            name: Path(p).with_suffix(".print.svg").read_bytes() for name, p in zip(figs, a.figures, strict=True)
        }
        atomic.write_text(a.print_out, for_print(html, figs, printed, content["figs"]))
    return 0


def pdf(a: argparse.Namespace) -> int:
    from ..common import provenance
    from .pdf import edition_of, render_pdf

    # The PDF is dated as the report it is made from says (its dcterms.created), so this job
    # needs no tables: the PDF is the last step of every edit.
    day = provenance.edition_date([edition_of(Path(a.html))])
    render_pdf(a.html, a.out, provenance.source_date_epoch(day))
    if a.environment:
        import json

        from ..common import atomic
        from .pdf import render_environment

        atomic.write_text(a.environment, json.dumps(render_environment(), indent=1, sort_keys=True) + "\n")
    return 0
