"""Translation check: does a Chinese summary restate its English original's figures?

Each summary figure is matched with the body figure it restates: the body claim with the
same subject and metric, or else the figure left over in the body sentence that restates
the rest of its bullet. A difference beyond the rounding the summary's own digits allow is
a mismatch: a scale slip (10x, 10,000x: 亿 read as 十亿, 万 as 亿), a dropped sign, or
another value.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from extractors.spans import Claim, Extraction, Money
from models import Article

APPROX = 0.05  # a figure written as approximate may be this far off
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_SENTENCE_END = re.compile(r"[。！？；]|[.!?;](?=\s)|\n")


@dataclass(frozen=True)
class Mismatch:
    """A summary figure that does not restate its original."""

    start: int  # offset of the summary figure in summary + "\n" + body
    summary: str
    original: str
    why: str  # scale (10x), sign, value

    def as_flag(self) -> dict[str, Any]:
        return {"kind": "translation_mismatch", "summary": self.summary, "original": self.original,
                "why": self.why, "start": self.start}

    @property
    def message(self) -> str:
        return f"summary says {self.summary}, original says {self.original} ({self.why})"


def tolerance(m: Money) -> float:
    """How far off a figure may be and still round to what it says: half its last written digit."""
    value = max(abs(m.low), abs(m.high))
    if m.qualifier != "exact":
        return APPROX * value
    digits = _DIGITS.search(m.text)
    if not digits or not value:
        return APPROX * value  # a figure in Chinese numerals (五十亿): its precision is not written
    written = digits.group().replace(",", "")
    number = float(written)
    if not number:
        return 0.0
    whole, _, frac = written.partition(".")
    if frac.rstrip("0"):
        unit = 10.0 ** -len(frac.rstrip("0"))
    else:
        stripped = whole.rstrip("0")
        unit = 10.0 ** (len(whole) - len(stripped))
    return 0.5 * unit * value / number


def _close(a: Money, b: Money, factor: float = 1.0) -> bool:
    tol = max(tolerance(a), tolerance(b) * abs(factor)) * 1.0001
    return abs(a.low - b.low * factor) <= tol and abs(a.high - b.high * factor) <= tol


def _why(summary: Money, original: Money) -> str:
    if _close(summary, original, -1.0):
        return "sign"
    for k in (1, 2, 3, 4, -1, -2, -3, -4):
        if _close(summary, original, 10.0 ** k):
            return f"scale ({10 ** abs(k):,}x {'too large' if k > 0 else 'too small'})"
    return "value"


def _distance(summary: Money, original: Money) -> float:
    """How unlike two figures are: sign and scale slips count as near (they are the likely match)."""
    if _close(summary, original):
        return -1.0
    if _why(summary, original) != "value":
        return 0.0
    a, b = abs(summary.low) or 1.0, abs(original.low) or 1.0
    return abs(math.log10(a / b)) + 1.0


def _periods_agree(a: Claim, b: Claim) -> bool:
    return a.period is None or b.period is None or a.period == b.period


def check(summary_end: int, text: str, extraction: Extraction) -> list[Mismatch]:
    """Mismatches between the summary (text[:summary_end]) and the body after it."""
    if summary_end <= 0:
        return []
    figures = [m for m in extraction.money if not m.conversion]
    head = [m for m in figures if m.end <= summary_end]
    body = [m for m in figures if m.start > summary_end]
    if not head or not body:
        return []
    by_start = {m.start: m for m in figures}
    claims = {c.start: c for c in extraction.claims}
    out = []
    restated = {m.start for m in head if any(b.currency == m.currency and _close(m, b) for b in body)}
    for m in head:
        if m.start in restated:
            continue  # the original states this figure, whatever the claims make of it
        original = _by_claim(m, claims, by_start, summary_end) or _by_position(m, head, body, restated, text,
                                                                               summary_end)
        if original is not None and not _close(m, original):
            out.append(Mismatch(m.start, _shown(m), _shown(original), _why(m, original)))
    return out


def _by_claim(m: Money, claims: dict[int, Claim], by_start: dict[int, Money], summary_end: int) -> Money | None:
    """The body figure of the claim with the summary figure's subject and metric."""
    own = claims.get(m.start)
    if own is None:
        return None
    same = [by_start[c.start] for c in claims.values()
            if c.start > summary_end and c.subject == own.subject and c.metric == own.metric
            and c.currency == own.currency and _periods_agree(own, c) and c.start in by_start]
    return min(same, key=lambda b: _distance(m, b)) if same else None


def _by_position(m: Money, head: list[Money], body: list[Money], restated: set[int], text: str,
                 summary_end: int) -> Money | None:
    """The one figure left over in the body sentence that restates the rest of the figure's bullet."""
    bullet = _unit(text, m.start, 0, summary_end)
    partners = [h for h in head if bullet[0] <= h.start < bullet[1] and h.start in restated]
    best: tuple[int, tuple[int, int]] | None = None
    for span in {_unit(text, b.start, summary_end, len(text)) for b in body}:
        shared = sum(1 for h in partners if any(span[0] <= b.start < span[1] and _close(h, b) for b in body))
        if shared and (best is None or shared > best[0]):
            best = (shared, span)
    if best is None:
        return None
    lo, hi = best[1]
    left = [b for b in body if lo <= b.start < hi and b.currency == m.currency
            and not any(_close(h, b) for h in partners)]
    return left[0] if len(left) == 1 else None


def _shown(m: Money) -> str:
    """The figure as written, with its sign when the sign sits in words before it ("negative $23.7B")."""
    if m.low < 0 and not re.match(r"\s*[-−–(]|负|minus|negative", m.text, re.I):
        return f"-{m.text}"
    return m.text


def _unit(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    """The sentence (or summary line) around a position, within [lo, hi)."""
    start = lo
    for found in _SENTENCE_END.finditer(text, lo, pos):
        start = found.end()
    end = _SENTENCE_END.search(text, pos, hi)
    return start, end.start() if end else hi


def check_article(article: Any, extraction: Extraction) -> list[str]:
    """Check a stored article's summary against its body; keep the flags on it; one line per mismatch.

    `extraction` is of the article's text (summary, a line break, then the body).
    """
    try:
        found = check(len(article.summary), article.text, extraction) if article.summary and article.body else []
    except Exception as exc:  # a bug on one odd text must not stop the run; it is reported with the article
        return [f"{article.title or article.id}: translation not checked: {type(exc).__name__}: {exc}"]
    article.translation_flags = [m.as_flag() for m in found]
    return [f"{article.title or article.id}: {m.message}" for m in found]


def claim_flags(s: Session, views: list[dict[str, Any]],
                stored: dict[int, list[dict[str, Any]] | None] | None = None) -> None:
    """Set each claim view's `flags`: the mismatches of the summary figures it was read from.

    `stored`: the sources' articles' flags by id, when the caller has read them.
    """
    if stored is None:
        art_ids = {src["article_id"] for v in views for src in v["sources"]}
        rows = s.exec(select(col(Article.id), Article.translation_flags)
                      .where(col(Article.id).in_(art_ids))).all() if art_ids else []
        stored = {int(aid): list(flags) if flags is not None else None for aid, flags in rows if aid is not None}
    for v in views:
        flags = list(v.get("flags") or [])  # conflicts, set when the claim was queued
        for src in v["sources"]:
            starts = {m["start"] for m in src.get("mentions") or [src]}
            for flag in stored.get(src["article_id"]) or []:
                if flag.get("start") in starts:
                    flags.append({k: flag[k] for k in ("kind", "summary", "original", "why")})
        v["flags"] = flags
