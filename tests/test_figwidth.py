"""The least width of a figure on screen: read from the text sizes its own drawing holds."""

from __future__ import annotations

import io

import matplotlib
import pytest

matplotlib.use("agg")
import matplotlib.pyplot as plt

from digidip.analysis.style import PRINT_RC, RC
from digidip.render import figwidth


def drawn(rc: dict, sizes: list[float], rotate: bool = False) -> bytes:
    """An SVG of a 5 x 2 inch figure (360 pt wide) with a text of each of ``sizes`` points."""
    with plt.rc_context({**RC, **rc}):
        fig = plt.figure(figsize=(5, 2))
        for n, size in enumerate(sizes):
            fig.text(0.1, 0.1 + 0.2 * n, "Label", fontsize=size, rotation=30 if rotate else 0)
        out = io.BytesIO()
        fig.savefig(out, format="svg")
        plt.close(fig)
    return out.getvalue()


@pytest.mark.parametrize("rc", [{}, PRINT_RC], ids=["glyph paths", "text as text"])
def test_text_sizes_are_read_from_the_drawing(rc):
    assert sorted(set(figwidth.text_sizes(drawn(rc, [9, 6.5, 11], rotate=True)))) == [6.5, 9, 11]


def test_least_width_makes_the_smallest_text_nine_pixels():
    # 360 pt wide, smallest text 6 pt: at 540 px the text is 6 * 540 / 360 = 9 px.
    assert figwidth.least_width_px(drawn({}, [6, 9])) == 540
    assert figwidth.least_width_px(drawn({}, [12])) == 270
    assert figwidth.least_width_px(drawn({}, [])) == 0


def test_a_drawing_without_a_width_is_refused():
    with pytest.raises(ValueError, match="width in points"):
        figwidth.least_width_px(
            b'<svg xmlns="http://www.w3.org/2000/svg" width="100%"><g transform="translate(1 2) scale(0.09 -0.09)">'
        )
    # Without text, a drawing needs no least width (and may state its width any way).
    assert figwidth.least_width_px(b'<svg xmlns="http://www.w3.org/2000/svg"/>') == 0
