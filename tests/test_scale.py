"""A report whose size follows the comparison, not the number of countries it profiles.

The fixture's two curated countries plus four UN members profiled from their official series
alone, built with one full profile (``report.full_profiles: 1``) and with six. Beyond the
configured number a country is one row of a compact table linking to its own page, so the
PDF does not grow with it; figures stay vector in print (their text is text) and the one
raster part is drawn at print resolution. The build with six full profiles is the first
one's copy with that setting changed, rebuilt incrementally (the profiles, tables and
figures do not depend on it).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import snakemake

pytestmark = pytest.mark.workflow

COUNTRIES = ["DNK", "FIN", "ISL", "MLT", "NOR", "SWE"]  # ISL and MLT have curated facts


def _project(root: Path, mini_build: Path, full_profiles: int) -> Path:
    """The built fixture, copied, with six countries configured, built again (what the
    official statistics give does not depend on the configuration: it is not extracted anew)."""
    project = root / "project"
    shutil.copytree(mini_build, project, symlinks=True)
    path = project / "config" / "config.yaml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    config["countries"] = COUNTRIES
    config["profile_batch"] = 3
    config["report"]["focus"] = COUNTRIES  # all six compared; full_profiles decides how many print in full
    config["report"]["full_profiles"] = full_profiles
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    snakemake(project)
    return project


@pytest.fixture(scope="module")
def compact(mini_build, tmp_path_factory) -> Path:
    return _project(tmp_path_factory.mktemp("compact"), mini_build, full_profiles=1)


@pytest.fixture(scope="module")
def full(compact, tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("full") / "project"
    shutil.copytree(compact, project, symlinks=True)
    path = project / "config" / "config.yaml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    config["report"]["full_profiles"] = 6
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    snakemake(project)
    return project


def pages(project: Path) -> int:
    info = subprocess.run(
        ["pdfinfo", str(project / "reports/report.pdf")], capture_output=True, text=True, check=True
    ).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def test_pdf_does_not_grow_with_profiles_beyond_the_configured_number(compact, full, mini_build):
    # Two full profiles (the fixture's own build) against one full profile and five compact rows.
    assert pages(compact) <= pages(mini_build), (pages(compact), pages(mini_build))
    # The same six countries in full: the five extra profiles would have added pages.
    assert pages(full) >= pages(compact) + 3, (pages(full), pages(compact))


def test_compact_rows_link_each_other_country_to_its_page(compact):
    html = (compact / "reports/report.html").read_text(encoding="utf-8")
    toc = re.search(r'<nav class="toc".*?</nav>', html, re.S).group(0)
    assert "Other countries (5)" in toc
    profiled = re.findall(r'<section class="country" id="([^"]+)"', html)
    assert len(profiled) == 1, profiled
    others = re.search(r'<table class="data" id="table-others">.*?</table>', html, re.S).group(0)
    linked = re.findall(r'<a href="countries/([A-Z]{3})\.html">', others)
    assert sorted(linked) == sorted(set(COUNTRIES) - {COUNTRIES[0]}), linked
    for code in COUNTRIES:  # every country keeps its own full page
        assert (compact / f"reports/countries/{code}.html").is_file()


def test_figures_stay_sharp_in_print(compact):
    pdf = compact / "reports/report.pdf"
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:] if line.strip()]
    # Columns: page num type width height color comp bpc enc interp object ID x-ppi y-ppi ...
    assert all(int(r[12]) >= 250 and int(r[13]) >= 250 for r in rows), listing
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # Axis labels of the figures are text in the PDF (the print SVGs keep text as text).
    assert "E-Government Development Index" in text or "EGDI" in text
