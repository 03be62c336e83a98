"""Command line of the workflow's steps: ``python -m digidip <step> ...``.

Each Snakemake rule calls one step; researchers can call them too (``validate`` above all).
Steps write their outputs atomically and exit non-zero with a readable message on bad input.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from .problems import ValidationError


def _countries(value: str) -> list[str]:
    return [c for c in value.replace(",", " ").split() if c]


def cmd_validate(a: argparse.Namespace) -> int:
    from .validate import load_factbase

    fb = load_factbase(a.raw)
    n_obs = sum(len(c["observations"]) for c in fb.countries.values()) + len(fb.official)
    n_ev = sum(len(c["events"]) for c in fb.countries.values())
    print(
        f"ok: {len(fb.countries)} countries, {n_obs} observations, {n_ev} events, {len(fb.context)} context facts, {len(fb.sources)} sources, {len(fb.quality)} quality issues"
    )
    return 0


def cmd_scaffold(a: argparse.Namespace) -> int:
    from . import scaffold

    path = scaffold.write(Path(a.raw), a.iso3.upper())
    print(f"wrote {path}: fill in its region, then add facts (see docs/data-model.md) and run 'make validate'")
    return 0


def cmd_tidy(a: argparse.Namespace) -> int:
    from . import atomic, datapackage, tidy
    from .validate import load_factbase

    fb = load_factbase(a.raw)
    countries = tidy.selected(fb, _countries(a.countries))
    out = Path(a.package).parent
    for name, text in tidy.build_tables(fb, countries).items():
        atomic.write_text(out / name, text)
        logging.info("wrote %s", out / name)
    atomic.write_text(a.package, datapackage.build(fb, countries))
    return 0


def cmd_slice(a: argparse.Namespace) -> int:
    from . import atomic, factcache, tidy

    # The workflow validated the fact base when it loaded and cached it by content.
    fb = factcache.load(a.raw, cache=a.cache)
    atomic.write_text(a.out, tidy.country_slice(fb, a.iso3))
    return 0


def cmd_notebook(a: argparse.Namespace) -> int:
    from . import notebooks

    params = {"iso3": a.iso3, "facts_path": a.facts, "report_href": "../report.html"}
    try:
        notebooks.execute(a.source, a.out, params, kernel_name=a.kernel, cwd=Path.cwd())
    except notebooks.NotebookFailed as err:
        print(f"{a.source} for {a.iso3}: {err}", file=sys.stderr)
        return 1
    return 0


def cmd_page(a: argparse.Namespace) -> int:
    from . import atomic, notebooks, pages

    facts = json.loads(Path(a.facts).read_text(encoding="utf-8"))
    body = notebooks.render_body(a.notebook)
    name = facts["country"]["name"]
    atomic.write_text(a.page, pages.render_country_page(a.iso3, name, body, a.title))
    atomic.write_text(a.fragment, notebooks.scope_fragment(body, a.iso3, shift=2))
    return 0


def cmd_figure(a: argparse.Namespace) -> int:
    from . import atomic, figures
    from .tables import read_tables

    atomic.write_bytes(a.out, figures.draw(a.name, read_tables(Path(a.tables[0]).parent), a.top_n))
    return 0


def cmd_report(a: argparse.Namespace) -> int:
    from . import atomic, report
    from .tables import read_tables

    t = read_tables(Path(a.tables[0]).parent)
    figs = {Path(p).stem: Path(p).read_bytes() for p in a.figures}
    profiles = {Path(p).stem: Path(p).read_text(encoding="utf-8") for p in a.profiles}
    atomic.write_text(a.out, report.render_report(t, figs, profiles, Path(a.root), a.title))
    return 0


def cmd_pdf(a: argparse.Namespace) -> int:
    from . import pdf, provenance
    from .tables import read_tables

    t = read_tables(Path(a.tables[0]).parent)
    day = provenance.edition_date([d for d in t.sources["published"].dropna()])
    pdf.render_pdf(a.html, a.out, provenance.source_date_epoch(day))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="digidip", description=__doc__)
    sub = parser.add_subparsers(dest="step", required=True)

    p = sub.add_parser("validate", help="check every raw fact file; print all problems")
    p.add_argument("--raw", default="data/raw")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("scaffold", help="start the fact file of a new country")
    p.add_argument("--raw", default="data/raw")
    p.add_argument("--iso3", required=True)
    p.set_defaults(func=cmd_scaffold)

    p = sub.add_parser("tidy", help="write the tidy tables and their data package")
    p.add_argument("--raw", default="data/raw")
    p.add_argument("--package", default="data/tidy/datapackage.json", help="the data package; tables go beside it")
    p.add_argument("--countries", default="", help="ISO3 codes to include (default: all)")
    p.set_defaults(func=cmd_tidy)

    p = sub.add_parser("slice", help="write one country's fact slice for its notebook")
    p.add_argument("--raw", default="data/raw")
    p.add_argument("--cache", default=".snakemake/digidip/factbase.json", help="validated fact base, keyed by content")
    p.add_argument("--iso3", required=True)
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_slice)

    p = sub.add_parser("notebook", help="execute the country notebook for one country")
    p.add_argument("--source", required=True)
    p.add_argument("--iso3", required=True)
    p.add_argument("--facts", required=True)
    p.add_argument("--kernel", required=True)
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_notebook)

    p = sub.add_parser("page", help="render an executed notebook to the country page and report fragment")
    p.add_argument("--notebook", required=True)
    p.add_argument("--iso3", required=True)
    p.add_argument("--facts", required=True)
    p.add_argument("--title", required=True)
    p.add_argument("--page", required=True)
    p.add_argument("--fragment", required=True)
    p.set_defaults(func=cmd_page)

    p = sub.add_parser("figure", help="draw one comparative figure")
    p.add_argument("--name", required=True)
    p.add_argument(
        "--tables", nargs="+", default=["data/tidy/observations.csv"], help="tidy tables (their folder is read)"
    )
    p.add_argument("--top-n", type=int, default=8)
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_figure)

    p = sub.add_parser("report", help="assemble the self-contained HTML report")
    p.add_argument(
        "--tables", nargs="+", default=["data/tidy/observations.csv"], help="tidy tables (their folder is read)"
    )
    p.add_argument("--figures", nargs="+", required=True)
    p.add_argument("--profiles", nargs="+", required=True)
    p.add_argument("--title", required=True)
    p.add_argument("--root", default=".")
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("pdf", help="render the HTML report to PDF")
    p.add_argument("--html", required=True)
    p.add_argument(
        "--tables", nargs="+", default=["data/tidy/observations.csv"], help="tidy tables (their folder is read)"
    )
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_pdf)

    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except ValidationError as err:
        print(err.format(), file=sys.stderr)
        return 2
    except (FileExistsError, LookupError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
