"""Translation check: a Chinese summary's figures against the English original they restate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.claims import Extractor
from extractors.money import find_money
from extractors.spans import Extraction
from pipeline.config import Settings, load_settings
from pipeline.feeds import split_translated
from pipeline.run import run
from pipeline.translation import Mismatch, check
from tests.conftest import ROOT, run_cli, seed_article
from tests.feedserver import FeedServer, rss

DOCTORED = ROOT / "fixtures" / "translation" / "doctored.txt"


def mismatches(extractor: Extractor, text: str) -> list[Mismatch]:
    parts = split_translated(text)
    assert parts.summary and parts.body, "the text must split into a summary and a body"
    full = parts.summary + "\n" + parts.body
    return check(len(parts.summary), full, extractor.extract(full))


def translated(summary: str, body: str) -> str:
    return f"- 核心观点:{summary}\nOriginal Author: A Writer\nOriginal Translation: TechFlow\n{body}\n"


def test_the_seed_article_restates_every_figure(extractor: Extractor) -> None:
    assert [m.message for m in mismatches(extractor, seed_article())] == []


def test_the_doctored_copy_flags_all_three_planted_errors(extractor: Extractor) -> None:
    expected = json.loads(DOCTORED.with_suffix(".expected.json").read_text("utf-8"))["mismatches"]
    found = mismatches(extractor, DOCTORED.read_text("utf-8"))
    assert [(m.summary, m.original, m.why) for m in found] == [(e["summary"], e["original"], e["why"]) for e in expected]


@pytest.mark.parametrize(("summary", "body", "why"), [
    # Rounding is what summaries do: not flagged.
    ("OpenAI 2025年收入130亿美元。", "OpenAI lost $20.9 billion on $13.04 billion in revenue in 2025.", None),
    ("OpenAI 2025年收入约130亿美元。", "OpenAI lost $20.9 billion on $13.04 billion in revenue in 2025.", None),
    ("甲骨文未偿债务1300亿美元。", "Oracle had $129.5 billion in outstanding debt as of the end of May.", None),
    # A summary that converts the currency restates nothing to compare.
    ("字节跳动计划2026年在AI上投入1600亿元人民币。", "ByteDance plans to spend about $22 billion on AI in 2026.", None),
    # One digit more than the original allows is a different value.
    ("OpenAI 2025年收入140亿美元。", "OpenAI lost $20.9 billion on $13.04 billion in revenue in 2025.", "value"),
    # 万 read as 亿: 10,000x.
    ("微软AI年化收入为370万美元。", "Microsoft had $37 billion in AI annualized revenue.", "scale (10,000x too small)"),
    ("甲骨文自由现金流为237亿美元。", "Oracle's free cash flow was negative $23.7 billion in fiscal 2026.", "sign"),
])
def test_rounding_is_not_a_mismatch_but_scale_sign_and_value_are(extractor: Extractor, summary: str, body: str,
                                                                   why: str | None) -> None:
    found = mismatches(extractor, translated(summary, body))
    assert [m.why for m in found] == ([why] if why else [])


def test_a_figure_with_no_claim_is_matched_by_its_place_in_the_sentence(extractor: Extractor) -> None:
    # Neither figure makes a claim (no metric); the bullet's other figure finds the sentence.
    text = translated("报告称，两家实验室耗资5000亿美元，而公开融资仅为30亿美元。",
                      "I estimate their true cost is at least $500 billion, while they raised only $300 billion.")
    found = mismatches(extractor, text)
    assert [(m.summary, m.original, m.why) for m in found] == [("30亿美元", "$300 billion", "scale (100x too small)")]


def doctored_feed(tmp_path: Path, server: FeedServer) -> Settings:
    html = "".join(f"<p>{line}</p>" for line in DOCTORED.read_text("utf-8").splitlines())
    server.feed("/tf.xml", rss([("tf-doctored", "国际清算银行警告", html)]).encode())
    (tmp_path / "vault").mkdir()
    (tmp_path / "vault" / "AI.md").write_text("# AI\n\n[[OpenAI]] [[Oracle]] [[Microsoft]]\n", "utf-8")
    (tmp_path / "claimlog.toml").write_text(
        f'vault = "vault"\ndatabase = "claimlog.db"\n[[feeds]]\nname = "TF"\nurl = "{server.url("/tf.xml")}"\nlang = "zh"\n',
        "utf-8")
    return load_settings(tmp_path / "claimlog.toml")


def test_flags_reach_the_run_summary_and_the_claims(tmp_path: Path, server: FeedServer) -> None:
    settings = doctored_feed(tmp_path, server)
    result = run_cli("run", "--config", str(settings.path))
    assert result.returncode == 0, result.stderr
    assert "summary says 1304亿美元, original says $13.04 billion" in result.stdout
    assert "translation mismatches flagged" in result.stdout
    listed = [json.loads(line) for line in run_cli("queue", "list", "--json", "--config",
                                                   str(settings.path)).stdout.splitlines()]
    flagged = {(c["subject"], c["metric"], c["low"]): c["flags"] for c in listed if c["flags"]}
    assert flagged == {
        ("OpenAI", "revenue", 130.4e9): [{"kind": "translation_mismatch", "summary": "1304亿美元",
                                         "original": "$13.04 billion", "why": "scale (10x too large)"}],
        ("Oracle", "free_cash_flow", 23.7e9): [{"kind": "translation_mismatch", "summary": "237亿美元",
                                               "original": "-$23.7 billion", "why": "sign"}],
        ("Oracle", "debt", 192.5e9): [{"kind": "translation_mismatch", "summary": "1925亿美元",
                                      "original": "$129.5 billion", "why": "value"}],
    }
    # The English figures stand on their own claims, unflagged.
    assert all(c["flags"] == [] for c in listed if (c["subject"], c["metric"], c["low"]) == ("OpenAI", "revenue", 13.04e9))


def test_a_clean_translation_flags_nothing_in_the_run(tmp_path: Path, server: FeedServer) -> None:
    html = "".join(f"<p>{line}</p>" for line in seed_article().splitlines())
    server.feed("/tf.xml", rss([("tf-seed", "国际清算银行警告", html)]).encode())
    (tmp_path / "v").mkdir()
    (tmp_path / "c.toml").write_text(f'vault = "v"\ndatabase = "c.db"\n[[feeds]]\nname = "TF"\nurl = "{server.url("/tf.xml")}"\n',
                                     "utf-8")
    summary = run(load_settings(tmp_path / "c.toml"))
    assert summary.extracted == 1 and summary.stats.queued > 5
    assert summary.translation == [] and summary.as_dict()["translation_mismatches"] == 0


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(summary=st.text(alphabet="0123456789.,亿万美元负约超$ -bilontrgvea\n。，", max_size=60),
       body=st.text(alphabet="0123456789.,亿万美元负约超$ -bilontrgvea\n。，", max_size=60))
def test_any_text_is_checked_without_error(summary: str, body: str) -> None:
    text = summary + "\n" + body
    found = check(len(summary), text, Extraction("zh", money=tuple(find_money(text))))
    for m in found:
        assert m.why == "sign" or m.why == "value" or m.why.startswith("scale (")
        assert text[m.start:].startswith(m.summary.lstrip("-"))


@settings(max_examples=200, deadline=None)
@given(value=st.floats(min_value=1, max_value=9999, allow_nan=False), scale=st.sampled_from(["亿", "万"]))
def test_a_figure_always_restates_itself(value: float, scale: str) -> None:
    written = f"{value:.2f}".rstrip("0").rstrip(".")
    text = f"收入{written}{scale}美元\n收入{written}{scale}美元"
    assert check(len(text.split("\n")[0]), text, Extraction("zh", money=tuple(find_money(text)))) == []
