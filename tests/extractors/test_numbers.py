"""Numbers: English and Chinese writing -> floats."""

import pytest

from extractors import numbers


@pytest.mark.parametrize(("num", "scale", "expected"), [
    ("1295", "亿", 1.295e11),
    ("2.31", "万亿", 2.31e12),
    ("164,000.00", "万", 1.64e9),
    ("五十亿", "", 5e9),
    ("三千万", "", 3e7),
    ("十", "亿", 1e9),       # 十亿: the numeral, then the scale
    ("两千", "亿", 2e11),
    ("3", "千万", 3e7),      # scales multiply: 千万 = 1e7
    ("3", "兆", 3e12),       # 兆 is 10^12 (Taiwan and Hong Kong press)
    ("十二兆三千亿", "", 1.23e13),   # 兆 and 亿 together in numerals
    ("十二兆", "", 1.2e13),
    ("2兆8,943亿", "", 2.8943e12),  # digit sections, as Taiwan press writes them
    ("1亿2000万", "", 1.2e8),
])
def test_parse_zh_number(num: str, scale: str, expected: float) -> None:
    assert numbers.parse_zh_number(num, scale) == pytest.approx(expected)


@pytest.mark.parametrize(("word", "expected"), [
    ("bn", 1e9), ("B", 1e9), ("billion", 1e9), ("MM", 1e6), ("m", 1e6), ("mln", 1e6),
    ("tn", 1e12), ("T", 1e12), ("trillion", 1e12), ("k", 1e3), (None, 1.0),
])
def test_en_scale(word: str | None, expected: float) -> None:
    assert numbers.en_scale(word) == expected


@pytest.mark.parametrize(("words", "expected"), [
    ("one", 1), ("a", 1), ("two hundred", 200), ("forty-five", 45), ("half a", 0.5), ("lots", None),
])
def test_parse_en_words(words: str, expected: float | None) -> None:
    assert numbers.parse_en_words(words) == expected


@pytest.mark.parametrize("text", ["１２９５亿美元", "238 億美元", "台積電資本支出", "ＵＳ＄５ｂｎ", "a\u3000b"])
def test_normalize_keeps_length(text: str) -> None:
    assert len(numbers.normalize(text)) == len(text)


def test_normalize_folds_fullwidth_and_traditional() -> None:
    assert numbers.normalize("１２９５億美元") == "1295亿美元"
    assert numbers.normalize("ＵＳ＄５ｂｎ") == "US$5bn"


@pytest.mark.parametrize(("value", "rounded"), [
    (13.04e9, 1.30e10), (130.4e8, 1.30e10), (-23.7e9, -2.37e10), (0.0, 0.0), (1295e8, 1.30e11),
])
def test_round_sig(value: float, rounded: float) -> None:
    assert numbers.round_sig(value) == pytest.approx(rounded)


@pytest.mark.parametrize(("text", "share"), [("abc", 0.0), ("甲骨文", 1.0), ("OpenAI投资", 2 / 8), ("123", 0.0)])
def test_cjk_share(text: str, share: float) -> None:
    assert numbers.cjk_share(text) == pytest.approx(share)


@pytest.mark.parametrize("numeral", ["兆兆", "十二兆三兆"])
def test_parse_zh_numeral_refuses_broken_sections(numeral: str) -> None:
    assert numbers.parse_zh_numeral(numeral) is None
