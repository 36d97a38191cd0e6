"""`make eval`: extraction quality on the annotated dev set, per language; dedup on its own set.

Money: a prediction is right when it overlaps an annotated figure and has its value
(low, high) and currency; qualifier, rate and period accuracy are measured on those
matches. Claims: right when subject, metric, value (3 significant figures) and currency
match; period accuracy on the matches. A figure's language is that of its line, so a
Chinese summary over an English body counts in both.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from extractors import numbers
from extractors.claims import Extractor
from extractors.entities import AliasTable
from extractors.numbers import cjk_share, round_sig
from extractors.spans import Extraction
from pipeline import dedup_eval
from pipeline.devset import build, parse_source

TARGETS = {"money_f1": 0.97, "qualifier_acc": 0.95, "claim_precision": 0.90,
           "claim_recall": 0.85, "claim_period_acc": 0.90}


@dataclass
class Tally:
    """Counts for one language."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    qual_ok: int = 0
    per_ok: int = 0
    period_ok: int = 0
    c_tp: int = 0
    c_fp: int = 0
    c_fn: int = 0
    c_period_ok: int = 0
    c_modality_ok: int = 0
    c_modality_n: int = 0
    errors: list[str] = field(default_factory=list)

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    def scores(self) -> dict[str, float]:
        p = self._ratio(self.tp, self.tp + self.fp)
        r = self._ratio(self.tp, self.tp + self.fn)
        cp = self._ratio(self.c_tp, self.c_tp + self.c_fp)
        cr = self._ratio(self.c_tp, self.c_tp + self.c_fn)
        return {
            "money_precision": p, "money_recall": r,
            "money_f1": 2 * p * r / (p + r) if p + r else 0.0,
            "qualifier_acc": self._ratio(self.qual_ok, self.tp),
            "per_acc": self._ratio(self.per_ok, self.tp),
            "period_acc": self._ratio(self.period_ok, self.tp),
            "claim_precision": cp, "claim_recall": cr,
            "claim_f1": 2 * cp * cr / (cp + cr) if cp + cr else 0.0,
            "claim_period_acc": self._ratio(self.c_period_ok, self.c_tp),
            "claim_modality_acc": self._ratio(self.c_modality_ok, self.c_modality_n),
            "money_gold": float(self.tp + self.fn), "claims_gold": float(self.c_tp + self.c_fn),
        }


