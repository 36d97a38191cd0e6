"""`make bench`: speed and memory, measured side by side in one run.

Prints one table and writes the same figures to bench-results.json (a flat object) at the
repository root. Ratios are taken between rates measured in this run, on the same texts.
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from extractors.claims import Extractor
from extractors.entities import EN_PIPELINE
from extractors.money import find_money
from extractors.sentences import split_sentences
from extractors.spans import Extraction, Money
from pipeline.evaluate import Tally, evaluate
from tests.bench.backfill import bench_backfill
from tests.bench.corpus import build

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "fixtures" / "extract" / "dev.jsonl"
console = Console()


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


# --- extraction: claimlog against a spaCy baseline and quantulum3 ---------------------------

class SpacyBaseline:
    """The full English pipeline over every sentence; MONEY entities as the figures."""

    def __init__(self) -> None:
        import spacy

        self.nlp = spacy.load(EN_PIPELINE)

    def money(self, text: str) -> list[Money]:
        sents = [text[s:e] for s, e in split_sentences(text)]
        offsets = [s for s, _ in split_sentences(text)]
        out = []
        for off, doc in zip(offsets, self.nlp.pipe(sents, batch_size=64), strict=True):
            for ent in doc.ents:
                if ent.label_ != "MONEY":
                    continue
                start, end = off + ent.start_char, off + ent.end_char
                if start > 0 and text[start - 1] in "$€£":  # the model often leaves the symbol out
                    start -= 1
                out.extend(_as_money(text, start, end))
        return out


def _as_money(text: str, start: int, end: int) -> list[Money]:
    """Read the baseline's span with our number grammar, giving it every benefit of the doubt."""
    span = text[start:end]
    found = find_money(span) or find_money("$" + span)
    return [Money(start, end, span, m.low, m.high, m.currency) for m in found[:1]]


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


def baseline_f1(money_of: Callable[[str], list[Money]], lang: str = "en") -> float:
    """Money F1 of a baseline on the dev set's English texts, scored like claimlog."""
    from pipeline.evaluate import score_record

    tallies: dict[str, Tally] = {"en": Tally(), "zh": Tally()}
    for line in DEV.read_text("utf-8").splitlines():
        rec = json.loads(line)
        if rec["lang"] != lang:
            continue
        score_record({**rec, "claims": []}, Extraction(lang=lang, money=tuple(money_of(rec["text"]))), tallies)
    return tallies[lang].scores()["money_f1"]


def bench_extraction(results: dict[str, Any], rows: list[tuple[str, str, str]]) -> None:
    corpus_time, corpus = timed(lambda: build(20_000))
    english = [t for lang, t in corpus if lang == "en"][:120]
    mixed = corpus[:2000]
    extractor = Extractor()
    extractor.warm()
    extractor.extract_many([(t, None, None) for _, t in corpus[-20:]])  # warm caches

    t_one, _ = timed(lambda: extractor.extract_many([(t, None, None) for _, t in mixed]))
    mb = sum(len(t.encode()) for _, t in mixed) / 1e6
    t_two, _ = timed(lambda: extractor.extract_parallel([(t, None, None) for _, t in mixed], processes=2))
    t_en, _ = timed(lambda: extractor.extract_many([(t, "en", None) for t in english]))
    spacy = SpacyBaseline()
    spacy.money(english[0])
    t_spacy, _ = timed(lambda: [spacy.money(t) for t in english])
    quant = QuantulumBaseline()
    quant.money(english[0])
    t_quant, _ = timed(lambda: [quant.money(t) for t in english])

    scores = {lang: t.scores() for lang, t in evaluate(DEV, extractor).items()}
    claimlog_en_f1 = scores["en"]["money_f1"]
    words = sum(len(t.split()) for t in english) / len(english)
    results.update({
        "corpus_texts": len(corpus), "corpus_build_s": round(corpus_time, 2),
        "texts_per_s_one_core": round(len(mixed) / t_one, 1),
        "mb_per_s_one_core": round(mb / t_one, 3),
        "texts_per_s_two_cores": round(len(mixed) / t_two, 1),
        "english_texts_per_s": round(len(english) / t_en, 1),
        "spacy_baseline_texts_per_s": round(len(english) / t_spacy, 2),
        "quantulum3_texts_per_s": round(len(english) / t_quant, 2),
        "extract_speedup_vs_spacy": round(t_spacy / t_en, 1),
        "extract_speedup_vs_quantulum3": round(t_quant / t_en, 1),
        "money_f1": round(min(scores["en"]["money_f1"], scores["zh"]["money_f1"]), 4),
        "money_f1_en": round(claimlog_en_f1, 4),
        "money_f1_zh": round(scores["zh"]["money_f1"], 4),
        "spacy_baseline_money_f1": round(baseline_f1(spacy.money), 4),
        "quantulum3_money_f1": round(baseline_f1(quant.money), 4),
        "bench_words_per_english_text": round(words),
    })
    rows += [
        ("extraction", "claimlog, one core (mixed en/zh)", f"{results['texts_per_s_one_core']} texts/s, {results['mb_per_s_one_core']} MB/s (target >= 100 texts/s)"),
        ("extraction", "claimlog, two cores", f"{results['texts_per_s_two_cores']} texts/s"),
        ("extraction", f"same {len(english)} English texts (~{round(words)} words)",
         f"claimlog {results['english_texts_per_s']}/s, spaCy {results['spacy_baseline_texts_per_s']}/s, quantulum3 {results['quantulum3_texts_per_s']}/s"),
        ("extraction", "speedup vs spaCy baseline", f"{results['extract_speedup_vs_spacy']}x (target >= 10x)"),
        ("extraction", "speedup vs quantulum3", f"{results['extract_speedup_vs_quantulum3']}x"),
        ("quality", "money F1 on the dev set (English)",
         f"claimlog {results['money_f1_en']}, spaCy {results['spacy_baseline_money_f1']}, quantulum3 {results['quantulum3_money_f1']}"),
        ("quality", "money F1 on the dev set (Chinese)", f"claimlog {results['money_f1_zh']} (no baseline reads Chinese)"),
    ]


