"""The figures' colours: every pair told apart under simulated colour-vision deficiencies and
in greyscale, measured as CAM02-UCS distance (colorspacious), and the same in every figure."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from colorspacious import cspace_convert

from digidip.analysis import palette

INKS = {**palette.COUNTRY_COLOURS, "benchmark": palette.BENCHMARK}


def rgb(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255


def seen(colour: np.ndarray, condition: str) -> np.ndarray:
    """The colour as seen under ``condition``, in CAM02-UCS."""
    if condition == "greyscale":  # the luminance a greyscale print keeps, as a grey
        linear = np.where(colour <= 0.04045, colour / 12.92, ((colour + 0.055) / 1.055) ** 2.4)
        y = linear @ np.array([0.2126, 0.7152, 0.0722])
        grey = 12.92 * y if y <= 0.0031308 else 1.055 * y ** (1 / 2.4) - 0.055
        colour = np.array([grey] * 3)
    elif condition != "normal":
        cvd = {"name": "sRGB1+CVD", "cvd_type": condition, "severity": 100}
        colour = np.clip(cspace_convert(colour, cvd, "sRGB1"), 0, 1)
    return cspace_convert(colour, "sRGB1", "CAM02-UCS")


@pytest.mark.parametrize("condition", sorted(palette.MIN_DISTANCE))
def test_every_pair_is_told_apart(condition):
    threshold = palette.MIN_DISTANCE[condition]
    too_close = []
    for (a, ca), (b, cb) in itertools.combinations(INKS.items(), 2):
        d = float(np.linalg.norm(seen(rgb(ca), condition) - seen(rgb(cb), condition)))
        if d < threshold:
            too_close.append(f"{a} {ca} / {b} {cb}: {d:.1f}")
    assert not too_close, f"under {condition}, closer than {threshold}: {too_close}"


def test_the_check_would_catch_the_old_palette():
    """The Okabe-Ito colours the report used before fail the same measure (so the test can
    fail): Kyrgyzstan's orange and Uzbekistan's sky blue are one grey, green and blue one hue
    under tritanopia."""
    pairs = {"greyscale": ("#E69F00", "#56B4E9"), "tritanomaly": ("#0072B2", "#009E73")}
    for condition, (a, b) in pairs.items():
        d = np.linalg.norm(seen(rgb(a), condition) - seen(rgb(b), condition))
        assert d < palette.MIN_DISTANCE[condition], condition


def test_a_country_keeps_its_colour_in_any_selection():
    six = list(palette.COUNTRY_COLOURS)
    whole = palette.colour_map(six)
    for n in range(1, 7):
        for chosen in itertools.combinations(six, n):
            assert palette.colour_map(list(chosen)) == {c: whole[c] for c in chosen}
    assert len(set(whole.values())) == 6


def test_other_countries_take_free_colours():
    got = palette.colour_map(["KAZ", "ISL", "MLT"])
    assert got["KAZ"] == palette.COUNTRY_COLOURS["KAZ"]
    assert len(set(got.values())) == 3
