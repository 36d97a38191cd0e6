"""Which passes of extraction change its output: each one switched off in turn, on the
real-text corpus and the written dev set, the claims diffed and scored against the
annotations.

    python -m tests.bench.passes            # the table of fixtures/extract/PASSES.md
    python -m tests.bench.passes -v         # and every changed claim

Variants: `no_ner` keeps the parse but drops the names NER finds; `no_parse` keeps NER's
names but not the dependency parse; `no_model` runs no spaCy at all; `no_jieba` drops the
jieba reading of an unknown Chinese name that opens a clause.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from datetime import date
from pathlib import Path
from typing import Any

import extractors.claims as claims_mod
import extractors.subjects as subjects_mod
from extractors.claims import Extractor
from extractors.numbers import round_sig
from extractors.spans import Claim, Extraction
from pipeline.evaluate import Tally, load, same_subject
from pipeline.evaluate import score_record as _score

ROOT = Path(__file__).resolve().parents[2]
CORPORA = {"real": ROOT / "fixtures" / "extract" / "real", "dev": ROOT / "fixtures" / "extract" / "dev.jsonl"}


@contextmanager
def _patched(obj: Any, name: str, value: Any) -> Iterator[None]:
    old = getattr(obj, name)
    setattr(obj, name, value)
    try:
        yield
    finally:
        setattr(obj, name, old)


def _variant(name: str) -> Callable[[], Any]:
    """A context manager factory switching one pass off."""
    if name == "no_ner":
        return lambda: _patched(claims_mod, "ner_entities", lambda *a, **k: [])
    if name == "no_parse":
        def keep_ents(self: Extractor, docs: list[Any]) -> None:
            original(self, docs)
            for d in docs:
                d.parses.clear()
        original = Extractor._parse_english
        return lambda: _patched(Extractor, "_parse_english", keep_ents)
    if name == "no_model":
        return lambda: _patched(Extractor, "_parse_english", lambda self, docs: None)
    if name == "no_jieba":
        return lambda: _patched(subjects_mod, "clause_topic", lambda clause: None)
    return nullcontext  # "full": nothing off


VARIANTS = ("full", "no_ner", "no_parse", "no_model", "no_jieba")


def _key(c: Claim) -> tuple[Any, ...]:
    return (c.start, c.subject, c.metric, round_sig(c.low), round_sig(c.high), c.currency, c.period)


def _right(c: Claim, gold: list[dict[str, Any]]) -> bool:
    """The claim matches an annotated one (subject, metric, value, currency)."""
    return any(g["metric"] == c.metric and round_sig(g["low"]) == round_sig(c.low)
               and round_sig(g["high"]) == round_sig(c.high) and g["currency"] == c.currency
               and same_subject(g["subject"], c.subject) for g in gold)


def run(corpus: str, extractor: Extractor) -> dict[str, tuple[list[Extraction], dict[str, Tally]]]:
    records = load(CORPORA[corpus])
    items = [(r["text"], r["lang"], date.fromisoformat(r["published"]) if r["published"] else None)
             for r in records]
    out = {}
    for v in VARIANTS:
        with _variant(v)():
            exs = extractor.extract_many(items)
        tallies: dict[str, Tally] = {"en": Tally(), "zh": Tally()}
        for rec, ex in zip(records, exs, strict=True):
            _score(rec, ex, tallies)
        out[v] = (exs, tallies)
    return out


def diff(records: list[dict[str, Any]], base: list[Extraction], other: list[Extraction],
         verbose: bool, label: str) -> tuple[int, int, int, int]:
    """(claims changed, of which the base's was right, the variant's was right, money changed)."""
    changed = base_right = other_right = money = 0
    for rec, a, b in zip(records, base, other, strict=True):
        ka = {_key(c): c for c in a.claims}
        kb = {_key(c): c for c in b.claims}
        money += len({(m.start, m.low, m.high, m.currency) for m in a.money}
                     ^ {(m.start, m.low, m.high, m.currency) for m in b.money})
        for k in sorted(set(ka) ^ set(kb), key=lambda k: k[0]):
            changed += 1
            c = ka.get(k) or kb[k]
            ok = _right(c, rec["claims"])
            if k in ka:
                base_right += ok
            else:
                other_right += ok
            if verbose:
                side = "full only" if k in ka else f"{label} only"
                print(f"  {rec['id']} [{side}, {'right' if ok else 'wrong'}] {c.subject} {c.metric} "
                      f"{c.low:g} {c.currency} {c.period}: {c.sentence[:90]!r}")
    return changed, base_right, other_right, money


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    extractor = Extractor()
    extractor.warm()
    print("| corpus | variant | claims changed | right in full only | right in variant only "
          "| money changed | claim TP/FP/FN en | claim TP/FP/FN zh |")
    print("|---|---|---|---|---|---|---|---|")
    for corpus in CORPORA:
        records = load(CORPORA[corpus])
        results = run(corpus, extractor)
        base = results["full"][0]
        for v in VARIANTS:
            exs, t = results[v]
            if verbose and v != "full":
                print(f"-- {corpus} {v}")
            changed, br, vr, money = diff(records, base, exs, verbose and v != "full", v)
            print(f"| {corpus} | {v} | {changed} | {br} | {vr} | {money} "
                  f"| {t['en'].c_tp}/{t['en'].c_fp}/{t['en'].c_fn} | {t['zh'].c_tp}/{t['zh'].c_fp}/{t['zh'].c_fn} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