# --- feeds: 500 feeds on local servers with 20 ms latency ------------------------------------

def bench_feeds(results: dict[str, Any], rows: list[tuple[str, str, str]]) -> None:
    from pipeline.config import load_settings
    from pipeline.run import run

    # The servers run in their own process, as a real network's would, not in ours.
    server = subprocess.Popen([sys.executable, "-m", "tests.feedserver", "--feeds", "500", "--hosts", "10",
                               "--latency", "0.02"], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    tmp = Path(tempfile.mkdtemp(prefix="claimlog-bench-"))
    try:
        assert server.stdout is not None
        urls = json.loads(server.stdout.readline())
        shutil.copytree(ROOT / "fixtures" / "demo" / "vault", tmp / "vault")
        lines = ['vault = "vault"', 'database = "bench.db"']
        for i, url in enumerate(urls):
            lines += ["[[feeds]]", f'name = "feed {i}"', f'url = "{url}"']
        (tmp / "claimlog.toml").write_text("\n".join(lines) + "\n", "utf-8")
        settings = load_settings(tmp / "claimlog.toml")
        first = run(settings)
        t_noop, second = timed(lambda: run(settings))
        assert not first.failed, first.failed
        assert second.not_modified == 500, second.not_modified
        results["feeds_per_s"] = round(500 / first.timings["fetch"], 1)
        results["noop_rerun_s"] = round(t_noop, 2)
        rows += [("feeds", "500 feeds, 20 ms latency, 10 hosts x 4 connections",
                  f"{results['feeds_per_s']} feeds/s (target >= 100)"),
                 ("feeds", "no-change re-run of the 500 feeds (all 304)", f"{results['noop_rerun_s']} s (target < 3 s)")]
    finally:
        if server.stdin:
            server.stdin.close()
        server.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)


# --- dedup: 10,000 new claims against 10,000 and 100,000 evidence rows -----------------------

