"""Print the report to PDF with Typst: tagged (PDF/UA-1 and PDF/A-2a), the same bytes anywhere.

The pinned ``typst`` package is the whole print engine: it lays out text, subsets and embeds
fonts and writes the PDF in this process, with no system library. Its fonts are the files
under ``render/fonts/`` (the machine's fonts are ignored), and the PDF's date is the
edition's (``SOURCE_DATE_EPOCH``), never the clock: the bytes depend only on the repository
and the pinned packages.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from ..common import inputfiles
from ..common.atomic import atomic_path
from ..common.fonts import FONT_DIR
from .typst_markup import convert, string

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "templates" / "report.typ"
#: Accessible and archival: tagged structure, alt text, language (UA-1) and PDF/A-2a in one file.
STANDARDS = ["ua-1", "a-2a"]


def edition_of(html_path: Path) -> str:
    """The edition's date as the report states it (``<meta name="dcterms.created">``)."""
    import re

    head = Path(html_path).read_text(encoding="utf-8")[:20000]
    found = re.search(r'<meta name="dcterms.created" content="([0-9-]+)">', head)
    if not found:
        raise RuntimeError(f'{html_path}: no <meta name="dcterms.created"> with the edition\'s date')
    return found.group(1)


def typst_source(html: str, folder: Path) -> Path:
    """Write the document (template, figures, body) into ``folder``; return its main file."""
    doc = convert(html)
    (folder / "template.typ").write_bytes(TEMPLATE.read_bytes())
    (folder / "figures").mkdir()
    for name, svg in sorted(doc.figures.items()):
        (folder / "figures" / name).write_bytes(svg)
    main = folder / "main.typ"
    main.write_text(
        '#import "template.typ": *\n'
        f"#show: report.with(title: {string(doc.title)}, lang: {string(doc.lang)})\n\n{doc.body}\n",
        encoding="utf-8",
    )
    return main


def compile_pdf(main: Path, epoch: int) -> bytes:
    import typst

    return typst.compile(
        str(main),
        root=str(main.parent),
        font_paths=[str(FONT_DIR)],
        ignore_system_fonts=True,
        timestamp=epoch,
        pdf_standards=STANDARDS,
    )


def render_pdf(html_path: Path | str, pdf_path: Path | str, epoch: int, keep: Path | None = None) -> None:
    """Write ``pdf_path`` from the print copy ``html_path`` atomically, dated by ``epoch``.
    ``keep``: also leave the Typst document there, to read or compile by hand."""
    html = Path(html_path).read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="digidip-typst-") as tmp:
        main = typst_source(html, Path(tmp))
        pdf = compile_pdf(main, epoch)
        if keep is not None:
            import shutil

            shutil.rmtree(keep, ignore_errors=True)
            shutil.copytree(tmp, keep)
    with atomic_path(pdf_path) as out:
        Path(out).write_bytes(pdf)


def font_files() -> list[Path]:
    # Through inputfiles: a macOS "._DejaVuSans.ttf" beside the fonts is an artefact, not a font.
    return sorted(p for p in inputfiles.entries(FONT_DIR) if p.suffix in {".ttf", ".otf"})


def render_environment() -> dict[str, object]:
    """What the PDF's bytes depend on beside the inputs: the engine's version and the fonts
    (sha256 of each file; they are in the repository, so in the input hash too)."""
    from importlib import metadata

    return {
        "engine": f"typst {metadata.version('typst')}",
        "standards": STANDARDS,
        "fonts": {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in font_files()},
    }
