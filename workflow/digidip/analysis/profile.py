"""A country's profile, computed from its fact slice: key figures, timeline, partners, gaps.

``render.profile_html`` turns these into the escaped HTML fragments the country notebook
displays; the same fragments appear in the country page and in the comparative report.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.colors import to_rgba
from matplotlib.transforms import ScaledTranslation

from ..facts import evidence
from ..official.egdi import PLACEHOLDERS
from . import components, palette, plotting
from .figdata import Plotted
from .standing import EGDI_COMPONENTS

PLAN_CATEGORIES = ("strategy", "programme", "law", "decree")


@dataclass
class Profile:
    """One country's slice of the fact base (see tidy.country_slice)."""

    data: dict
    report_href: str

    @property
    def iso3(self) -> str:
        return self.data["country"]["iso3"]

    @property
    def name(self) -> str:
        return self.data["country"]["name"]


def load(path: Path | str, report_href: str = "../report.html") -> Profile:
    return Profile(json.loads(Path(path).read_text(encoding="utf-8")), report_href)


#: Indicators that are parts of a composite index: shown in their own table, after the headline ones.
COMPONENTS = (
    "osi",
    "hci",
    "tii",
    "itu_gci_legal",
    "itu_gci_technical",
    "itu_gci_organisational",
    "itu_gci_capacity",
    "itu_gci_cooperation",
)


#: The fewest significant digits a value needs for a repeat of the value before it to read as
#: carried forward, not measured: at two or three digits two real years can agree (16 after
#: 15.7), at four or more a repeat with fewer digits is a copy of the last reported value.
CARRY_DIGITS = 4


def _digits(value: float) -> tuple[int, int]:
    """(significant digits, decimals) of a value as the tables write it (shortest form)."""
    _sign, digits, exponent = Decimal(repr(float(value))).normalize().as_tuple()
    return len(digits), max(0, -int(exponent))


def series_span(obs: list[dict]) -> dict:
    """How a series is described: from its first non-zero year (a count of subscriptions is 0
    before the service exists: those years are no observations of it), counting only the years
    whose value was reported. A value of at least CARRY_DIGITS significant digits that repeats
    the last reported value with fewer decimals, in the year straight after, is that value
    carried into a year the publisher did not report (Ukraine's fixed lines, reported every
    five years before 1975, are filled in year by year): it is counted apart, not as a value."""
    rows = sorted((int(o["year"]), float(o["value"])) for o in obs)
    nonzero = [i for i, (_, v) in enumerate(rows) if v != 0]
    if not nonzero:
        return {"first_year": None, "n_values": 0, "carried": 0, "zeros_before": len(rows)}
    kept, carried, last, prev_year = [], 0, None, None
    for year, value in rows[nonzero[0] :]:
        digits, decimals = _digits(value)
        if (
            last is not None
            and year == prev_year + 1
            and digits >= CARRY_DIGITS
            and decimals < _digits(last)[1]
            and round(last, decimals) == value
        ):
            carried += 1
        else:
            kept.append(year)
            last = value
        prev_year = year
    return {"first_year": kept[0], "n_values": len(kept), "carried": carried, "zeros_before": nonzero[0]}


def key_figures(p: Profile, components: bool = False) -> list[dict]:
    """Latest value of each headline indicator (or of each component), official datasets first,
    article values listed beside, and where the country stands among the UN members."""
    by_ind: dict[str, list[dict]] = {}
    for o in p.data["observations"]:
        if o.get("flag") in PLACEHOLDERS:
            continue
        by_ind.setdefault(o["indicator"], []).append(o)
    changes = {c["fact_id"]: c for c in p.data.get("changes", [])}
    rows = []
    for ind, obs in sorted(by_ind.items()):
        if (ind in COMPONENTS) != components:
            continue
        official = [o for o in obs if p.data["sources"][o["source"]]["kind"] == "official-dataset"]
        pool = official or obs
        top = max(pool, key=lambda o: (o["year"], o["fact_id"]))
        stated = [o for o in obs if o not in official and o is not top]
        rows.append(
            {
                "indicator": p.data["indicators"][ind],
                "obs": top,
                "series": series_span(pool),
                "stated": sorted(stated, key=lambda o: (o["year"], o["fact_id"])),
                "peers": p.data.get("peers", {}).get(ind),
                "change": changes.get(top["fact_id"]),
            }
        )
    if components:
        rows.sort(key=lambda r: COMPONENTS.index(r["indicator"]["id"]))
    return rows