def bench_dedup(results: dict[str, Any], rows: list[tuple[str, str, str]]) -> None:
    import random
    from datetime import date

    from pipeline.conflicts import Known
    from pipeline.dedup import EvidenceIndex, fingerprint, loose_fingerprint
    from pipeline.fiscal import fiscal_period

    rng = random.Random(7)
    # Companies with known fiscal calendars among them: their periods are made fiscal too.
    subjects = [f"Company {i}" for i in range(1990)] + ["Microsoft", "Oracle", "NVIDIA", "Apple", "Alibaba",
                                                          "Meta", "Google", "Amazon", "Tesla", "TSMC"]
    metrics = ["capex", "revenue", "debt", "funding", "loss", "valuation"]

    def row(i: int) -> tuple[str, str, str, float, str]:
        subj, metric = subjects[i % len(subjects)], metrics[i % len(metrics)]
        value = round(10 ** rng.uniform(6, 12), -5)  # $1M to $1T, log-uniform
        period = str(2015 + i % 12)
        return subj, metric, period, value, f"{subj} {metric} ${value / 1e9:.1f}B in {period}, per filings {i}"

    def index_of(n: int) -> tuple[EvidenceIndex, list[tuple]]:
        idx = EvidenceIndex()
        data = [row(i) for i in range(n)]
        for subj, metric, period, value, text in data:
            idx.add_claim(fingerprint(subj, metric, period, "USD", value, value),
                          loose_fingerprint(subj, metric, "USD", value, value), True)
            idx.add_text(text, [("USD", value)])
            idx.facts.add(Known(subj, metric, fiscal_period(subj, period), "USD", value, value, None,
                                date(2026, 1, 1), "bench.md"))
        return idx, data

    def dedup(idx: EvidenceIndex, claims: list[tuple]) -> int:
        dropped = 0
        for subj, metric, period, value, text in claims:
            period = fiscal_period(subj, period, date(2026, 2, 1), text)
            fp = fingerprint(subj, metric, period, "USD", value, value)
            loose = loose_fingerprint(subj, metric, "USD", value, value)
            if (idx.known(fp, loose, True) or idx.facts.known(subj, metric, period, "USD", value, value)
                    or (idx.near(text, "USD", value) or (0.0, ""))[0] >= 92):
                dropped += 1
            else:  # queued: what it conflicts with, and its change against the last known value
                idx.facts.conflicts(subj, metric, period, "USD", value, value)
                idx.facts.last(subj, metric, period, "USD", None)
        return dropped

    times = {}
    for n in (10_000, 100_000):
        idx, data = index_of(n)
        new = [row(n + i) for i in range(5_000)] + rng.sample(data, 5_000)
        times[n], dropped = timed(lambda idx=idx, new=new: dedup(idx, new))
        assert dropped >= 5_000
    results["dedup_s_10k"] = round(times[10_000], 3)
    results["dedup_s_100k"] = round(times[100_000], 3)
    results["dedup_growth_10k_to_100k"] = round(times[100_000] / times[10_000], 2)
    rows += [("dedup", "10,000 new claims vs 10,000 rows", f"{results['dedup_s_10k']} s"),
             ("dedup", "10,000 new claims vs 100,000 rows", f"{results['dedup_s_100k']} s (target < 1 s)"),
             ("dedup", "growth, 10x the rows", f"{results['dedup_growth_10k_to_100k']}x the time (linear would be 10x)")]


# --- review page: 1,000 pending claims --------------------------------------------------------

