"""Fingerprints, the evidence index and the near-duplicate index.

Every lookup is a hash probe: fingerprints in sets, near-duplicate candidates bucketed by
their rounded figure, so dedup grows linearly with the number of claims and rows.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from extractors.rounding import round_sig
from extractors.spans import Claim
from pipeline.conflicts import FactIndex
from pipeline.families import fact_key

KNOWN_SIMILARITY = 92  # near-identical wording with the same figure: already in the notes
FLAG_SIMILARITY = 80  # close enough to show the reviewer the match
_MARKUP = re.compile(r"\*\*|__|\[\[|\]\]|`|\\")


def fingerprint(subject: str, metric: str, period: str | None, currency: str, low: float,
                high: float) -> str:
    """Same fingerprint = same fact, whatever the language or wording."""
    return "|".join([subject.casefold(), metric, period or "-", currency,
                     f"{round_sig(low):.6g}", f"{round_sig(high):.6g}"])


def loose_fingerprint(subject: str, metric: str, currency: str, low: float, high: float) -> str:
    """The fingerprint without its period, for facts stated once with and once without one."""
    return fingerprint(subject, metric, None, currency, low, high)


def claim_fingerprint(c: Claim) -> str:
    return fingerprint(c.subject, c.metric, c.period, c.currency, c.low, c.high)


def claim_loose(c: Claim) -> str:
    return loose_fingerprint(c.subject, c.metric, c.currency, c.low, c.high)


def claim_key(c: Claim) -> str:
    """The fact key: subject, metric family, currency, value; what one queue item shares."""
    return fact_key(c.subject, c.metric, c.currency, c.low, c.high)


def normalize_text(text: str) -> str:
    """Lower case, markup and extra spaces gone: what near-duplicate matching compares."""
    return re.sub(r"\s+", " ", _MARKUP.sub("", text)).strip().casefold()


@dataclass
class EvidenceIndex:
    """What the notes already hold."""

    exact: set[str] = field(default_factory=set)
    loose_no_period: set[str] = field(default_factory=set)  # rows that state no period
    loose_any: set[str] = field(default_factory=set)
    by_figure: dict[tuple[str, float], list[str]] = field(default_factory=lambda: defaultdict(list))
    facts: FactIndex = field(default_factory=FactIndex)  # family, fiscal period, conflicts, changes

    def add_claim(self, fp: str, loose: str, has_period: bool) -> None:
        self.exact.add(fp)
        self.loose_any.add(loose)
        if not has_period:
            self.loose_no_period.add(loose)

    def add_text(self, text: str, figures: Iterable[tuple[str, float]]) -> None:
        norm = normalize_text(text)
        for cur, value in figures:
            self.by_figure[(cur, round_sig(value))].append(norm)

    def known(self, fp: str, loose: str, has_period: bool) -> bool:
        """Same fingerprint as a row; or the same figure where one side names no period."""
        if fp in self.exact or loose in self.loose_no_period:
            return True
        return not has_period and loose in self.loose_any

    def near(self, sentence: str, currency: str, value: float) -> tuple[float, str] | None:
        """The closest row text that states the same figure, with its similarity (0-100)."""
        rows = self.by_figure.get((currency, round_sig(value)))
        if not rows:
            return None
        hit = process.extractOne(normalize_text(sentence), rows, scorer=fuzz.token_sort_ratio,
                                 score_cutoff=FLAG_SIMILARITY)
        return (float(hit[1]), str(hit[0])) if hit else None


def route(subject: str, notes: Iterable[tuple[str, set[str], bool]]) -> list[str]:
    """Notes whose wikilinks, aliases, tags or title name the subject.

    Notes with an evidence log come first: a reading list that links a company is no
    thesis about it. Only when no such note names the subject do the others get it.
    """
    key = subject.casefold()
    hits = [(rel, has_log) for rel, names, has_log in notes if key in names]
    with_log = [rel for rel, has_log in hits if has_log]
    return with_log or [rel for rel, _ in hits]