def weakest_component(p: Profile) -> dict | None:
    """The country's weakest EGDI component by the report's one rule (``components.weakest``),
    from the world percentiles of the three components in one edition; None without all three."""
    peers = p.data.get("peers", {})
    cells = {ind: peers.get(ind) for ind, _ in EGDI_COMPONENTS}
    if not all(c and c.get("percentile") for c in cells.values()):
        return None
    years = {c["year"] for c in cells.values()}
    if len(years) != 1:  # never a verdict from percentiles of different editions
        return None
    pct = {ind: c["percentile"]["value"] for ind, c in cells.items()}
    rule = components.weakest(pct)
    said = components.words(rule, pct, dict(EGDI_COMPONENTS))
    return {**rule, "year": years.pop(), "rule": components.rule_text(), "words": said}


def timeline_labels(events: list[dict]) -> list[str]:
    """The timeline's row labels, bottom row first: each title whole, wrapped at 48 characters
    (never cut short), marked when it is known only as a title the article cites."""
    titles = [("Cited: " if e.get("cited_only") else "") + e["report_title"] for e in reversed(events)]
    return [plotting.plain(textwrap.fill(t, 48, break_long_words=False)) for t in titles]


def colour(p: Profile) -> str:
    """The country's colour: the one it has in every comparative figure (palette.py)."""
    return palette.colour_map([p.iso3])[p.iso3]


def timeline_figure(p: Profile) -> tuple[plt.Figure, Plotted] | None:
    """This country's plans and laws (bars for periods, dots for dates) and the record of every
    mark drawn (the timeline's CSV); None when it has none."""
    events = [e for e in shown(p) if e["category"] in PLAN_CATEGORIES]
    if not events:
        return None
    labels = timeline_labels(events)
    lines = max(label.count("\n") + 1 for label in labels)
    # Marks in the country's colour, outlined in the benchmarks' dark ink: the lightest of the
    # six (Tajikistan's) stands about 1.9:1 against the page, short of the 3:1 that WCAG asks
    # of the marks a reader must see; the outline keeps every mark visible.
    ink, rec = colour(p), Plotted()
    plotting.setup()
    # Every title whole, wrapped: rows grow with the longest title's lines.
    fig, ax = plt.subplots(figsize=(7.0, (0.34 + 0.15 * (lines - 1)) * len(events) + 0.9))
    xs: list[float] = []
    for i, e in enumerate(reversed(events)):
        more = {"country": p.iso3, "indicator": e["category"]}
        if e.get("period_start"):
            start, end = plotting.frac_year(e["period_start"]), plotting.frac_year(e["period_end"], end=True)
            hatch = "////" if e.get("cited_only") else None  # known only from a cited title
            fill = to_rgba(ink, 0.3)
            ax.barh(i, end - start, left=start, height=0.5, facecolor=fill, edgecolor=palette.BENCHMARK, hatch=hatch)
            xs += [start, end]
            period = f"{e['period_start']}/{e['period_end']}"
            rec.add(
                e.get("fact_id", ""),
                unit="period",
                year=period,
                value=None,
                source=e.get("source", ""),
                mark="period",
                **more,
            )
        x = plotting.point_year(e["date"])
        xs.append(x)
        plotting.mark_date(ax, x, i, e["dating"], ink, size=24, edge=palette.BENCHMARK)
        rec.add(
            e.get("fact_id", ""),
            unit="date",
            year=e["date"],
            value=None,
            source=e.get("source", ""),
            mark=e["dating"],
            **more,
        )
    plotting.year_axis(ax, min(xs), max(xs))
    ax.set_yticks(range(len(events)), labels)
    ax.set_xlabel("Year")
    ax.grid(axis="y", visible=False)
    used = {e["dating"] for e in events}
    marks, labels = plotting.dating_handles(ink, edge=palette.BENCHMARK)
    keep = [i for i, d in enumerate(plotting.DATING_MARKS) if d in used]
    # Half an inch below the axes whatever their height (an axes fraction would put the
    # legend on the year label of a one-row timeline).
    below = ax.transAxes + ScaledTranslation(0, -0.45, fig.dpi_scale_trans)
    ax.legend(
        [marks[i] for i in keep],
        [labels[i] for i in keep],
        loc="upper center",
        bbox_to_anchor=(0.5, 0),
        bbox_transform=below,
        ncol=len(keep),
        frameon=False,
        fontsize=8,
    )
    return fig, rec


