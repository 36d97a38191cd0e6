"""Deterministic bench corpus: article-sized texts from dev-set sentences and filler."""

from __future__ import annotations

import json
import random
from pathlib import Path

from extractors.sentences import split_sentences

DEV = Path(__file__).resolve().parents[2] / "fixtures" / "extract" / "dev.jsonl"
SEED = 20261123

FILLER_EN = [
    "Analysts said the outlook remained uncertain as investors weighed the pace of adoption.",
    "The company declined to comment on the talks, which are ongoing and could still fall apart.",
    "Executives told employees in a memo that the reorganisation would be completed within months.",
    "Shares moved little in early trading as the broader market waited for inflation data.",
    "Competition for engineers has intensified, with rivals offering larger packages to senior staff.",
    "Regulators in Brussels and Washington are examining how the partnerships are structured.",
    "People familiar with the matter said the board discussed several options at its last meeting.",
    "The data center campus will draw power from a mix of gas turbines and solar farms nearby.",
    "Customers have complained about outages, and the company promised to add capacity quickly.",
    "Several large asset managers have increased their exposure to infrastructure debt this year.",
    "The chief executive said demand was strong across regions and product lines.",
    "Supply chain constraints eased somewhat, although lead times for transformers remain long.",
]
FILLER_ZH = [
    "分析人士表示，市场对于人工智能应用落地的速度仍存在分歧。",
    "公司方面拒绝就相关谈判置评，知情人士称谈判仍在进行中。",
    "多位投资者认为，行业竞争正在加剧，头部企业的优势进一步扩大。",
    "监管机构正在审视相关合作的结构安排，并可能要求补充披露。",
    "该数据中心园区将采用燃气轮机与光伏相结合的供电方式。",
    "管理层在内部信中表示，组织架构调整将在数月内完成。",
    "业内人士指出，算力供给紧张的局面短期内难以根本缓解。",
    "受通胀数据影响，市场整体交投清淡，科技股小幅波动。",
    "有客户反映服务稳定性不足，公司承诺尽快扩充容量。",
    "供应链约束有所缓解，但变压器等关键设备的交付周期依然较长。",
]


def dev_sentences() -> tuple[list[str], list[str]]:
    """English and Chinese sentences of the dev set."""
    en, zh = [], []
    for line in DEV.read_text("utf-8").splitlines():
        text = json.loads(line)["text"]
        for s, e in split_sentences(text):
            sent = text[s:e]
            (zh if sum("\u4e00" <= c <= "\u9fff" for c in sent) > len(sent) * 0.2 else en).append(sent)
    return en, zh


def build(n: int, seed: int = SEED, words: int = 600) -> list[tuple[str, str]]:
    """n (lang, text) articles, about `words` words each (Chinese: two characters a word)."""
    rng = random.Random(seed)
    en, zh = dev_sentences()
    out = []
    for i in range(n):
        lang = "zh" if i % 2 else "en"
        pool, filler = (zh, FILLER_ZH) if lang == "zh" else (en, FILLER_EN)
        parts: list[str] = []
        size = 0
        while size < words:
            sent = rng.choice(pool) if rng.random() < 0.25 else rng.choice(filler)
            parts.append(sent)
            size += len(sent) // 2 if lang == "zh" else len(sent.split())
        out.append((lang, (" " if lang == "en" else "").join(parts)))
    return out
