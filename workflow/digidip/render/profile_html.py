"""A country's profile as escaped HTML fragments, one per section of the country notebook.

The notebook displays these; the same fragments appear in the country page and, through
it, in the comparative report. What they show is computed in ``analysis.profile``.
"""

from __future__ import annotations

from ..analysis import figdata, profile
from .figwidth import least_width_px
from .html import render, svg_data_uri


def _ctx(p: profile.Profile) -> dict:
    qmap: dict[str, list[str]] = {}
    for q in p.data["quality"]:
        for f in q["facts"]:
            qmap.setdefault(f, []).append(q["issue"])
    return {
        "p": p,
        "d": p.data,
        "report": p.report_href,
        "srcnum": p.data["source_numbers"],
        "qmap": qmap,
        "qtitles": p.data["quality_titles"],
    }


def header_html(p: profile.Profile) -> str:
    return render("profile/header.html.j2", **_ctx(p))


def key_figures_html(p: profile.Profile) -> str:
    return render(
        "profile/key_figures.html.j2",
        rows=profile.key_figures(p),
        components=profile.key_figures(p, components=True),
        weakest=profile.weakest_component(p),
        **_ctx(p),
    )


def timeline_html(p: profile.Profile) -> str:
    svg = profile.timeline_svg(p)
    shown = profile.shown(p)
    plans = [e for e in shown if e["category"] in profile.PLAN_CATEGORIES]
    return render(
        "profile/timeline.html.j2",
        img=svg_data_uri(svg) if svg else None,
        least_width=least_width_px(svg) if svg else 0,
        data_href=figdata.country_csv(p.iso3),
        events=shown,
        plans=plans,
        **_ctx(p),
    )


def practices_html(p: profile.Profile) -> str:
    coded = {pr["goal"]: pr for pr in p.data["practices"]}
    return render("profile/practices.html.j2", coded=coded, **_ctx(p))


def partners_html(p: profile.Profile) -> str:
    return render(
        "profile/partners.html.j2",
        partners=profile.partners(p),
        notable=profile.notable(p),
        others=profile.others_acts(p),
        plans=profile.plans(p),
        **_ctx(p),
    )


def gaps_html(p: profile.Profile) -> str:
    return render("profile/gaps.html.j2", gaps=profile.gaps(p), **_ctx(p))
