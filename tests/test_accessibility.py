"""Accessible pages: axe-core checks the report and every country page in Chromium.

axe-core comes from the npm registry, pinned in tools/package-lock.json ('make tools'). The
test injects it into the loaded page (the context bypasses the page's CSP for that alone);
the published HTML itself carries no script. Any WCAG 2.0/2.1 A or AA violation fails, on a
desktop's width and a phone's (where wide tables scroll). Axe's "incomplete" results (what
it could not decide, e.g. contrast over an image) do not fail: they are printed, and written
with the violations to artefacts/axe/<page>-<width>.json in pytest's temporary directory
(the ``artefacts`` fixture) for a person to review.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_rendering import ARGS, need_chromium

from conftest import ROOT

AXE = ROOT / "tools" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = [1280, 390]
#: The published edition profiles every country with a file (config: countries: []).
PUBLISHED = ["report.html"] + [f"countries/{p.stem}.html" for p in sorted((ROOT / "data/raw/countries").glob("*.yaml"))]
FIXTURE = ["report.html", "countries/ISL.html", "countries/MLT.html"]


def need_axe() -> Path:
    """axe-core's script; a missing one fails the test (never skips it) and says how to get it."""
    if not AXE.exists():
        pytest.fail(f"axe-core is not installed ({AXE} is missing): run 'make tools'")
    return AXE


@pytest.fixture(scope="module")
def browser():
    """One offline Chromium for the module's pages."""
    from playwright.sync_api import sync_playwright

    executable = need_chromium()
    need_axe()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=ARGS)
        yield b
        b.close()


def run_axe(browser, path: Path, width: int = 1280) -> dict:
    """Load ``path`` offline, inject axe-core and return its results for the WCAG A/AA rules."""
    if not path.exists():
        pytest.fail(f"{path} does not exist: run 'make report'")
    context = browser.new_context(viewport={"width": width, "height": 900}, offline=True, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(path.as_uri(), wait_until="load")
        assert page.evaluate("document.scripts.length") == 0, f"{path} carries a script of its own"
        page.add_script_tag(path=str(need_axe()))
        return page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations', 'incomplete']})",
            TAGS,
        )
    finally:
        context.close()


def described(results: list[dict]) -> str:
    """One line per rule: id, impact, help, how many elements and the first few selectors."""
    lines = []
    for r in results:
        targets = [" ".join(map(str, n["target"])) for n in r["nodes"]]
        lines.append(f"{r['id']} ({r['impact']}): {r['help']} — {len(targets)} element(s), e.g. {targets[:3]}")
    return "\n".join(lines)


def check(browser, path: Path, name: str, width: int, folder: Path) -> None:
    results = run_axe(browser, path, width)
    name = f"{name}-{width}"
    folder.mkdir(parents=True, exist_ok=True)
    keep = {k: results[k] for k in ("testEngine", "url", "violations", "incomplete")}
    (folder / f"{name}.json").write_text(json.dumps(keep, indent=1), encoding="utf-8")
    if results["incomplete"]:
        print(f"{name}: axe could not decide (review by eye):\n{described(results['incomplete'])}")
    assert not results["violations"], f"{path}: WCAG A/AA violations:\n{described(results['violations'])}"


def stem(page: str) -> str:
    return page.replace("/", "-").removesuffix(".html")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", PUBLISHED)
def test_published_page_has_no_wcag_violations(browser, page, width, artefacts):
    check(browser, ROOT / "reports" / page, "published-" + stem(page), width, artefacts / "axe")


@pytest.mark.workflow
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", FIXTURE)
def test_fixture_page_has_no_wcag_violations(browser, mini_build, page, width, artefacts):
    check(browser, mini_build / "reports" / page, "fixture-" + stem(page), width, artefacts / "axe")


def test_axe_finds_a_violation(browser, tmp_path):
    """The check is real: a link with no text and an image with no alt fail it, by rule id."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main>'
        '<h1>t</h1><a href="#x"></a><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        "</main></body></html>",
        encoding="utf-8",
    )
    ids = {r["id"] for r in run_axe(browser, bad)["violations"]}
    assert {"link-name", "image-alt"} <= ids, ids
