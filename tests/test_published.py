"""The published files hold only what a reader should see: no path of the build machine, no
notebook stderr, and text in another script than Latin drawn, not dropped.

The two-country fixture is built in a test folder; every file it publishes (``data/tidy/``,
``reports/``) is read as text, with the figures embedded in the pages (base64 SVG) decoded and
the PDF's text, metadata, strings and streams unpacked, and searched for the build folder, the
code's checkout, the Python environment, $HOME and any /tmp/ path. One of the fixture's
titles is partly in Cyrillic (``MLT-law``).
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import StreamObject

from conftest import FIXTURES, ROOT, glyph_ids, snakemake

CYRILLIC = "Закон об электронных документах"
TITLE = f"Synthetic law on electronic documents ({CYRILLIC})"
DATA_URI = re.compile(r"data:[a-z+/]+;base64,([A-Za-z0-9+/=]+)")


def pdf_texts(path: Path) -> list[str]:
    """Every text a PDF holds: its pages' text, its metadata, and each object's strings and
    (decompressed) stream."""
    reader = PdfReader(path)
    texts = [page.extract_text() or "" for page in reader.pages]
    texts.append(repr(reader.metadata))
    for num in range(1, int(reader.trailer["/Size"])):
        obj = reader.get_object(num)
        if obj is None:
            continue
        texts.append(repr(obj))
        if isinstance(obj, StreamObject):
            texts.append(obj.get_data().decode("latin-1"))
    return texts


def texts_of(path: Path) -> list[str]:
    """A published file as text, with what it embeds unpacked."""
    if path.suffix == ".pdf":
        return pdf_texts(path)
    text = path.read_bytes().decode("utf-8", errors="replace")
    embedded = [base64.b64decode(m).decode("utf-8", errors="replace") for m in DATA_URI.findall(text)]
    return [text, *embedded]


def machine_paths(build: Path, *built_in: Path) -> list[str]:
    """Paths that name this machine: the build folder (and any folder it was built in before
    being copied), the code, Python's, $HOME, /tmp/."""
    paths = {str(build), str(build.resolve()), str(ROOT), sys.prefix, str(Path(sys.prefix).resolve()), "/tmp/"}
    paths |= {str(p) for p in built_in} | {str(p.resolve()) for p in built_in}
    home = os.environ.get("HOME", "")
    if len(home.rstrip("/")) > 1:
        paths.add(home)
    return sorted(paths)


def leaks(build: Path, *built_in: Path) -> list[str]:
    """Each published file of ``build`` that names a path of this machine, with the path."""
    found = []
    files = sorted(p for d in ("data/tidy", "reports") for p in (build / d).rglob("*") if p.is_file())
    assert len(files) > 10, f"nothing published under {build}"
    for path in files:
        for text in texts_of(path):
            found += [
                f"{path.relative_to(build)}: {needle}" for needle in machine_paths(build, *built_in) if needle in text
            ]
    return sorted(set(found))


def test_the_scan_finds_a_path_in_text_an_embedded_figure_and_the_pdfs_metadata(tmp_path):
    """The scan itself can fail: a path planted in each place is found."""
    build = tmp_path / "build"
    (build / "data/tidy").mkdir(parents=True)
    (build / "reports").mkdir()
    for i in range(11):
        (build / f"data/tidy/t{i}.csv").write_text("a\n1\n")
    svg = base64.b64encode(f"<svg><text>{build}/x.py: UserWarning</text></svg>".encode()).decode()
    (build / "reports/page.html").write_text(f'<img src="data:image/svg+xml;base64,{svg}">')
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.add_metadata({"/Producer": f"typst in {ROOT}"})
    with (build / "reports/report.pdf").open("wb") as out:
        writer.write(out)
    found = leaks(build)
    assert f"reports/page.html: {build}" in found
    assert f"reports/report.pdf: {ROOT}" in found
    assert not any(f.startswith("data/tidy/") for f in found)


@pytest.mark.workflow
def test_no_published_file_names_a_path_of_the_build_machine(mini_build, mini_origin):
    assert leaks(mini_build, mini_origin) == []


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.workflow
def test_a_cyrillic_title_is_in_the_page_its_figure_and_the_pdf(mini_build):
    page = (mini_build / "reports/countries/MLT.html").read_text(encoding="utf-8")
    assert TITLE in page
    figures = [base64.b64decode(m).decode() for m in DATA_URI.findall(page)]
    drawn = {i for svg in figures for i in re.findall(r'<path id="([^"]+)"', svg)}
    assert glyph_ids(CYRILLIC) <= drawn, "the timeline draws every Cyrillic letter of the title"
    assert TITLE in (mini_build / "reports/report.html").read_text(encoding="utf-8")
    pdf = flat(" ".join(page.extract_text() for page in PdfReader(mini_build / "reports/report.pdf").pages))
    assert flat(CYRILLIC) in pdf


NOISY_CELL = """
# %%
import os, sys, warnings
print(f"build noise in {os.getcwd()}", file=sys.stderr)
warnings.warn(f"a warning naming {os.getcwd()}")
"""


def project_copy(mini_build: Path, dest: Path) -> Path:
    """A copy of the built fixture project: an edit to it reruns only what depends on it."""
    shutil.copytree(mini_build, dest, ignore=shutil.ignore_patterns(".snakemake"), symlinks=True)
    return dest


@pytest.mark.workflow
def test_notebook_stderr_and_warnings_go_to_the_log_never_into_a_page(mini_build, tmp_path):
    project = project_copy(mini_build, tmp_path / "noisy")
    notebook = project / "notebooks/country_profile.py"
    notebook.write_text(notebook.read_text(encoding="utf-8") + NOISY_CELL, encoding="utf-8")
    snakemake(project)
    for iso3 in ("ISL", "MLT"):
        page = (project / f"reports/countries/{iso3}.html").read_text(encoding="utf-8")
        assert "build noise" not in page and "a warning naming" not in page
    assert leaks(project) == []
    logs = "".join(p.read_text(encoding="utf-8") for p in (project / "logs").rglob("profile*/*.log"))
    assert f"build noise in {project}" in logs
    assert f"UserWarning: a warning naming {project}" in logs


@pytest.mark.workflow
def test_a_title_the_fonts_cannot_draw_stops_the_build_and_publishes_nothing(mini_build, tmp_path):
    project = project_copy(mini_build, tmp_path / "chinese")
    before = {p: p.read_bytes() for d in ("data/tidy", "reports") for p in (project / d).rglob("*") if p.is_file()}
    country = project / "data/raw/countries/MLT.yaml"
    country.write_text(country.read_text(encoding="utf-8").replace(CYRILLIC, "电子文件法"), encoding="utf-8")
    proc = snakemake(project, check=False)
    assert proc.returncode != 0
    assert (
        "data/raw/countries/MLT.yaml: record MLT-law (events[0]): field title: has characters the report's font"
        " (DejaVu Sans, in the figures and the PDF) cannot draw: 电 (U+7535 CJK UNIFIED IDEOGRAPH-7535)"
    ) in proc.stdout + proc.stderr
    after = {p: p.read_bytes() for d in ("data/tidy", "reports") for p in (project / d).rglob("*") if p.is_file()}
    assert after == before


def test_the_fixture_title_is_the_one_these_tests_look_for():
    assert TITLE in (FIXTURES / "mini/raw/countries/MLT.yaml").read_text(encoding="utf-8")
