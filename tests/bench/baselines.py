"""What claimlog's money grammar is measured against: each baseline as text -> Money spans.

Every baseline's spans are read back with our number grammar only where the baseline gives
no value of its own (spaCy), so each gets every benefit of the doubt; all are scored with
`pipeline.evaluate.score_record`, as claimlog is.
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from extractors.entities import EN_PIPELINE
from extractors.money import find_money
from extractors.sentences import split_sentences
from extractors.spans import Extraction, Money
from pipeline.evaluate import Tally, score_record

MoneyOf = Callable[[str], list[Money]]


def _as_money(text: str, start: int, end: int) -> list[Money]:
    """Read a span with our number grammar, giving the baseline every benefit of the doubt."""
    span = text[start:end]
    found = find_money(span) or find_money("$" + span)
    return [Money(start, end, span, m.low, m.high, m.currency) for m in found[:1]]


class SpacyBaseline:
    """The English pipeline over every sentence; MONEY entities as the figures.

    `ner_only`: only tok2vec and ner run (the fair baseline: all a money finder needs);
    otherwise the full pipeline (tagger, parser, lemmatizer too).
    """

    def __init__(self, ner_only: bool) -> None:
        import spacy

        nlp = spacy.load(EN_PIPELINE)
        if ner_only:
            nlp.select_pipes(enable=[p for p in ("tok2vec", "ner") if p in nlp.pipe_names])
        self.nlp = nlp
        self.pipes = list(nlp.pipe_names)

    def money(self, text: str) -> list[Money]:
        bounds = split_sentences(text)
        out = []
        for (off, _end), doc in zip(bounds, self.nlp.pipe([text[s:e] for s, e in bounds], batch_size=64), strict=True):
            for ent in doc.ents:
                if ent.label_ != "MONEY":
                    continue
                start, stop = off + ent.start_char, off + ent.end_char
                if start > 0 and text[start - 1] in "$€£":  # the model often leaves the symbol out
                    start -= 1
                out.extend(_as_money(text, start, stop))
        return out


class QuantulumBaseline:
    """quantulum3 on English text: currency quantities as the figures."""

    CODES = {"dollar": "USD", "united states dollar": "USD", "euro": "EUR", "pound sterling": "GBP",
             "chinese yuan": "CNY", "renminbi": "CNY", "japanese yen": "JPY", "hong kong dollar": "HKD"}

    def __init__(self) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser
        self.parser = parser

    def money(self, text: str) -> list[Money]:
        out = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            quantities = self.parser.parse(text)
        for q in quantities:
            if q.unit.entity.name != "currency":
                continue
            start, end = q.span
            cur = self.CODES.get(q.unit.name.lower(), q.unit.name.upper()[:3])
            out.append(Money(start, end, q.surface, float(q.value), float(q.value), cur))
        return out


class RecognizersBaseline:
    """Microsoft Recognizers-Text's currency model (recognizers-text-suite), English or Chinese."""

    # Units it resolves without an ISO code: a bare "$" is a US dollar here, as for the others.
    UNITS = {"Dollar": "USD", "Euro": "EUR", "Pound": "GBP", "Yuan": "CNY", "Yen": "JPY"}

    def __init__(self, lang: str = "en") -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from recognizers_number_with_unit import NumberWithUnitRecognizer
            from recognizers_text import Culture
        culture = Culture.Chinese if lang == "zh" else Culture.English
        self.model = NumberWithUnitRecognizer(culture).get_currency_model()

    def money(self, text: str) -> list[Money]:
        out = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = self.model.parse(text)
        for r in found:
            res: dict[str, Any] = r.resolution or {}
            try:
                value = float(str(res.get("value", "")).replace(",", ""))
            except ValueError:
                continue
            cur = res.get("isoCurrency") or self.UNITS.get(str(res.get("unit")), str(res.get("unit"))[:3].upper())
            out.append(Money(r.start, r.end + 1, text[r.start:r.end + 1], value, value, cur))  # `end` is inclusive
        return out


def money_f1(records: list[dict[str, Any]], money_of: MoneyOf, lang: str) -> float:
    """Money F1 of a baseline on the records' lines in `lang`, scored like claimlog's."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    for rec in records:
        score_record({**rec, "claims": []}, Extraction(lang=lang, money=tuple(money_of(rec["text"]))), tallies)
    return tallies[lang].scores()["money_f1"]
