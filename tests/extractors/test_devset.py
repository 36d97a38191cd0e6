"""The annotated dev set: built from its sources, of the promised size, and scored."""

import json
from pathlib import Path

import pytest

from extractors.claims import Extractor
from extractors.numbers import cjk_share
from pipeline.devset import build
from pipeline.evaluate import TARGETS, evaluate, same_subject

DEV = Path(__file__).resolve().parents[2] / "fixtures" / "extract"


def test_jsonl_matches_its_sources() -> None:
    built = build(DEV)
    stored = [json.loads(line) for line in (DEV / "dev.jsonl").read_text("utf-8").splitlines()]
    assert built == stored, "run `python -m pipeline.devset` after editing fixtures/extract/dev_*.txt"


def test_dev_set_composition() -> None:
    records = build(DEV)
    assert len(records) >= 250
    chinese = sum(cjk_share(r["text"]) > 0.3 for r in records)
    mixed = sum(0 < cjk_share(r["text"]) <= 0.3 for r in records)
    traps = sum(not r["money"] for r in records)
    assert chinese / len(records) >= 0.40
    assert mixed >= 20
    assert traps >= 40


def test_marks_index_the_text() -> None:
    for r in build(DEV):
        for m in r["money"]:
            assert r["text"][m["start"]:m["end"]] == m["text"]
            assert m["low"] <= m["high"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_quality_targets(extractor: Extractor, lang: str) -> None:
    scores = evaluate(DEV / "dev.jsonl", extractor)[lang].scores()
    for key, target in TARGETS.items():
        assert scores[key] >= target, f"{lang} {key} {scores[key]:.3f} < {target}"


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Toyota", "Toyota Motor", True), ("Corning", "Corning Incorporated", True),
    ("Third Wave", "Third Wave Technologies", True), ("中闽能源", "中闽能源股份", True),
    ("Intel", "Intel Capital", False), ("Wiwynn", "Wistron", False),
    ("Trust ETF", "iShares Bitcoin Trust", False), ("UnitedHealthcare", "UnitedHealth Group", False),
])
def test_subjects_compare_up_to_how_a_name_is_cut(a: str, b: str, same: bool) -> None:
    assert same_subject(a, b) is same
    assert same_subject(b, a) is same
