"""The money grammars run only where their scanners stop, and find what a full scan finds."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from extractors import money, numbers

DEV = Path(__file__).resolve().parents[2] / "fixtures" / "extract" / "dev.jsonl"
GRAMMARS = [(money.EN_PREFIXED, money.EN_PREFIXED_STARTS), (money.EN_SUFFIXED, money.EN_SUFFIXED_STARTS),
            (money.EN_MINOR, money.EN_MINOR_STARTS), (money.ZH_MONEY, money.ZH_MONEY_STARTS),
            (money.ZH_ROUND, money.ZH_ROUND_STARTS), (money.ZH_MINOR, money.ZH_MINOR_STARTS)]
# Pieces money is written with, and the look-alikes case folding lets through (ſ, K, İ).
PIECES = [*"0123456789.,-–~ \n\t$€£¥₹₩¢+/()（）%ſİıK", *"USHKNTCARMDEusdhkntcarmbpegolivx",
          *"一二两三四五六七八九十百千万亿兆零点负元美港台币人民新日欧英澳加韩块钱角分毛仙逾超近约数几上至",
          " million", " billion", "bn", " dollars", " USD", "usd", "US$", "HK $", "U.S. $", "Rs.", " cents",
          "p ", "one", "two", "a ", "an ", "half a ", "ſix", "twenty-five", " to ", "亿元", "万元", "美元",
          "港元", "人民币", "新台币", "元首"]


def _texts() -> list[str]:
    rnd = random.Random(20261123)
    dev = [json.loads(line)["text"] for line in DEV.read_text(encoding="utf-8").splitlines()]
    noise = ["".join(rnd.choice(PIECES) for _ in range(rnd.randint(1, 30))) for _ in range(4000)]
    return dev + noise


@pytest.mark.parametrize(("rx", "starts"), GRAMMARS, ids=[g[0].pattern[:12] for g in GRAMMARS])
def test_scan_finds_what_finditer_finds(rx: re.Pattern[str], starts: re.Pattern[str]) -> None:
    for text in _texts():
        t = numbers.normalize(text)
        expected = [(m.span(), m.groups()) for m in rx.finditer(t)]
        assert [(m.span(), m.groups()) for m in money._scan(rx, starts, t)] == expected, t


def test_a_scanner_that_misses_a_start_is_caught() -> None:
    """The check above has teeth: a scanner blind to "$" misses "$5 million"."""
    blind = re.compile(r"[A-Z](?=(?s:.){0,8}\d)")
    t = "paid $5 million"
    assert list(money.EN_PREFIXED.finditer(t)) and not list(money._scan(money.EN_PREFIXED, blind, t))
