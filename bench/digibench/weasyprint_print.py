"""The PDF engine the workflow used before Typst (WeasyPrint 70.0), kept only to be timed.

Run by ``pdf_engines`` with the Python of a throwaway environment that has WeasyPrint (never
the project's .venv): ``python weasyprint_print.py REPORT.print.html OUT.pdf FONT_DIR EPOCH``.
It prints as the former ``render/pdf.py`` did: the report's print CSS, DejaVu bound by
@font-face to the same font files Typst uses, nothing fetched but data: URLs and those fonts.
"""

import logging
import os
import sys
from pathlib import Path

FACES = {
    ("normal", "normal"): "DejaVuSans.ttf",
    ("bold", "normal"): "DejaVuSans-Bold.ttf",
    ("normal", "italic"): "DejaVuSans-Oblique.ttf",
    ("bold", "italic"): "DejaVuSans-BoldOblique.ttf",
}


def font_css(font_dir: Path) -> str:
    rules = [
        f'@font-face {{ font-family: "DejaVu Sans"; src: url("{(font_dir / name).as_uri()}"); '
        f"font-weight: {weight}; font-style: {style}; }}"
        for (weight, style), name in FACES.items()
    ]
    rules.append(
        f'@font-face {{ font-family: "DejaVu Sans Mono"; src: url("{(font_dir / "DejaVuSansMono.ttf").as_uri()}"); }}'
    )
    rules.append(
        'html, body, code { font-family: "DejaVu Sans", sans-serif; } code { font-family: "DejaVu Sans Mono"; }'
    )
    return "\n".join(rules)


def main(html_path: str, pdf_path: str, font_dir: str, epoch: str) -> None:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    os.environ["SOURCE_DATE_EPOCH"] = epoch
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    fonts = FontConfiguration()
    html = HTML(string=Path(html_path).read_text(encoding="utf-8"), base_url=None)
    css = CSS(string=font_css(Path(font_dir)), font_config=fonts)
    html.write_pdf(pdf_path, stylesheets=[css], font_config=fonts)


if __name__ == "__main__":
    main(*sys.argv[1:5])