def timeline_svg(p: Profile) -> bytes | None:
    """This country's timeline as SVG (None when it has none)."""
    drawn = timeline_figure(p)
    return plotting.to_svg(drawn[0]) if drawn else None


def timeline_csv(p: Profile, edition: str) -> str:
    """What the timeline draws, as its CSV (only the header when it draws nothing)."""
    drawn = timeline_figure(p)
    if drawn is None:
        return Plotted().csv(f"{p.iso3}-timeline", edition)
    plt.close(drawn[0])
    return drawn[1].csv(f"{p.iso3}-timeline", edition)


def shown(p: Profile) -> list[dict]:
    """The country's dated facts the report lists: not plans, not facts the quality record
    folds into another (``shown``)."""
    return [e for e in p.data["events"] if e.get("shown", True) and not e.get("planned")]


def plans(p: Profile) -> list[dict]:
    """Plans and intentions the sources state (never counted as practice)."""
    return [e for e in p.data["events"] if e.get("planned")]


def partners(p: Profile) -> list[str]:
    """The organisations and states the country works with: the partners of its own acts,
    not of its plans (a plan's partners are intended, not yet partners) nor of others' acts."""
    names = {x for e in p.data["events"] if evidence.own(e, p.iso3) and not e.get("planned") for x in e["partners"]}
    return sorted(names, key=str.casefold)


def notable(p: Profile) -> list[dict]:
    """The country's notable actions: its own acts, done, serving its foreign policy (a
    domestic measure or another party's act is none)."""
    return [e for e in shown(p) if evidence.notable(e, p.iso3)]


def others_acts(p: Profile) -> list[dict]:
    """Acts of other states and organisations concerning the country (not its own actions)."""
    return [e for e in shown(p) if not evidence.own(e, p.iso3)]


def gaps(p: Profile) -> list[str]:
    """What the evidence does not tell us about this country (own words, computed)."""
    out = []
    coded = {pr["goal"] for pr in p.data["practices"]}
    missing = [g["label"] for g in p.data["goals"] if g["id"] not in coded]
    if missing:
        out.append(
            f"The sources document no practice for {len(missing)} of the {len(p.data['goals'])} goals"
            f" ({', '.join(missing)}): a gap in the sources, not evidence that the practice is absent."
        )
    years = {}
    for o in p.data["observations"]:
        if p.data["sources"][o["source"]]["kind"] == "official-dataset":
            years.setdefault(o["indicator"], set()).add(o["year"])
    for ind in ("internet_users_pct", "egdi_rank"):
        if ind not in years:
            out.append(f"No official series for {ind.replace('_', ' ')}.")
    if "internet_users_pct" in years:
        last = max(years["internet_users_pct"])
        out.append(f"The official internet-use series ends in {last}.")
    for dating, words in (
        ("inferred", "carry a date we inferred because the source gives none"),
        (
            "attested",
            "are dated only by the time a source shows them in force ('by' dates); their own dates are unknown",
        ),
    ):
        n = sum(1 for e in p.data["events"] if e["dating"] == dating)
        if n:
            out.append(f"{n} dated fact{'s' if n != 1 else ''} {words}.")
    articles = [s for s in p.data["sources"].values() if s["kind"] != "official-dataset"]
    if not articles:
        out.append("No article in the evidence base discusses this country.")
    elif all(s["kind"] == "abstract" for s in articles):
        out.append(
            "The only article about this country is an abstract with its reference list: what is missing may be in the full text."
        )
    return out
