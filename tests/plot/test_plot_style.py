"""Compact money and FTE formats, worked out by hand."""

import pytest

from orgmodel.plot.style import compact_money, format_fte, kind_colors, tint


@pytest.mark.parametrize(
    ("value", "currency", "expected"),
    [
        (1_800_000, "SEK", "1.8 MSEK"),  # 1.8 million
        (850_000, "NOK", "850 kNOK"),  # 850 thousand
        (3_240_000, "GBP", "£3.2m"),
        (12_400_000, "EUR", "€12.4m"),
        (147_000_000, "SEK", "147 MSEK"),  # no decimal from 100 up
        (2_100_000_000, "GBP", "£2.1bn"),
        (640, "SEK", "640 SEK"),
        (-2_500, "SEK", "-2.5 kSEK"),
        (0, "NOK", "0 NOK"),
    ],
)
def test_compact_money(value, currency, expected):
    assert compact_money(value, currency) == expected


def test_format_fte_and_colours():
    assert format_fte(4) == "4.0"
    assert kind_colors("external").dashed
    assert tint("#ffffff") == "#ffffff"
    assert tint("#000000", 0.25) == "#404040"  # 255 x 0.25 = 63.75 -> 64 = 0x40
