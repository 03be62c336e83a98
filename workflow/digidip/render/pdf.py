"""Render the report's HTML to PDF with WeasyPrint and fonts from a pinned package.

The PDF embeds DejaVu fonts shipped inside matplotlib (pinned in requirements.lock), never
whatever the machine has installed, and takes its dates from the edition (via
SOURCE_DATE_EPOCH), never the clock: the same inputs give the same bytes everywhere.
"""

from __future__ import annotations

import logging
import os
from importlib.util import find_spec
from pathlib import Path

from ..common.atomic import atomic_path

# matplotlib's own data folder (what matplotlib.get_data_path() returns), found without
# importing matplotlib: this job only needs its font files.
FONT_DIR = Path(find_spec("matplotlib").origin).parent / "mpl-data" / "fonts" / "ttf"
FACES = {  # (weight, style) -> file
    ("normal", "normal"): "DejaVuSans.ttf",
    ("bold", "normal"): "DejaVuSans-Bold.ttf",
    ("normal", "italic"): "DejaVuSans-Oblique.ttf",
    ("bold", "italic"): "DejaVuSans-BoldOblique.ttf",
}


def font_css() -> str:
    """@font-face rules that bind every text in the PDF to the bundled DejaVu Sans."""
    rules = []
    for (weight, style), name in FACES.items():
        url = (FONT_DIR / name).as_uri()
        rules.append(
            f'@font-face {{ font-family: "DejaVu Sans"; src: url("{url}"); font-weight: {weight}; font-style: {style}; }}'
        )
    mono = (FONT_DIR / "DejaVuSansMono.ttf").as_uri()
    rules.append(f'@font-face {{ font-family: "DejaVu Sans Mono"; src: url("{mono}"); }}')
    rules.append(
        'html, body, code { font-family: "DejaVu Sans", sans-serif; } code { font-family: "DejaVu Sans Mono", monospace; }'
    )
    return "\n".join(rules)


def _local_fetcher():
    """A fetcher that serves only data: URLs and the bundled font files, and fails otherwise."""
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:") or url.startswith(FONT_DIR.as_uri()):
                return super().fetch(url, headers)
            raise ValueError(f"refusing to fetch {url!r}: the PDF may only use embedded data and bundled fonts")

    return LocalOnlyFetcher(allowed_protocols=("data", "file"), fail_on_errors=True)


def edition_of(html_path: Path) -> str:
    """The edition's date as the report states it (``<meta name="dcterms.created">``)."""
    import re

    head = html_path.read_text(encoding="utf-8")[:20000]
    found = re.search(r'<meta name="dcterms.created" content="([0-9-]+)">', head)
    if not found:
        raise RuntimeError(f'{html_path}: no <meta name="dcterms.created"> with the edition\'s date')
    return found.group(1)


def render_pdf(html_path: Path | str, pdf_path: Path | str, epoch: int) -> None:
    """Write ``pdf_path`` from ``html_path`` atomically, dated by ``epoch``."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    # WeasyPrint logs every page at INFO; keep the job log to warnings.
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    fonts = FontConfiguration()
    fetcher = _local_fetcher()
    # From a string with no base URL: relative links (countries/KAZ.html) stay relative in
    # the PDF, instead of becoming file:// URLs that would leak this machine's paths.
    html = HTML(string=Path(html_path).read_text(encoding="utf-8"), base_url=None, url_fetcher=fetcher)
    css = CSS(string=font_css(), font_config=fonts, url_fetcher=fetcher)
    with atomic_path(pdf_path) as tmp:
        html.write_pdf(
            str(tmp),
            stylesheets=[css],
            font_config=fonts,
            pdf_identifier=b"digidip-" + str(epoch).encode(),
            uncompressed_pdf=False,
        )


_CDEF = """
const char *hb_version_string(void);
int FcGetVersion(void);
typedef void *FT_Library;
int FT_Init_FreeType(FT_Library *library);
void FT_Library_Version(FT_Library library, int *major, int *minor, int *patch);
int FT_Done_FreeType(FT_Library library);
"""


def _dlopen(ffi, *names: str):
    import ctypes.util

    for name in names:
        path = ctypes.util.find_library(name) or name
        try:
            return ffi.dlopen(path)
        except OSError:
            continue
    return None


def library_versions() -> dict[str, str]:
    """Versions of the system libraries that lay out and draw the PDF's text.

    They are not pinned by pip, and a different Pango or HarfBuzz can move a line break, so
    the manifest records them beside the pinned packages.
    """
    import cffi

    logging.getLogger("weasyprint").setLevel(logging.WARNING)  # importing it logs its own set-up
    from weasyprint.text.ffi import pango

    ffi = cffi.FFI()
    ffi.cdef(_CDEF)
    v = pango.pango_version()
    out = {"pango": f"{v // 10000}.{v // 100 % 100}.{v % 100}"}
    hb = _dlopen(ffi, "harfbuzz", "libharfbuzz.so.0")
    out["harfbuzz"] = ffi.string(hb.hb_version_string()).decode() if hb else "not found"
    fc = _dlopen(ffi, "fontconfig", "libfontconfig.so.1")
    if fc:
        v = fc.FcGetVersion()
        out["fontconfig"] = f"{v // 10000}.{v // 100 % 100}.{v % 100}"
    ft = _dlopen(ffi, "freetype", "libfreetype.so.6")
    if ft:
        lib = ffi.new("FT_Library *")
        ft.FT_Init_FreeType(lib)
        parts = [ffi.new("int *") for _ in range(3)]
        ft.FT_Library_Version(lib[0], *parts)
        ft.FT_Done_FreeType(lib[0])
        out["freetype"] = ".".join(str(p[0]) for p in parts)
    return out
