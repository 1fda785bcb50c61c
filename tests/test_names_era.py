"""Japanese era dates: parsing, boundaries and display."""

import pytest

from archive.names import (
    EraDateError,
    PartialDate,
    format_with_era,
    format_with_era_en,
    parse_japanese_date,
    to_era,
)

pytestmark: list = []

PARSED = [
    ("大正10年", PartialDate(1921)), ("大正10年3月", PartialDate(1921, 3)), ("大正10年3月5日", PartialDate(1921, 3, 5)),
    ("大正１０年３月５日", PartialDate(1921, 3, 5)), ("昭和元年", PartialDate(1926)), ("昭和元年12月25日", PartialDate(1926, 12, 25)),
    ("平成元年", PartialDate(1989)), ("令和元年", PartialDate(2019)), ("明治45年", PartialDate(1912)),
    ("S20.8.9", PartialDate(1945, 8, 9)), ("T10", PartialDate(1921)), ("M45", PartialDate(1912)), ("H1", PartialDate(1989)),
    ("R1", PartialDate(2019)), ("s20.8", PartialDate(1945, 8)), ("大正10年頃", PartialDate(1921, approximate=True)),
    ("約大正10年", PartialDate(1921, approximate=True)), ("大正10年ごろ", PartialDate(1921, approximate=True)),
    ("about 1921", PartialDate(1921, approximate=True)), ("1921", PartialDate(1921)), ("１９２１", PartialDate(1921)),
    ("1921-03", PartialDate(1921, 3)), ("1921-03-05", PartialDate(1921, 3, 5)), ("1921年3月5日", PartialDate(1921, 3, 5)),
    ("1921/3/5", PartialDate(1921, 3, 5)), ("1921年", PartialDate(1921)), ("大正15年12月24日", PartialDate(1926, 12, 24)),
    (" 昭和 20 年 ", PartialDate(1945)), ("1921年頃", PartialDate(1921, approximate=True)),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), PARSED)
def test_it_parses_era_and_western_dates(text, expected):
    assert parse_japanese_date(text) == expected


IMPOSSIBLE = [
    ("昭和70年", "era_year_out_of_range"), ("昭和65年", "era_year_out_of_range"), ("大正16年", "era_year_out_of_range"),
    ("明治46年", "era_year_out_of_range"), ("大正15年12月26日", "outside_era"), ("昭和元年12月24日", "outside_era"),
    ("昭和元年11月", "outside_era"), ("明治45年8月", "outside_era"), ("大正元年7月29日", "outside_era"),
    ("1921年2月30日", "invalid_date"), ("大正10年2月30日", "invalid_date"), ("1921-13", "invalid_date"),
    ("そのうち", "unknown_format"), ("", "unknown_format"), ("平成32年", "era_year_out_of_range"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "code"), IMPOSSIBLE)
def test_it_refuses_impossible_dates_with_a_code(text, code):
    with pytest.raises(EraDateError) as info:
        parse_japanese_date(text)
    assert info.value.code == code
    assert isinstance(info.value, ValueError) and str(info.value)


def test_it_explains_errors_in_english():
    with pytest.raises(EraDateError) as info:
        parse_japanese_date("昭和70年")
    assert info.value.params["last"] == 64
    assert "1 to 64" in str(info.value)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((1921,), ("大正", 10)), ((1926, 12, 24), ("大正", 15)), ((1926, 12, 25), ("昭和", 1)), ((1926,), ("大正", 15)),
        ((1912, 7, 29), ("明治", 45)), ((1912, 7, 30), ("大正", 1)), ((1945, 8, 9), ("昭和", 20)),
        ((1989, 1, 7), ("昭和", 64)), ((1989, 1, 8), ("平成", 1)), ((2019, 4, 30), ("平成", 31)), ((2019, 5, 1), ("令和", 1)),
    ],
)  # fmt: skip
def test_it_converts_western_dates_to_eras_at_exact_boundaries(args, expected):
    assert to_era(*args) == expected


def test_it_formats_dates_with_the_era():
    assert format_with_era(PartialDate(1921)) == "1921年（大正10年）"
    assert format_with_era(PartialDate(1921, 3, 5)) == "1921年3月5日（大正10年3月5日）"
    assert format_with_era(PartialDate(1921, 3)) == "1921年3月（大正10年3月）"
    assert format_with_era(PartialDate(1926)) == "1926年（大正15年／昭和元年）"
    assert format_with_era(PartialDate(1926, 12, 25)) == "1926年12月25日（昭和元年12月25日）"
    assert format_with_era(PartialDate(1921, approximate=True)) == "1921年頃（大正10年頃）"
    assert format_with_era(parse_japanese_date("昭和元年")) == "1926年（大正15年／昭和元年）"


def test_it_formats_dates_in_english():
    assert format_with_era_en(PartialDate(1921)) == "1921 (Taishō 10)"
    assert format_with_era_en(PartialDate(1926)) == "1926 (Taishō 15 / Shōwa 1)"
    assert format_with_era_en(PartialDate(1945, 8, 9, approximate=True)) == "c. 1945-08-09 (Shōwa 20)"
