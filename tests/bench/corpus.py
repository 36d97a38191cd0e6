"""Bench corpora: article-sized texts in which no sentence repeats, and the real-text corpus.

The templates are the sentences of the written dev set and of the real-text corpus
(fixtures/extract/real/batch*.txt). Each use of a template gets its own figures, years,
quarters and company names, so no cache keyed on a sentence, a number or a name stays warm
across the corpus; a sentence already used is drawn again. Sentences without a figure
come from the same sources and from filler templates whose slots (company, person, place)
are filled at random, three in four sentences of an article as before.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from extractors.numbers import cjk_share
from extractors.sentences import split_sentences
from pipeline.devset import build as build_devset

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "extract"
DEV = FIXTURES / "dev.jsonl"
REAL = FIXTURES / "real"
ALIASES = Path(__file__).resolve().parents[2] / "extractors" / "data" / "aliases.toml"
SEED = 20261123

FILLER_EN = [
    "Analysts at {org} said the outlook remained uncertain as investors weighed the pace of adoption.",
    "{org} declined to comment on the talks, which are ongoing and could still fall apart.",
    "Executives at {org} told employees in a memo that the reorganisation would be completed within months.",
    "Shares of {org} moved little in early trading in {place} as the market waited for inflation data.",
    "Competition for engineers has intensified, with {org} offering larger packages to senior staff.",
    "Regulators in {place} are examining how the partnership between {org} and {org2} is structured.",
    "People familiar with the matter said the board of {org} discussed several options at its last meeting.",
    "The data center campus {org} is building near {place} will draw power from gas turbines and solar farms.",
    "Customers of {org} have complained about outages, and {person} promised to add capacity quickly.",
    "{person}, who runs the infrastructure team at {org}, said demand was strong across regions.",
    "Supply chain constraints eased somewhat for {org}, although lead times for transformers remain long.",
    "{person} of {org2} said the deal with {org} showed how quickly the market was consolidating.",
]
FILLER_ZH = [
    "{org}分析人士表示，市场对于人工智能应用落地的速度仍存在分歧。",
    "{org}方面拒绝就相关谈判置评，知情人士称谈判仍在进行中。",
    "多位投资者认为，{org}与{org2}之间的竞争正在加剧，头部企业的优势进一步扩大。",
    "{place}监管机构正在审视{org}相关合作的结构安排，并可能要求补充披露。",
    "{org}位于{place}的数据中心园区将采用燃气轮机与光伏相结合的供电方式。",
    "{org}管理层在内部信中表示，组织架构调整将在数月内完成。",
    "{person}指出，{org}算力供给紧张的局面短期内难以根本缓解。",
    "受通胀数据影响，{place}市场整体交投清淡，{org}股价小幅波动。",
    "有客户反映{org}服务稳定性不足，{person}承诺尽快扩充容量。",
    "{person}表示，{org}供应链约束有所缓解，但变压器等关键设备的交付周期依然较长。",
]
_EN_ROOTS = ["Norv", "Cald", "Vext", "Brill", "Quor", "Tamar", "Oster", "Pelic", "Zent", "Harl", "Mirr", "Sol",
             "Gant", "Kestr", "Lum", "Arb", "Coriol", "Dren", "Fenw", "Ivor"]
_EN_ENDS = ["ex", "ia", "on", "is", "ara", "ico", "ant", "ium", "ora", "ent"]
_EN_KINDS = ["Holdings", "Technologies", "Capital", "Systems", "Energy", "Networks", "Group", "Inc.", "Labs", "Partners"]
_ZH_CHARS = "华鑫源泰恒瑞康宏达信创海金德安嘉远航星润盛丰隆新科明凯睿博"
_ZH_KINDS = ["科技", "集团", "股份", "控股", "能源", "电子", "智能", "银行", "证券", "资本"]
_FIRST = ["Maria", "James", "Wei", "Priya", "Lukas", "Aiko", "Omar", "Sofia", "Daniel", "Grace"]
_LAST = ["Chen", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Alvarez", "Singh", "Novak", "Brennan", "Haddad"]
_ZH_PEOPLE = ["张", "王", "李", "赵", "陈", "刘", "杨", "黄", "周", "吴"]
_PLACES_EN = ["Brussels", "Washington", "Singapore", "Frankfurt", "Austin", "Osaka", "Dublin", "Toronto",
              "Sao Paulo", "Mumbai", "Phoenix", "Seoul"]
_PLACES_ZH = ["北京", "上海", "深圳", "杭州", "成都", "武汉", "香港", "台北", "广州", "南京", "苏州", "西安"]

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_YEAR = re.compile(r"(?:19|20)\d\d")
_QUARTER = re.compile(r"\bQ[1-4]\b|\b(?:first|second|third|fourth)(?=[- ]quarter)|[一二三四](?=季度)")
_LITERAL = re.compile(r".+", re.S)
_QUARTERS = {"Q": ["Q1", "Q2", "Q3", "Q4"], "e": ["first", "second", "third", "fourth"], "z": list("一二三四")}


def _known_names() -> tuple[list[str], list[str]]:
    """The alias table's names (English, Chinese): templates name these; they are swapped."""
    import tomllib

    en, zh = [], []
    for key, names in tomllib.loads(ALIASES.read_text("utf-8")).items():
        if not isinstance(names, list):
            continue
        for name in [key, *names]:
            if isinstance(name, str) and len(name) >= 2:
                (zh if cjk_share(name) > 0.5 else en).append(name)
    return en, zh


