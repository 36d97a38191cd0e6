"""Extraction as the run's second process does it: this module imports the extractors only.

The second process is spawned, not forked: a fork starts with a copy of everything the run
holds (the database layer, notes, evidence index and the loaded pipelines), and the process
tree's memory counts it twice. Spawned, it holds the extractors and whichever pipelines its
texts need, loaded on first use. So that the run's own process never needs the Chinese ones
(jieba's dictionaries, LAC: about 200 MB), every text with Chinese in it goes to this one.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from extractors.claims import Extractor
from extractors.entities import AliasTable
from extractors.money import local_currency
from extractors.spans import Extraction
from pipeline.lock import end_with

Item = tuple[str, None, date | None]  # text, language (detected), published

# Han characters and full-width punctuation: what makes the extractors reach for jieba or LAC.
_CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


@dataclass(frozen=True)
class Failed:
    """An article whose extraction raised: the error, as the summary lists it."""

    error: str


Result = Extraction | Failed


def has_chinese(text: str) -> bool:
    """Whether the text holds anything the Chinese pipelines may be loaded for."""
    return _CHINESE.search(text) is not None


def extract(extractor: Extractor, items: Sequence[Item], codes: Sequence[str | None]) -> list[Result]:
    """Extract articles; each under its feed's `currency` setting (`codes`, one per item)."""
    groups: dict[str | None, list[int]] = {}
    for i, code in enumerate(codes):
        groups.setdefault(code, []).append(i)
    out: list[Result | None] = [None] * len(items)
    for code, positions in groups.items():
        with local_currency(code):
            part = _extract_group(extractor, [items[i] for i in positions])
        for i, ex in zip(positions, part, strict=True):
            out[i] = ex
    return [ex for ex in out if ex is not None]


def _extract_group(extractor: Extractor, items: list[Item]) -> list[Result]:
    """Extract together; if that fails, article by article, so one bad text stops nothing else."""
    try:
        return list(extractor.extract_many(items))
    except Exception:  # a bug or pathological text somewhere in the round: find it
        out: list[Result] = []
        for item in items:
            try:
                out.append(extractor.extract_many([item])[0])
            except Exception as exc:  # reported with the article, then the run goes on
                out.append(Failed(f"{type(exc).__name__}: {exc}"))
        return out


# --- in the second process ------------------------------------------------------------------

_EXTRACTOR: Extractor | None = None


def start_worker(aliases: dict[str, str], use_ner: bool, parent: int) -> None:
    """The second process's initializer: the run's extractor, rebuilt from its alias table."""
    global _EXTRACTOR
    end_with(parent)  # no orphan may outlive a killed run
    _EXTRACTOR = Extractor(AliasTable(canonical=aliases), use_ner)


def extract_here(items: list[Item], codes: list[str | None]) -> tuple[list[Result], float]:
    """Extract in the second process; with the seconds it took, which the next share follows."""
    assert _EXTRACTOR is not None, "start_worker() runs first"
    started = time.perf_counter()
    out = extract(_EXTRACTOR, items, codes)
    return out, time.perf_counter() - started