def _line_lang(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return "zh" if cjk_share(text[start: end if end >= 0 else len(text)]) > 0.2 else "en"


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def score_record(rec: dict[str, Any], ex: Extraction, tallies: dict[str, Tally]) -> None:
    """Add one record's matches and misses to the per-language tallies."""
    text = rec["text"]
    used: set[int] = set()
    for g in rec["money"]:
        t = tallies[_line_lang(text, g["start"])]
        hit = None
        for i, m in enumerate(ex.money):
            if i in used or m.end <= g["start"] or m.start >= g["end"]:
                continue
            if _same(m.low, g["low"]) and _same(m.high, g["high"]) and m.currency == g["currency"]:
                hit = i
                break
        if hit is None:
            t.fn += 1
            t.errors.append(f"{rec['id']}: missed {g['text']!r} {g['low']:g}..{g['high']:g} {g['currency']}")
            continue
        used.add(hit)
        m = ex.money[hit]
        t.tp += 1
        t.qual_ok += m.qualifier == g["qualifier"]
        t.per_ok += m.per == g["per"]
        t.period_ok += m.period == g["period"]
        if m.qualifier != g["qualifier"]:
            t.errors.append(f"{rec['id']}: {g['text']!r} qualifier {m.qualifier} != {g['qualifier']}")
        if m.per != g["per"]:
            t.errors.append(f"{rec['id']}: {g['text']!r} per {m.per} != {g['per']}")
        if m.period != g["period"]:
            t.errors.append(f"{rec['id']}: {g['text']!r} period {m.period} != {g['period']}")
    for i, m in enumerate(ex.money):
        if i not in used:
            t = tallies[_line_lang(text, m.start)]
            t.fp += 1
            t.errors.append(f"{rec['id']}: spurious {m.text!r} {m.low:g} {m.currency}")

    def key(c: Any) -> tuple[str, float, float, str]:
        d = c if isinstance(c, dict) else {k: getattr(c, k) for k in ("metric", "low", "high", "currency")}
        return (str(d["metric"]), round_sig(float(d["low"])), round_sig(float(d["high"])), str(d["currency"]))

    def gold_lang(c: dict[str, Any]) -> str:
        langs = {_line_lang(text, g["start"]) for g in rec["money"]
                 if _same(round_sig(g["low"]), round_sig(c["low"])) and g["currency"] == c["currency"]}
        return "en" if "en" in langs or not langs else "zh"

    # A figure stated in both the summary and the body is one fact: claims dedupe by key.
    gold: list[dict[str, Any]] = []
    for c in rec["claims"]:
        if not any(key(c) == key(o) and same_subject(c["subject"], o["subject"]) for o in gold):
            gold.append(c)
    predicted: list[Any] = []
    for c in ex.claims:
        if not any(key(c) == key(o) and same_subject(c.subject, o.subject) for o in predicted):
            predicted.append(c)
    matched: set[int] = set()
    for g in gold:
        t = tallies[gold_lang(g)]
        hit = next((i for i, c in enumerate(predicted) if i not in matched and key(c) == key(g)
                    and same_subject(c.subject, g["subject"])), None)
        if hit is None:
            t.c_fn += 1
            t.errors.append(f"{rec['id']}: missed claim {g['subject']} {g['metric']} {g['low']:g} {g['currency']}")
            continue
        matched.add(hit)
        p = predicted[hit]
        t.c_tp += 1
        ok = p.period == g["period"]
        t.c_period_ok += ok
        if not ok:
            t.errors.append(f"{rec['id']}: claim {g['subject']} {g['metric']} period {p.period} != {g['period']}")
        mod = getattr(p, "modality", "reported")
        if g.get("modality") is None:  # the written set does not annotate it
            continue
        t.c_modality_n += 1
        t.c_modality_ok += mod == g["modality"]
        if mod != g["modality"]:
            t.errors.append(f"{rec['id']}: claim {g['subject']} {g['metric']} modality {mod} != {g.get('modality')}")
    for i, c in enumerate(predicted):
        if i not in matched:
            t = tallies[c.lang]
            t.c_fp += 1
            t.errors.append(f"{rec['id']}: spurious claim {c.subject} {c.metric} {c.low:g} {c.currency} ({c.period})")


_LEGAL = re.compile(
    r"(?i)(?:[\s,]+(?:inc|incorporated|corp|corporation|co|company|ltd|limited|plc|llc|ag|sa|nv|se|group|holdings?)\.?)+$"
    r"|(?:股份有限公司|有限责任公司|有限公司|集团)$")


# Words that finish a company's full name without changing which company it is.
_NAME_TAIL = re.compile(r"(?i)motors?|technolog(?:y|ies)|industries|electronics|enterprises|systems|"
                        r"pharmaceuticals?|therapeutics|biosciences|networks|communications|semiconductors?|"
                        r"platforms|healthcare|financial|international|global|entertainment|brands|resources")

_ALIASES: AliasTable | None = None


def _norm_subject(s: str) -> str:
    global _ALIASES
    _ALIASES = _ALIASES or AliasTable.shipped()
    s = _ALIASES.resolve(s.strip()) or _ALIASES.resolve(numbers.normalize(s.strip())) or s
    s = numbers.normalize(_LEGAL.sub("", s.strip()))
    return re.sub(r"[\s.,'’()（）-]", "", s).casefold()


def same_subject(a: str, b: str) -> bool:
    """Subjects match up to legal suffixes, case and spacing, or when one names the other's
    start (贵州茅台 / 贵州茅台酒, Toyota / Toyota Motor): annotators and the extractor may cut
    a name differently."""
    x, y = _norm_subject(a), _norm_subject(b)
    if x == y:
        return True
    short, long_ = sorted((x, y), key=len)
    if not short or not long_.startswith(short):
        return False
    if cjk_share(short) > 0.5:
        return len(short) >= 2
    # "Toyota" / "Toyota Motor": the shorter names the longer's first whole words
    words = [w.casefold() for w in _LEGAL.sub("", a.strip()).split()], \
        [w.casefold() for w in _LEGAL.sub("", b.strip()).split()]
    few, many = sorted(words, key=len)
    return (len(short) >= 4 and 0 < len(few) < len(many) and many[:len(few)] == few
            and all(_NAME_TAIL.fullmatch(w) for w in many[len(few):]))


def load(path: Path) -> list[dict[str, Any]]:
    """Records of a JSONL file, an authoring file, or every batch file of a folder."""
    if path.is_dir():
        return build(path, "batch*.txt")
    if path.suffix == ".txt":
        return parse_source(path.read_text("utf-8"))
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def evaluate(path: Path, extractor: Extractor | None = None) -> dict[str, Tally]:
    """Score the extractors on a dev set file."""
    records = load(path)
    extractor = extractor or Extractor()
    items = [(r["text"], r["lang"], date.fromisoformat(r["published"]) if r["published"] else None)
             for r in records]
    tallies: dict[str, Tally] = defaultdict(Tally)
    for rec, ex in zip(records, extractor.extract_many(items), strict=True):
        score_record(rec, ex, tallies)
    return dict(tallies)


ROWS = ["money_precision", "money_recall", "money_f1", "qualifier_acc", "per_acc", "period_acc",
        "claim_precision", "claim_recall", "claim_f1", "claim_period_acc", "claim_modality_acc",
        "money_gold", "claims_gold"]


def report(name: str, tallies: dict[str, Tally], verbose: bool) -> dict[str, dict[str, float]]:
    """Print one corpus's table (per language and both together) and return its scores."""
    total = Tally()
    for t in tallies.values():
        for f in ("tp", "fp", "fn", "qual_ok", "per_ok", "period_ok", "c_tp", "c_fp", "c_fn",
                  "c_period_ok", "c_modality_ok", "c_modality_n"):
            setattr(total, f, getattr(total, f) + getattr(t, f))
    scores = {lang: t.scores() for lang, t in sorted(tallies.items())}
    scores["all"] = total.scores()
    print(f"== {name}")
    print(f"{'':20}" + "".join(f"{lang:>10}" for lang in scores))
    for r in ROWS:
        cells = "".join(f"{scores[lang][r]:>10.0f}" if r.endswith("gold") else f"{scores[lang][r]:>10.3f}"
                        for lang in scores)
        print(f"{r:20}{cells}")
    failed = [f"{lang} {k} {scores[lang][k]:.3f} < {v}" for lang in scores if lang != "all"
              for k, v in TARGETS.items() if scores[lang][k] < v]
    if verbose:
        for lang, t in sorted(tallies.items()):
            for e in t.errors:
                print(f"[{lang}] {e}")
    print("targets met" if not failed else "below target: " + "; ".join(failed))
    return scores


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    paths = [Path(a) for a in argv if a != "-v"] or [Path("fixtures/extract/dev.jsonl")]
    extractor = Extractor()
    results: dict[str, Any] = {}
    for path in paths:
        if not path.exists():
            print(f"no such dev set: {path}", file=sys.stderr)
            return 2
        if (path / "expected.json").exists():  # a dedup dev set: feed items against a vault
            vault = Path(json.loads((path / "expected.json").read_text("utf-8"))["vault"])
            results["dedup"] = dedup_eval.report(path, vault, verbose)
            continue
        results[str(path)] = report(str(path), evaluate(path, extractor), verbose)
    Path("eval-results.json").write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