class Randomiser:
    """Fresh figures, years, quarters and names for each use of a sentence."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.known_en, self.known_zh = _known_names()
        names = sorted(set(self.known_en + self.known_zh), key=len, reverse=True)
        self.names = re.compile("|".join(re.escape(n) for n in names))
        self._slots: dict[str, list[tuple[str, re.Match[str]]]] = {}

    def org(self, zh: bool) -> str:
        """A company: half of them known to the alias table, half made up here."""
        r = self.rng
        if r.random() < 0.5:
            return r.choice(self.known_zh if zh else self.known_en)
        if zh:
            return "".join(r.sample(_ZH_CHARS, 2)) + r.choice(_ZH_KINDS)
        return r.choice(_EN_ROOTS) + r.choice(_EN_ENDS) + " " + r.choice(_EN_KINDS)

    def person(self, zh: bool) -> str:
        r = self.rng
        if zh:
            return r.choice(_ZH_PEOPLE) + "".join(r.sample(_ZH_CHARS, 2))
        return f"{r.choice(_FIRST)} {r.choice(_LAST)}"

    def _number(self, m: re.Match[str]) -> str:
        text, r = m.group(0), self.rng
        if _YEAR.fullmatch(text):
            return str(r.randint(2015, 2030))
        out = []
        for i, ch in enumerate(text):
            if not ch.isdigit():
                out.append(ch)
            elif i == 0 and ch != "0":
                out.append(str(r.randint(1, 9)))
            else:
                out.append(str(r.randint(0, 9)))
        return "".join(out)

    def _quarter(self, m: re.Match[str]) -> str:
        text = m.group(0)
        kind = "Q" if text.startswith("Q") else ("z" if cjk_share(text) else "e")
        return self.rng.choice(_QUARTERS[kind])

    def sentence(self, template: str) -> str:
        parts = self._slots.get(template)
        if parts is None:
            parts = self._slots[template] = self._split(template)
        zh = cjk_share(template) > 0.2
        out = []
        for kind, m in parts:
            if kind == "org":
                out.append(self.org(zh))
            elif kind == "quarter":
                out.append(self._quarter(m))
            elif kind == "number":
                out.append(self._number(m))
            else:
                out.append(m.group(0))
        return "".join(out)

    def _split(self, template: str) -> list[tuple[str, re.Match[str]]]:
        """A template as its literal text and its slots (names, quarters, numbers), found once."""
        slots = [("org", m) for m in self.names.finditer(template)]
        taken = [(m.start(), m.end()) for _, m in slots]
        for kind, rx in (("quarter", _QUARTER), ("number", _NUMBER)):
            for m in rx.finditer(template):
                if all(m.end() <= a or m.start() >= b for a, b in taken):
                    slots.append((kind, m))
                    taken.append((m.start(), m.end()))
        slots.sort(key=lambda x: x[1].start())
        parts: list[tuple[str, re.Match[str]]] = []
        pos = 0
        for kind, m in slots:
            if m.start() > pos:
                parts.append(("text", _LITERAL.match(template, pos, m.start())))  # type: ignore[arg-type]
            parts.append((kind, m))
            pos = m.end()
        if pos < len(template):
            parts.append(("text", _LITERAL.match(template, pos)))  # type: ignore[arg-type]
        return parts

    def filler(self, template: str, zh: bool) -> str:
        org = self.org(zh)
        other = self.org(zh)
        return template.format(org=org, org2=other, person=self.person(zh),
                               place=self.rng.choice(_PLACES_ZH if zh else _PLACES_EN))


def real_records() -> list[dict[str, Any]]:
    """The annotated real-text corpus, as `make eval` reads it."""
    return build_devset(REAL, "batch*.txt")


def dev_records() -> list[dict[str, Any]]:
    return [json.loads(line) for line in DEV.read_text("utf-8").splitlines() if line.strip()]


def template_sentences() -> dict[tuple[str, bool], list[str]]:
    """Sentences of the written and real corpora by (language, holds an annotated figure)."""
    out: dict[tuple[str, bool], list[str]] = {(lang, fig): [] for lang in ("en", "zh") for fig in (True, False)}
    seen: set[str] = set()
    for rec in dev_records() + real_records():
        text = rec["text"]
        for s, e in split_sentences(text):
            sent = " ".join(text[s:e].split())
            if len(sent) < 12 or sent in seen:
                continue
            seen.add(sent)
            figure = any(m["start"] < e and m["end"] > s for m in rec["money"])
            out[("zh" if cjk_share(sent) > 0.2 else "en", figure)].append(sent)
    return out


def build(n: int, seed: int = SEED, words: int = 600) -> list[tuple[str, str]]:
    """n (lang, text) articles, about `words` words each (Chinese: two characters a word), no
    sentence used twice; every other one Chinese, a quarter of the sentences with a figure."""
    rng = random.Random(seed)
    rand = Randomiser(rng)
    pools = template_sentences()
    used: set[str] = set()

    def fresh(make: Callable[[], str]) -> str:
        for _ in range(50):
            sent = make()
            if sent not in used:
                used.add(sent)
                return sent
        raise RuntimeError("the templates ran out of distinct sentences")

    out = []
    for i in range(n):
        lang = "zh" if i % 2 else "en"
        zh = lang == "zh"
        parts: list[str] = []
        size = 0
        while size < words:
            roll = rng.random()
            if roll < 0.4:  # a quarter of sentences with a figure, as the old corpus had
                pool = pools[(lang, roll < 0.25)]
                sent = fresh(lambda pool=pool: rand.sentence(rng.choice(pool)))  # type: ignore[misc]
            else:
                filler = FILLER_ZH if zh else FILLER_EN
                sent = fresh(lambda filler=filler, zh=zh: rand.filler(rng.choice(filler), zh))  # type: ignore[misc]
            parts.append(sent)
            size += len(sent) // 2 if zh else len(sent.split())
        out.append((lang, ("" if zh else " ").join(parts)))
    return out


def distinct_ratio(corpus: list[tuple[str, str]]) -> tuple[int, float]:
    """Sentences in the corpus (as the extractor splits them) and the share of them that are distinct."""
    sents = [text[s:e].strip() for _, text in corpus for s, e in split_sentences(text)]
    return len(sents), len(set(sents)) / len(sents) if sents else 1.0
