"""Write the comparative report: one self-contained HTML file (figures inline, no script).

What the report says is decided in ``analysis/content.py`` (one plain-data object); this
module only writes it through the templates: it adds what belongs to the page — the
figures' drawings as data URIs, the country profiles' HTML, the Content-Security-Policy —
and the references as the CSL processor formats them.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from ..analysis.figspecs import MAPS
from . import references
from .figwidth import least_width_px
from .html import inline_svg, render, svg_data_uri
from .pages import CSP

#: The figures drawn in the page itself as SVG elements, each with a title (the maps), not as images.
INLINE = MAPS


def bibliography(sources: list[dict], csl_items: list[dict]) -> dict:
    """The list of sources: each reference as the CSL processor formats it, and what the
    style leaves out that a reader of a dataset needs (its release or edition)."""
    missing = {s["source"] for s in sources} - {item["id"] for item in csl_items}
    if missing:
        raise ValueError(f"sources without a CSL item: {', '.join(sorted(missing))}")
    return {
        "references": references.format_items(csl_items),
        "releases": {item["id"]: item["version"] for item in csl_items if "version" in item},
        "citation_style": references.style_title(),
    }


def render_report(content: dict, figure_svgs: dict[str, bytes], profiles: dict[str, str], csl_items: list[dict]) -> str:
    """The report's HTML from its ``content`` (``analysis.content.report_content``), the
    figures' SVG drawings and the full profiles' HTML fragments."""
    figs = {
        name: {
            **fig,
            "src": svg_data_uri(figure_svgs[name]),
            "least_width": least_width_px(figure_svgs[name]),
            "inline": None,
        }
        for name, fig in content["figs"].items()
    }
    for name in INLINE:  # the maps: in the page itself, with a title
        if name in figs:
            figs[name]["inline"] = _inline(name, figure_svgs[name], figs[name])
    page = {
        "figs": figs,
        "csp": CSP,
        "profiles": {k: Markup(v) for k, v in profiles.items()},  # noqa: S704 - rendered by us from escaped fragments
        **bibliography(content["sources"], csl_items),
    }
    return render("report.html.j2", **{**content, **page})


def _inline(name: str, svg: bytes, fig: dict) -> Markup:
    return inline_svg(name, svg, fig["alt"], least_width_px(svg))


def for_print(html: str, screen: dict[str, bytes], printed: dict[str, bytes], figs: dict[str, dict]) -> str:
    """The report with every figure swapped for its print form (same drawing, text as text);
    a map drawn in the page becomes an image of its print form, as the PDF's writer takes
    every figure (Typst draws an SVG image as vector paths and text, never as pixels)."""
    for name, svg in screen.items():
        if name in INLINE:
            markup = str(_inline(name, svg, figs[name]))
            uri, alt = svg_data_uri(printed[name]), escape(figs[name]["alt"])
            if html.count(markup) != 1:
                raise RuntimeError(f"map {name} is not in the report exactly once")
            html = html.replace(markup, f'<img src="{uri}" alt="{alt}">')
            continue
        uri = svg_data_uri(svg)
        if html.count(uri) != 1:
            raise RuntimeError(f"figure {name} is not in the report exactly once")
        html = html.replace(uri, svg_data_uri(printed[name]))
    return html
