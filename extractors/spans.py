"""Typed spans returned by the extractors. Offsets index the original text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

QUALIFIERS = ("exact", "approx", "more_than", "less_than", "at_least", "at_most")
PERS = ("day", "week", "month", "quarter", "year")


@dataclass(frozen=True)
class Money:
    """An amount of money: a value or a range, with currency, qualifier and time rate."""

    start: int
    end: int
    text: str
    low: float
    high: float
    currency: str
    qualifier: str = "exact"
    per: str | None = None
    unit: str | None = None  # per-unit price ("share", "桶"): not a time rate
    conversion: bool = False  # a bracketed restatement of the amount before it
    period: str | None = None  # the reporting period that governs it, when the text gives one

    kind = "money"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "money", "text": self.text, "start": self.start, "end": self.end,
            "low": self.low, "high": self.high, "currency": self.currency,
            "qualifier": self.qualifier, "per": self.per,
        }


@dataclass(frozen=True)
class Quantity:
    """A quantity that is not money (percent, count): kept so it is never read as money."""

    start: int
    end: int
    text: str
    kind: str
    value: float

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end,
                "low": self.value, "high": self.value}


@dataclass(frozen=True)
class Period:
    """A reporting period, normalized: 2026, FY2026, Q3 2025, Q3 FY2026, H1 2026, 9M 2025."""

    start: int
    end: int
    text: str
    value: str


@dataclass(frozen=True)
class Entity:
    """A named entity with its canonical name (as the vault writes it)."""

    start: int
    end: int
    text: str
    label: str
    canonical: str
    known: bool = True  # found through the alias table, not only by statistical NER
    weak: bool = False  # found only by the shape of a word ("…科技"): a name only where no other is

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end,
                "label": self.label, "canonical": self.canonical}


@dataclass(frozen=True)
class Claim:
    """Subject + metric + figure + period, with the sentence it came from."""

    subject: str
    metric: str
    low: float
    high: float
    currency: str
    qualifier: str
    per: str | None
    period: str | None
    sentence: str
    lang: str
    start: int  # offsets of the money span in the text
    end: int
    confidence: float = 0.5
    subject_text: str = ""  # the subject as written in the sentence (甲骨文, Alphabet)
    modality: str = "reported"  # reported, guidance, estimate, forecast

    def to_json(self) -> dict[str, Any]:
        return {
            "subject": self.subject, "metric": self.metric, "low": self.low, "high": self.high,
            "currency": self.currency, "qualifier": self.qualifier, "per": self.per,
            "period": self.period, "modality": self.modality, "sentence": self.sentence,
        }


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one text."""

    lang: str
    money: tuple[Money, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    periods: tuple[Period, ...] = ()
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = field(default=())

    def to_json(self, id_: Any = None) -> dict[str, Any]:
        return {
            "id": id_, "lang": self.lang,
            "quantities": [m.to_json() for m in self.money] + [q.to_json() for q in self.quantities],
            "entities": [e.to_json() for e in self.entities],
            "claims": [c.to_json() for c in self.claims],
        }
