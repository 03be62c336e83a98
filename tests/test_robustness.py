"""Hostile text stays text; parallel builds agree; a build killed mid-notebook recovers."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from test_rendering import open_in_chromium

from conftest import FIXTURES, pdftotext, snakemake, venv_env

pytestmark = pytest.mark.workflow

SCRIPT = '<script>alert("pwned")</script>'
ONERROR = "<img src=x onerror=alert(1)>"
MARKUP = "**bold** _it_ [link](http://evil.example) # heading $\\frac{1}{2}$ \\section{x} % & ^ ~ {}"
# Right-to-left text the fonts draw (Hebrew); Arabic, which they do not, is refused by validation.
RTL = "\u202eevil\u202c שלום"
COMBINING = "Zal\u0301g\u0327o\u0308 e\u0301"
KAZAKH = "Қазақстан әңгіме ғылым өңір ұлт үкімет һ і"
UZBEK = "Oʻzbekiston gʻalaba — Ўзбекистон ғалаба қўл ҳ"
RUSSIAN = "Цифровая дипломатия"
LONG = "x" * 3000


def hostile_raw(dest: Path) -> Path:
    """The mini fixture with hostile strings in titles, notes and source fields."""
    raw = dest / "raw"
    shutil.copytree(FIXTURES / "mini" / "raw", raw)
    isl = yaml.safe_load((raw / "countries/ISL.yaml").read_text())
    isl["events"][0]["title"] = f"{SCRIPT} {KAZAKH}"
    isl["events"][0]["note"] = f"{ONERROR} {MARKUP}"
    isl["events"][1]["title"] = f"{UZBEK} {RTL} {COMBINING}"
    isl["events"][1]["note"] = LONG
    isl["observations"][0]["note"] = RUSSIAN
    isl["practices"][0]["note"] = SCRIPT
    (raw / "countries/ISL.yaml").write_text(yaml.safe_dump(isl, allow_unicode=True, sort_keys=False))
    src = yaml.safe_load((raw / "sources.yaml").read_text())
    src["sources"][1]["title"] = f'"><svg onload=alert(1)> {MARKUP}'
    src["sources"][1]["url"] = "javascript:alert(document.cookie)"
    src["sources"][1]["authors"] = [f"{SCRIPT}, {RUSSIAN}"]
    src["sources"][0]["note"] = ONERROR
    (raw / "sources.yaml").write_text(yaml.safe_dump(src, allow_unicode=True, sort_keys=False))
    return raw


@pytest.fixture(scope="module")
def hostile_build(mini_build, tmp_path_factory) -> Path:
    """The built fixture, its raw data replaced by the hostile one and built again (the
    official statistics, which no hostile string reaches, are not extracted twice)."""
    base = tmp_path_factory.mktemp("hostile")
    project = base / "project"
    shutil.copytree(mini_build, project, symlinks=True)
    shutil.rmtree(project / "data" / "raw")
    shutil.copytree(hostile_raw(base), project / "data" / "raw")
    snakemake(project)
    return project


def tags(html: str) -> list[str]:
    return re.findall(r"<[a-zA-Z][^>]*>", html)


@pytest.mark.parametrize("page", ["reports/report.html", "reports/countries/ISL.html"])
def test_hostile_text_is_escaped_in_html(hostile_build, page):
    html = (hostile_build / page).read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert not [t for t in tags(html) if re.search(r"\son[a-z]+\s*=", t, re.I)], (
        "an event-handler attribute leaked into markup"
    )
    assert not re.search(r'href\s*=\s*"\s*javascript:', html, re.I)
    assert re.search(r"&lt;script&gt;alert\((&#34;|&quot;|\")pwned", html)
    assert KAZAKH in html and "Oʻzbekiston" in html and "Ўзбекистон" in html


def test_hostile_sources_render_as_text_and_bad_urls_never_link(hostile_build):
    html = (hostile_build / "reports/report.html").read_text(encoding="utf-8")
    bib = html[html.index('id="sources"') : html.index('id="facts"')]
    assert "javascript:alert(document.cookie)" in bib  # shown as text...
    assert 'href="javascript' not in bib  # ...never as a link
    assert '<a href="https://publicadministration.un.org/egovkb/Data-Center">' in bib  # http(s) still links
    assert re.search(r"(&#34;|&quot;|\")&gt;&lt;svg onload=alert\(1\)&gt;", bib)  # escaped, whoever formats it
    assert "<svg onload" not in bib
    assert "**bold** _it_ [link](http://evil.example)" in html  # Markdown stays literal
    assert "$\\frac{1}{2}$ \\section{x} % &amp; ^ ~ {}" in html  # LaTeX stays literal
    assert LONG in html and RTL in html and COMBINING in html


def test_hostile_report_executes_nothing_in_chromium(hostile_build, artefacts):
    for page in ("reports/report.html", "reports/countries/ISL.html"):
        info = open_in_chromium(hostile_build / page, 390, artefacts / "screenshots" / f"hostile-{Path(page).stem}.png")
        assert info["events"] == [] and info["scripts"] == 0 and info["foreign_requests"] == []
        assert info["scrollWidth"] <= 391  # the 3000-character word wraps


def test_hostile_text_reaches_the_pdf_as_text(hostile_build):
    text = pdftotext(hostile_build / "reports/report.pdf")
    for needle in (
        "Қазақстан",
        "әңгіме",
        "Oʻzbekiston",
        "Ўзбекистон",
        "Цифровая",
        '<script>alert("pwned")</script>',
        "javascript:alert(document.cookie)",
    ):
        assert needle in text, needle


def digests(project: Path) -> dict[str, str]:
    return {
        p.relative_to(project).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for d in ("data/tidy", "reports")
        for p in sorted((project / d).rglob("*"))
        if p.is_file()
    }


def test_parallel_builds_are_correct_and_identical(mini_build, tmp_path):
    """Notebooks run concurrently (4 job slots on 2 cores): no races, the same bytes. (Other
    builds of the suite are compared with the fixture's too, under make test's parallel
    workers: the incremental, cluster and verify builds.)"""
    expected = digests(mini_build)
    project = tmp_path / "parallel"
    shutil.copytree(mini_build, project, ignore=shutil.ignore_patterns(".snakemake", "logs"))
    snakemake(project, "--forceall", cores=4)
    assert digests(project) == expected


def test_build_killed_mid_notebook_recovers(mini_build, tmp_path):
    project = tmp_path / "killed"
    # A built tree with its build records, as a researcher's would be (a moved copy of a
    # build plans nothing: test_incremental.py), then the notebook made slow.
    shutil.copytree(mini_build, project, symlinks=True, ignore=shutil.ignore_patterns("logs"))
    edition = digests(project)
    notebook = project / "notebooks/country_profile.py"
    original = notebook.read_text()
    notebook.write_text(original + "\n# %%\nimport time\n\ntime.sleep(60)\n")
    cmd = [sys.executable, "-m", "snakemake", "--profile", "workflow/profiles/local", "--cores", "2"]
    proc = subprocess.Popen(
        cmd, cwd=project, env=venv_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        deadline = time.time() + 120
        temp_notebooks: list[Path] = []
        while time.time() < deadline and not temp_notebooks:
            time.sleep(0.5)
            temp_notebooks = list((project / "data/interim/notebooks").glob(".*.tmp.ipynb"))
        assert temp_notebooks, "the notebook never started executing"
        time.sleep(3)  # well inside the sleeping cell
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    # Nothing half-written sits where a later run would trust it.
    assert not (project / "data/interim/notebooks/ISL.ipynb").exists()
    assert not (project / "data/interim/notebooks/MLT.ipynb").exists()
    assert digests(project) == edition
    notebook.write_text(original)
    venv = Path(sys.executable).parent.parent
    rerun = subprocess.run(
        ["make", "--no-print-directory", f"VENV={venv}", "CORES=2", "report"],
        cwd=project,
        env=venv_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert rerun.returncode == 0, rerun.stdout[-3000:] + rerun.stderr[-3000:]
    assert "stale Snakemake lock" in rerun.stdout
    assert digests(project) == edition


def test_lock_check_recognises_only_snakemake_processes():
    from digidip.edition.locks import is_snakemake

    assert is_snakemake(["/x/.venv/bin/python", "/x/.venv/bin/snakemake", "--cores", "2"])
    assert is_snakemake(["python", "-m", "snakemake", "--profile", "p"])
    assert is_snakemake(["snakemake"])
    assert not is_snakemake(["/bin/sh", "-c", "ls -A .snakemake/locks && python -m digidip recover"])
    assert not is_snakemake(["python", "-m", "pytest", "tests/test_snakemake_things.py"])


def test_a_cell_that_hangs_is_stopped_with_a_clear_message(tmp_path):
    from digidip.render import notebooks

    source = tmp_path / "slow.py"
    source.write_text('# %% tags=["parameters"]\nx = 1\n\n# %%\nimport time\n\ntime.sleep(30)\n')
    with pytest.raises(notebooks.NotebookFailed, match="ran longer than 2 s and was stopped"):
        notebooks.execute(source, tmp_path / "slow.ipynb", {"x": 2}, kernel_name="python3", cwd=tmp_path, timeout=2)
    assert not (tmp_path / "slow.ipynb").exists()  # nothing half written
