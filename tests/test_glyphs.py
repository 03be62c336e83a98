"""Text the report's fonts cannot draw never reaches a reader as a gap or an empty box.

The fonts draw the scripts of the region (Latin and Cyrillic, with the letters of Kazakh,
Kyrgyz, Tajik, Turkmen, Ukrainian and Uzbek); validation refuses a title in a script they
do not (Chinese), naming file, record and field, before anything is built; and a figure
whose text holds such a character stops with a clear error instead of a warning.
"""

from __future__ import annotations

import re
import warnings

import matplotlib.pyplot as plt
import pytest

from conftest import glyph_ids
from digidip.analysis import plotting, profile
from digidip.common import fonts
from digidip.facts.problems import Problem
from digidip.render import pdf
from validation_helpers import load, minimal_docs, problems_of, run_validate, write_tree

KAZ = "data/raw/countries/KAZ.yaml"
EVENT = "KAZ-strategy (events[0])"

#: A title in each script, with the letters of the region's languages that are not English's.
LATIN = "Oʻzbekiston raqamli strategiyasi; Türkmenistanyň sanly ykdysadyýeti; Qazaqstan"
CYRILLIC = "Стратегия «Цифровой Казахстан»: Қазақстан, Ўзбекистон, Тоҷикистон, Україна, Өкмөт"
CHINESE = "数字丝绸之路"


def test_the_fonts_draw_printable_ascii_and_the_regions_scripts():
    printable = {chr(i) for i in range(128) if chr(i).isprintable()}
    assert printable <= fonts.drawable()  # undrawable() takes printable ASCII on trust
    assert fonts.undrawable(LATIN) == [] and fonts.undrawable(CYRILLIC) == []
    assert fonts.undrawable(CHINESE) == list(CHINESE)
    names = {(p.parent, p.name) for p in fonts.text_fonts()}
    assert (pdf.FONT_DIR, "DejaVuSans.ttf") in names  # the PDF's
    assert (fonts.figure_font_dir(), "DejaVuSans.ttf") in names  # the figures'
    assert not any("Mono" in name for _, name in names)


def with_title(tmp_path, title: str, rel: str = "countries/KAZ.yaml"):
    docs = minimal_docs()
    if rel == "sources.yaml":
        docs[rel]["sources"][0]["title"] = title
    else:
        docs[rel]["events"][0]["title"] = title
    return write_tree(tmp_path, docs)


@pytest.mark.parametrize("title", [LATIN, CYRILLIC], ids=["latin", "cyrillic"])
def test_a_title_in_latin_or_cyrillic_validates(tmp_path, title):
    fb = load(with_title(tmp_path, title))
    assert fb.countries["KAZ"]["events"][0]["title"] == title


def test_a_title_in_chinese_is_refused_naming_file_record_and_field(tmp_path):
    problems = problems_of(with_title(tmp_path, CHINESE))
    message = (
        "has characters the report's font (DejaVu Sans, in the figures and the PDF) cannot draw:"
        " 数 (U+6570 CJK UNIFIED IDEOGRAPH-6570), 字 (U+5B57 CJK UNIFIED IDEOGRAPH-5B57),"
        " 丝 (U+4E1D CJK UNIFIED IDEOGRAPH-4E1D) and 3 more;"
        " write the text in a script it covers (Latin, Greek, Cyrillic), e.g. transliterated or translated"
    )
    assert problems == [Problem(KAZ, EVENT, "title", message)]


def test_any_text_of_any_raw_file_is_checked_and_the_command_fails(tmp_path):
    raw = with_title(tmp_path, f"An article ({CHINESE[0]})", rel="sources.yaml")
    problems = problems_of(raw)
    assert [(p.file, p.record, p.field) for p in problems] == [
        ("data/raw/sources.yaml", "src-article (sources[0])", "title")
    ]
    proc = run_validate(raw)
    assert proc.returncode != 0
    assert "data/raw/sources.yaml: record src-article (sources[0]): field title: has characters" in proc.stderr


def timeline(title: str) -> profile.Profile:
    """A profile with one dated law, titled ``title``: its timeline draws the title."""
    law = {"category": "law", "report_title": title, "date": "2021-11-30", "dating": "stated"}
    return profile.Profile({"country": {"iso3": "KAZ", "name": "Kazakhstan"}, "events": [law]}, "")


def test_a_cyrillic_title_is_drawn_glyph_by_glyph_in_the_timeline():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph would only have warned
        svg = profile.timeline_svg(timeline(CYRILLIC)).decode()
    drawn = set(re.findall(r'<path id="([^"]+)"', svg))
    assert glyph_ids(CYRILLIC) <= drawn


def test_the_print_copy_of_a_figure_carries_a_cyrillic_title_as_text():
    plotting.setup()
    fig, ax = plt.subplots()
    ax.set_title(CYRILLIC)
    _, printed = plotting.to_svgs(fig)
    assert f">{CYRILLIC}</text>" in printed.decode()


def test_a_figure_with_a_character_its_font_lacks_stops_with_a_clear_error():
    """Text that did not pass validation (another data source, the code) stops the figure."""
    with pytest.raises(plotting.UndrawableText) as err:
        profile.timeline_svg(timeline(f"Law ({CHINESE})"))
    assert str(err.value).startswith(
        "a figure's text has 数 (U+6570 CJK UNIFIED IDEOGRAPH-6570), which its font (DejaVu Sans) cannot draw:"
        f" 'Law ({CHINESE})'."
    )
    assert plt.get_fignums() == []  # the figure is closed all the same