def bench_queue_page(results: dict[str, Any], rows: list[tuple[str, str, str]]) -> None:
    from models import Article, ClaimRecord, ClaimSource, Database, database_url
    from pipeline.config import load_settings
    from pipeline.review.app import ReviewApp

    tmp = Path(tempfile.mkdtemp(prefix="claimlog-bench-"))
    try:
        shutil.copytree(ROOT / "fixtures" / "demo", tmp / "demo", ignore=shutil.ignore_patterns("state"))
        shutil.copytree(ROOT / "fixtures" / "demo" / "vault", tmp / "demo" / "state" / "vault")
        settings = load_settings(tmp / "demo" / "claimlog.toml")
        db = Database(database_url(settings.database))
        with db.session() as s:
            art = Article(key="bench", content_hash="bench", title="Bench article", body="x", published=date(2026, 2, 1))
            s.add(art)
            s.flush()
            for i in range(1000):
                rec = ClaimRecord(fingerprint=f"fp{i}", loose_fingerprint=f"l{i}", subject=f"Company {i % 50}",
                                  metric="revenue", low=i * 1e9, high=i * 1e9, currency="USD", published=date(2026, 1, 1 + i % 28),
                                  sentence=f"Company {i % 50} reported revenue of ${i} billion.", theses=["AI Capex Arms Race.md"])
                s.add(rec)
                s.flush()
                s.add(ClaimSource(claim_id=rec.id or 0, article_id=art.id or 0, sentence=rec.sentence, start=i,
                                  figure_text=f"${i} billion", subject_text=f"Company {i % 50}"))
        app = ReviewApp(settings, db)
        app.render_queue()
        best = min(timed(app.render_queue)[0] for _ in range(3))
        results["queue_page_1000_s"] = round(best, 3)
        rows.append(("review", "queue page with 1,000 pending claims", f"{results['queue_page_1000_s']} s server time (target < 1 s)"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# --- review page: first load with 10,000 pending claims, in Chromium --------------------------

def bench_review_first_load(results: dict[str, Any], rows: list[tuple[str, str, str]]) -> None:
    from models import Database, database_url
    from pipeline.config import load_settings
    from pipeline.review.app import ReviewApp
    from tests.conftest import CHROMIUM
    from tests.pipeline.test_review import LiveServer
    from tests.review_load import first_load, seed_pending

    if not CHROMIUM.exists():
        rows.append(("review", "first load, 10,000 pending claims", f"not measured: {CHROMIUM} is missing"))
        return
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="claimlog-bench-"))
    try:
        shutil.copytree(ROOT / "fixtures" / "demo", tmp / "demo", ignore=shutil.ignore_patterns("state"))
        settings = load_settings(tmp / "demo" / "claimlog.toml")
        db = Database(database_url(settings.database))
        seed_pending(db, 10_000)
        with LiveServer(ReviewApp(settings, db)) as live, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1200, "height": 1000})
            first_load(page, live.url)
            loads = [first_load(page, live.url) for _ in range(3)]
            browser.close()
        results["review_first_load_s"] = round(sorted(x["seconds"] for x in loads)[1], 3)  # the median
        results["review_first_load_kb"] = round(max(x["bytes"] for x in loads) / 1024, 1)
        rows.append(("review", "first load in Chromium, 10,000 pending claims",
                     f"{results['review_first_load_s']} s, {results['review_first_load_kb']} KB (targets < 1 s, < 300 KB)"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# --- peak memory of a claimlog run on the bench corpus ----------------------------------------

def bench_memory(results: dict[str, Any], rows: list[tuple[str, str, str]]) -> None:
    import html

    corpus = build(1500, seed=99)
    tmp = Path(tempfile.mkdtemp(prefix="claimlog-bench-"))
    try:
        shutil.copytree(ROOT / "fixtures" / "demo" / "vault", tmp / "vault")
        items = "".join(f"<item><title>Bench {i}</title><guid>bench-{i}</guid><pubDate>Mon, 02 Mar 2026 08:00:00 GMT</pubDate>"
                        f"<description>{html.escape(text)}</description></item>" for i, (_, text) in enumerate(corpus))
        (tmp / "bench.xml").write_text(f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>b</title>{items}</channel></rss>', "utf-8")
        (tmp / "claimlog.toml").write_text('vault = "vault"\ndatabase = "bench.db"\n[[feeds]]\nname = "bench"\nurl = "bench.xml"\n'
                                           "[fetch]\nmax_body_bytes = 100000000\n", "utf-8")
        t, proc = timed(lambda: subprocess.run([sys.executable, "-m", "pipeline.cli", "run", "--config", str(tmp / "claimlog.toml")],
                                               cwd=ROOT, capture_output=True, text=True))
        assert proc.returncode == 0, proc.stderr[-2000:]
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        results["peak_rss_mb"] = round(peak_kb / 1024, 1)
        results["run_1500_articles_s"] = round(t, 1)
        rows.append(("memory", f"claimlog run, {len(corpus)} bench articles in one feed",
                     f"peak RSS {results['peak_rss_mb']} MB (target < 600), {results['run_1500_articles_s']} s"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> int:
    results: dict[str, Any] = {}
    rows: list[tuple[str, str, str]] = []
    steps = [("extraction", bench_extraction), ("feeds", bench_feeds), ("dedup", bench_dedup),
             ("review page", bench_queue_page),
             ("review first load", bench_review_first_load), ("memory", bench_memory),
             ("backfill", bench_backfill)]
    for name, step in steps:
        console.print(f"[dim]bench: {name}...[/dim]")
        step(results, rows)
    table = Table(title="claimlog bench")
    for col in ("area", "measure", "result"):
        table.add_column(col)
    for r in rows:
        table.add_row(*r)
    console.print(table)
    (ROOT / "bench-results.json").write_text(json.dumps(results, indent=1) + "\n", "utf-8")
    console.print(f"written to {ROOT / 'bench-results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
