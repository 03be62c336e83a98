"""Country pages: the rendered notebook body inside the site's page shell.

Kept apart from ``report`` so that rendering a page imports no pandas or matplotlib.
"""

from __future__ import annotations

from markupsafe import Markup

from .html import render

#: Forbids loading anything from anywhere: only inline styles and data: images and fonts.
#: Our constant, not data, so it is kept literal (quotes read as written).
CSP = Markup(
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; base-uri 'none'; form-action 'none'"
)


def render_country_page(iso3: str, name: str, body: str, title: str) -> str:
    """The full HTML page of one country profile (``body`` is nbconvert's escaped output)."""
    return render("country_page.html.j2", iso3=iso3, name=name, body=Markup(body), title=title, csp=CSP)  # noqa: S704
