"""End to end: Snakemake builds the two-country fixture, and the outputs say what the data say."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys

import pytest

from conftest import (
    FIXTURES,
    NAMES,
    ROOT,
    copy_project,
    egdi_rank,
    egdi_rank_of,
    pdftotext,
    snakemake,
    venv_env,
    wdi_internet,
)

pytestmark = pytest.mark.workflow


def read_csv(path):
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_tidy_observations_carry_every_raw_value(mini_build):
    rows = read_csv(mini_build / "data/tidy/observations.csv")
    got = {(r["country"], r["indicator"], r["year"], r["source"]): r["value"] for r in rows}
    assert got[("ISL", "internet_users_pct", "2020", "fixture-article")] == "90"
    assert float(got[("ISL", "internet_users_pct", "2020", "worldbank-wdi-internet")]) == wdi_internet("ISL")[2020]
    assert int(got[("MLT", "egdi_rank", "2022", "undesa-egovkb")]) == egdi_rank("MLT", 2022)
    # Every official series of the profiled countries; the EGDI and its rank for every other UN member.
    profiled = {r["indicator"] for r in rows if r["country"] == "ISL"}
    assert {"egdi", "osi", "hci", "tii", "internet_users_pct", "itu_gci_score", "itu_gci_legal"} <= profiled
    others = {r["country"] for r in rows} - {"ISL", "MLT"}
    assert len(others) == 191 and {r["indicator"] for r in rows if r["country"] in others} == {"egdi", "egdi_rank"}
    assert all(r["unit"] for r in rows)
    assert rows == sorted(rows, key=lambda r: (r["country"], r["indicator"], int(r["year"]), r["source"], r["fact_id"]))


def test_tidy_events_and_practices(mini_build):
    events = read_csv(mini_build / "data/tidy/events.csv")
    assert [(e["country"], e["date"], e["year"]) for e in events] == [
        ("ISL", "2010", "2010"),
        ("ISL", "2019-03", "2019"),
        ("MLT", "2021-11-30", "2021"),
    ]
    assert events[1]["period_start"] == "2019" and events[1]["period_end"] == "2024"
    practices = read_csv(mini_build / "data/tidy/practices.csv")
    assert {(p["country"], p["goal"], tuple(json.loads(p["evidence"]))) for p in practices} == {
        ("ISL", "public-diplomacy", ("ISL-strategy",)),
        ("MLT", "policy-planning", ("MLT-law",)),
    }


def test_country_pages_link_to_report_and_back(mini_build):
    html = (mini_build / "reports/report.html").read_text(encoding="utf-8")
    for iso3, name in (("ISL", "Iceland"), ("MLT", "Malta")):
        page = (mini_build / f"reports/countries/{iso3}.html").read_text(encoding="utf-8")
        assert f"<h1>{name}: country profile</h1>" in page
        assert f'href="../report.html#country-{iso3}"' in page
        assert f'href="countries/{iso3}.html"' in html
        assert "<script" not in page
        assert "def " not in page and "import " not in page  # code cells hidden


def test_report_is_self_contained_and_states_the_data(mini_build):
    html = (mini_build / "reports/report.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'' in html
    assert "<script" not in html.lower()
    # Nothing is loaded from anywhere but the file itself (links to sources are only links).
    assert not re.search(r'(src|srcset|<link[^>]*href)="(https?:)?//', html)
    assert len(re.findall(r'<img src="data:image/svg\+xml;base64,', html)) >= 4
    assert all(alt for alt in re.findall(r'<img [^>]*alt="([^"]*)"', html))
    # Summary numbers come from the tables: the best 2024 rank of the two, as the UN file has it.
    best = min(egdi_rank(c, 2024) for c in NAMES)
    assert f"ranks highest of the 2 countries compared, at {best} of 193" in html
    # Data text is escaped, never markup.
    assert "Synthetic digital strategy &lt;b&gt;adopted&lt;/b&gt;" in html
    assert "<b>adopted</b>" not in html
    # The quality record shows both values with both sources.
    q = html[html.index('id="q-Q-ISL-internet-2020"') :]
    q = q[: q.index("</article>")]
    official = f"{wdi_internet('ISL')[2020]:g}"
    assert "fixture-article" in q and "worldbank-wdi-internet" in q and "90" in q and official in q


def test_pdf_has_searchable_text_for_every_country(mini_build):
    text = pdftotext(mini_build / "reports/report.pdf")
    for needle in ("Fixture report", "Iceland", "Malta", "Summary", "Figure 1.", "Sources"):
        assert needle in text


def test_second_run_has_nothing_to_do(mini_build):
    proc = snakemake(mini_build, "--dry-run")
    assert "Nothing to be done" in proc.stdout + proc.stderr


def test_validation_failure_touches_no_output(mini_build, tmp_path):
    project = tmp_path / "broken"
    shutil.copytree(mini_build, project, ignore=shutil.ignore_patterns(".snakemake"))
    before = {p: p.read_bytes() for p in (project / "reports").rglob("*") if p.is_file()}
    country = project / "data/raw/countries/MLT.yaml"
    country.write_text(country.read_text().replace('date: "2021-11-30"', 'date: "2021-11-31"'))
    proc = snakemake(project, check=False)
    assert proc.returncode != 0
    assert (
        "data/raw/countries/MLT.yaml: record MLT-law (events[0]): field date: 2021-11-31 is not a real calendar date"
        in proc.stderr + proc.stdout
    )
    assert before == {p: p.read_bytes() for p in (project / "reports").rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    """The real fact base grown the two ways a researcher grows it, built once: a seventh
    country file with one new source (what the README walks a newcomer through), and a UN
    member scaffolded with `make country ISO3=ARM`, for which nobody types a number."""
    project = copy_project(tmp_path_factory.mktemp("grown") / "project")
    shutil.copy2(FIXTURES / "seventh" / "AZE.yaml", project / "data/raw/countries/AZE.yaml")
    with (project / "data/raw/sources.yaml").open("a", encoding="utf-8") as f:
        f.write(
            "  - id: synthetic-aze-source\n"
            "    kind: web-page\n"
            "    authors: []\n"
            "    producer: Test producer\n"
            '    title: "Synthetic source for the seventh-country test"\n'
            "    language: [en]\n"
            '    reliability: "Synthetic test data."\n'
        )
    country = project / "data/raw/countries/AZE.yaml"
    country.write_text(country.read_text().replace("source: saidova-ca-goals", "source: synthetic-aze-source"))
    proc = subprocess.run(
        [sys.executable, "-m", "digidip", "scaffold", "--iso3", "ARM"],
        cwd=project,
        env=venv_env(),
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert not (ROOT / "data/raw/countries/ARM.yaml").exists()
    snakemake(project)
    return project


def test_seventh_country_appears_without_code_change(grown):
    assert "synthetic-aze-source" in (grown / "data/tidy/sources.csv").read_text()
    assert "AZE,egov_services_online_pct,2021,42," in (grown / "data/tidy/observations.csv").read_text()
    assert (grown / "reports/countries/AZE.html").exists()
    html = (grown / "reports/report.html").read_text(encoding="utf-8")
    assert 'id="country-AZE"' in html and "Azerbaijan" in html
    assert "Azerbaijan" in pdftotext(grown / "reports/report.pdf")


def test_a_new_member_appears_with_its_official_series_and_no_value_typed(grown):
    """Armenia has a page and a report entry with its official series."""
    scaffolded = (grown / "data/raw/countries/ARM.yaml").read_text(encoding="utf-8")
    assert "observations: []" in scaffolded or "observations:" not in scaffolded, scaffolded
    rows = read_csv(grown / "data/tidy/observations.csv")
    arm = {(r["indicator"], r["year"]): r for r in rows if r["country"] == "ARM"}
    assert int(arm[("egdi_rank", "2024")]["value"]) == egdi_rank_of("Armenia", 2024)
    assert {"osi", "hci", "tii", "internet_users_pct", "itu_gci_score"} <= {i for i, _ in arm}
    # Every value from a vendored snapshot: its source is one a snapshot's sidecar names.
    sidecars = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "data/snapshots").rglob("*.meta.yaml"))
    assert all(f"source: {r['source']}\n" in sidecars for r in arm.values()), {r["source"] for r in arm.values()}
    page = (grown / "reports/countries/ARM.html").read_text(encoding="utf-8")
    assert "Armenia" in page and "Europe &amp; Central Asia" in page
    html = (grown / "reports/report.html").read_text(encoding="utf-8")
    assert 'id="country-ARM"' in html


def test_a_member_without_a_file_can_be_profiled_from_its_official_series(mini_build):
    proc = snakemake(mini_build, "--dry-run", "--config", 'countries=["ISL","GEO"]')
    out = proc.stdout + proc.stderr
    assert "rule profile_GEO:" in out


def test_failed_notebook_names_the_cell_and_keeps_the_edition(mini_build, tmp_path):
    """A cell that raises fails the build with the cell's source; nothing published changes."""
    project = tmp_path / "failing"
    shutil.copytree(mini_build, project, ignore=shutil.ignore_patterns(".snakemake"))
    published = [p for d in ("data/tidy", "reports") for p in (project / d).rglob("*") if p.is_file()]
    before = {p: p.read_bytes() for p in published}
    # Change the data too, so tidy tables and figures are rebuilt before the notebook fails.
    country = project / "data/raw/countries/ISL.yaml"
    country.write_text(country.read_text().replace("Synthetic e-government portal opened", "Portal opened (edited)"))
    nb = project / "notebooks/country_profile.py"
    nb.write_text(
        nb.read_text().replace(
            "display(HTML(profile_html.gaps_html(p)))", "raise ValueError('deliberate failure in the gaps cell')"
        )
    )
    proc = snakemake(project, "--forceall", check=False)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "ValueError: deliberate failure in the gaps cell" in out
    assert "raise ValueError('deliberate failure in the gaps cell')" in out  # the cell's source is shown
    assert before == {p: p.read_bytes() for p in published}


def test_provenance_report_lists_the_registered_figures(mini_build, tmp_path):
    """make provenance: Snakemake's own report, with the figures and their captions."""
    project = tmp_path / "provenance"
    shutil.copytree(mini_build, project)
    target = project / "reports/provenance/report.html"
    target.parent.mkdir(parents=True)
    snakemake(project, "--report", str(target))
    html = target.read_text(encoding="utf-8")
    assert "timeline.svg" in html and "Country pages" in html
    assert "Bars show the period a document covers" in html  # the figure's caption travels with it
