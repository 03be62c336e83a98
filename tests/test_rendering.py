"""The report as a person sees it: headless Chromium for the HTML, poppler for the PDF.

Runs on the two-country fixture build (fast) and on the published edition in reports/.
"""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, pdftotext
from digidip.render import figwidth

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def need_chromium() -> str:
    """Chromium's path; a missing Chromium fails the test (never skips it) and says how to get it."""
    if CHROMIUM is None:
        pytest.fail(
            "Chromium is not installed: run 'workflow/scripts/system-deps.sh test' (as root on Debian/Ubuntu; "
            "'make test' runs it) or install the 'chromium' package"
        )
    return CHROMIUM


#: Each table's frame: whether it scrolls, its caption's box, and where its first column's cell
#: stands once the frame is scrolled 200 px (sticky: still at the frame's left edge).
FRAMES = """() => [...document.querySelectorAll('.table-wrap')].map(w => {
    const cap = w.querySelector('caption'), first = w.querySelector('tbody tr > :first-child');
    const box = w.getBoundingClientRect(), c = cap.getBoundingClientRect();
    w.scrollLeft = 200;
    const scrolled = w.scrollLeft, left = first.getBoundingClientRect().left;
    w.scrollLeft = 0;
    return {id: cap.id, scrolls: w.scrollWidth > w.clientWidth + 1, scrolled, left: box.left, right: box.right,
            capLeft: c.left, capRight: c.right, capScrolls: cap.scrollWidth > cap.clientWidth + 1,
            firstLeft: left, cue: getComputedStyle(w).backgroundImage};
})"""
#: Each figure's image: its drawing (to read its text sizes from) and its width on the screen.
FIGURES = """() => [...document.querySelectorAll('figure img')].map(i => ({
    src: i.getAttribute('src'), shown: i.getBoundingClientRect().width,
    framed: i.parentElement.classList.contains('fig-frame'),
}))"""


def open_in_chromium(path: Path, width: int, shot: Path) -> dict:
    """Load ``path`` offline; return console messages, failed requests, errors and layout width."""
    from playwright.sync_api import sync_playwright

    need_chromium()
    events: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": width, "height": 900}, offline=True, java_script_enabled=True)
        page = context.new_page()
        page.on("console", lambda m: events.append(f"console {m.type}: {m.text}"))
        page.on("requestfailed", lambda r: events.append(f"request failed: {r.url}"))
        page.on("pageerror", lambda e: events.append(f"page error: {e}"))
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(path.as_uri(), wait_until="load")
        shot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shot), full_page=False)
        info = page.evaluate(
            """() => ({
                scrollWidth: document.documentElement.scrollWidth,
                images: [...document.images].map(i => ({ok: i.complete && i.naturalWidth > 0, alt: i.alt})),
                scripts: document.scripts.length,
                h1: document.querySelectorAll('h1').length,
            })"""
        )
        info["frames"] = page.evaluate(FRAMES)
        info["figures"] = page.evaluate(FIGURES)
        browser.close()
    info["events"] = events
    info["foreign_requests"] = [u for u in requests if not u.startswith(("file:", "data:"))]
    return info


@pytest.fixture(params=[pytest.param("fixture", marks=pytest.mark.workflow), "published"])
def report(request) -> Path:
    if request.param == "fixture":  # the build only for the page that needs it
        return request.getfixturevalue("mini_build") / "reports" / "report.html"
    path = ROOT / "reports" / "report.html"
    if not path.exists():
        pytest.fail("reports/report.html is not published: run 'make report' and commit the edition")
    return path


@pytest.mark.parametrize("width", [1280, 390])
def test_html_loads_cleanly_in_chromium(report, width, request, artefacts):
    shot = artefacts / "screenshots" / f"{request.node.callspec.id}.png"
    info = open_in_chromium(report, width, shot)
    assert info["events"] == [], info["events"]
    assert info["foreign_requests"] == []
    assert info["scripts"] == 0
    assert info["images"] and all(i["ok"] and i["alt"] for i in info["images"])
    assert info["scrollWidth"] <= width + 1, f"page is {info['scrollWidth']}px wide at a {width}px viewport"
    assert shot.stat().st_size > 1000
    check_frames(info, width)


def smallest_text_px(figure: dict) -> float:
    """The smallest text of a figure as shown, in CSS px (sizes read from its SVG, in points)."""
    svg = base64.b64decode(figure["src"].split(",", 1)[1])
    width_pt = float(re.search(rb'<svg[^>]*?\swidth="([0-9.]+)pt"', svg).group(1))
    return min(figwidth.text_sizes(svg)) * figure["shown"] / width_pt


def check_frames(info: dict, width: int) -> None:
    """Wide tables scroll in their frames with the first column in view, a cue and the caption
    whole; every figure's text is at least 9 CSS px, in a frame of its own."""
    frames = info["frames"]
    assert frames, "no table frames found"
    if width < 500:  # the phone: the report's wide tables must scroll (or the check checks nothing)
        assert any(f["scrolls"] for f in frames), "no table scrolls at a phone's width"
    for f in frames:
        assert f["capLeft"] >= f["left"] - 1 and f["capRight"] <= f["right"] + 1, f"caption {f['id']} clipped: {f}"
        assert not f["capScrolls"], f"caption {f['id']} does not wrap"
        if f["scrolls"]:
            assert f["scrolled"] > 0 and abs(f["firstLeft"] - f["left"]) <= 1, (
                f"first column of {f['id']} left view: {f}"
            )
            assert "radial-gradient" in f["cue"], f"table {f['id']} scrolls without a cue"
    assert info["figures"], "no figures found"
    for fig in info["figures"]:
        assert fig["framed"], "a figure is not in a scrolling frame"
        assert smallest_text_px(fig) >= figwidth.MIN_TEXT_PX - 0.05, f"figure text {smallest_text_px(fig):.1f}px"


@pytest.mark.workflow
@pytest.mark.parametrize("width", [1280, 390])
def test_country_page_loads_cleanly(mini_build, artefacts, width):
    info = open_in_chromium(
        mini_build / "reports/countries/ISL.html", width, artefacts / "screenshots" / f"country-ISL-{width}.png"
    )
    assert info["events"] == [] and info["foreign_requests"] == [] and info["scripts"] == 0
    assert info["h1"] == 1
    assert info["scrollWidth"] <= width + 1, f"page is {info['scrollWidth']}px wide at a {width}px viewport"
    check_frames(info, width)


def test_published_pdf_has_every_section_and_country_and_numbered_figures():
    pdf = ROOT / "reports" / "report.pdf"
    text = pdftotext(pdf)
    for section in (
        "Contents",
        "1. Summary",
        "2. Scope and method",
        "3. Comparison",
        "4. Country profiles",
        "5. Regional context",
        "6. Discussion",
        "7. Conclusion",
        "8. Data quality",
        "9. Sources",
        "12. Reproducibility",
    ):
        assert section in text, section
    for country in ("Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan", "Ukraine"):
        assert text.count(country) >= 3, country
    numbers = [int(n) for n in re.findall(r"Figure (\d+)\. ", text)]
    assert sorted(set(numbers)) == list(range(1, max(numbers) + 1)) and max(numbers) >= 4
    assert re.search(r"Page \d+ of \d+", text)


def test_published_pdf_embeds_every_font():
    out = subprocess.run(
        ["pdffonts", str(ROOT / "reports" / "report.pdf")], capture_output=True, text=True, check=True
    ).stdout
    rows = out.splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        assert re.search(r"\byes\s+yes\s+yes\b", row), f"font not embedded as a subset with Unicode map: {row}"
        assert "DejaVu" in row
