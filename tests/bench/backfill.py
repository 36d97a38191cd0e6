"""A backfill run end to end: a fresh database, N generated articles in RSS feed files, a vault
of N/10 notes holding N evidence rows, and the real `claimlog run` in a subprocess.

Articles are built from the bench corpus's sentences (the dev set's, and filler) with every
figure, company name, year and quarter randomised, so no two articles repeat and no cache is
warmed by a repeated sentence. Each article has a summary of 2-5 sentences and a body of
10-40, as real feed items do; `words_per_article` in the results says what was measured.

Measured: wall time, the peak of the whole process tree's memory (the run and every process
it forks, sampled from /proc: the sum of RSS, which counts pages shared after a fork once per
process, and the sum of PSS, which shares them out), and the stage split the run logs.

    python -m tests.bench.backfill 1000          # one run, printed
    python -m tests.bench.backfill 1000 10000    # several sizes and the growth between them
"""

from __future__ import annotations

import html
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from extractors.numbers import cjk_share
from extractors.sentences import split_sentences
from tests.bench.corpus import FILLER_EN, FILLER_ZH, dev_records

ROOT = Path(__file__).resolve().parents[2]
ALIASES = ROOT / "extractors" / "data" / "aliases.toml"
SEED = 20261201
ITEMS_PER_FEED = 100
FIGURE_SHARE = 0.3  # sentences taken from the dev set (most hold a figure); the rest is filler
ZH_SHARE = 0.35  # Chinese articles among all
KNOWN_SHARE = 0.05  # English figure sentences restating an evidence row (dropped as known)
REPEAT_SHARE = 0.1  # articles restating an earlier one's figures days later, as wires are syndicated
START = date(2025, 9, 1)  # the archive a backfill loads: about six months
DAYS = 180

_CJK = re.compile(r"[\u4e00-\u9fff]")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_NUMBER = re.compile(r"(?<![\d.])\d+(?:[.,]\d+)*")
_QUARTER = re.compile(r"\bQ[1-4]\b")
_ORDINAL = re.compile(r"\b(first|second|third|fourth)(?=[- ]quarter)", re.IGNORECASE)
_ZH_QUARTER = re.compile(r"第[一二三四]季度")
_METRICS = [("capex", "capex"), ("revenue", "revenue"), ("raised", "funding"), ("debt", "debt"),
            ("valuation", "valuation"), ("free cash flow", "fcf"), ("net loss", "loss")]
_IMPLICATIONS = ["Arms race accelerating", "Financing pressure builds", "Demand outrunning supply",
                 "Margins under pressure", "Capital intensity rising", "Balance sheet leverage"]


# --- generating the inputs --------------------------------------------------------------------

@dataclass
class Names:
    """Company names to swap into sentences: English and Chinese spellings of known entities,
    and the generated companies the vault's notes introduce."""

    en: list[str] = field(default_factory=list)
    zh: list[str] = field(default_factory=list)
    found_en: re.Pattern[str] = re.compile("x^")
    found_zh: re.Pattern[str] = re.compile("x^")


def names(generated: list[str]) -> Names:
    table = tomllib.loads(ALIASES.read_text("utf-8"))
    en = [k for k, v in table.items() if isinstance(v, list) and not _CJK.search(k)]
    zh = [a for v in table.values() if isinstance(v, list) for a in v[:6] if _CJK.search(a) and len(a) <= 6]
    everyone_en = sorted({a for k, v in table.items() if isinstance(v, list) for a in [k, *v]
                          if not _CJK.search(a) and len(a) > 2}, key=len, reverse=True)
    everyone_zh = sorted(set(zh), key=len, reverse=True)
    out = Names(en + generated, zh + generated)
    out.found_en = re.compile(r"\b(?:" + "|".join(map(re.escape, everyone_en)) + r")\b")
    out.found_zh = re.compile("|".join(map(re.escape, everyone_zh)))
    return out


def _number(rng: random.Random, m: re.Match[str]) -> str:
    text = m.group(0)
    if _YEAR.fullmatch(text):
        return str(rng.randint(2019, 2027))
    out = []
    for i, ch in enumerate(text):
        out.append(str(rng.randint(1 if i == 0 else 0, 9)) if ch.isdigit() else ch)
    return "".join(out)


def randomise(sentence: str, zh: bool, pool: Names, rng: random.Random) -> str:
    """The sentence with new figures, years, quarters and company names."""
    swap: dict[str, str] = {}

    def name(m: re.Match[str]) -> str:
        return swap.setdefault(m.group(0), rng.choice(pool.zh if zh else pool.en))

    text = (pool.found_zh if zh else pool.found_en).sub(name, sentence)
    text = _NUMBER.sub(lambda m: _number(rng, m), text)
    text = _QUARTER.sub(lambda m: f"Q{rng.randint(1, 4)}", text)
    text = _ORDINAL.sub(lambda m: rng.choice(["first", "second", "third", "fourth"]), text)
    return _ZH_QUARTER.sub(lambda m: f"第{rng.choice('一二三四')}季度", text)


def _filler(zh: bool, pool: Names, rng: random.Random) -> str:
    base = rng.choice(FILLER_ZH if zh else FILLER_EN)
    # Filler varies too, without figures: the run must not meet a sentence twice.
    return base if rng.random() < 0.5 else randomise(base, zh, pool, rng).rstrip("。.") + (
        f"，{rng.choice(pool.zh)}方面未予回应。" if zh else f", according to {rng.choice(pool.en)}.")


@dataclass
class Article:
    guid: str
    title: str
    published: date
    summary: str
    body: str
    zh: bool


def _dev_sentences() -> tuple[list[str], list[str]]:
    """English and Chinese sentences of the written dev set (the templates the figures fill)."""
    en, zh = [], []
    for rec in dev_records():
        text = rec["text"]
        for s, e in split_sentences(text):
            sent = text[s:e]
            (zh if cjk_share(sent) > 0.2 else en).append(sent)
    return en, zh


def articles(n: int, pool: Names, seed: int = SEED, known: Sequence[str] = ()) -> list[Article]:
    """n articles; `known` are sentences restating evidence rows, some of which English articles repeat."""
    rng = random.Random(seed)
    en_pool, zh_pool = _dev_sentences()
    out: list[Article] = []
    figures: list[list[str]] = []  # each article's figure sentences
    for i in range(n):
        source = rng.randrange(i) if i and rng.random() < REPEAT_SHARE else None
        zh = out[source].zh if source is not None else rng.random() < ZH_SHARE
        sents = zh_pool if zh else en_pool
        glue = "" if zh else " "
        restated = list(figures[source]) if source is not None else []
        rng.shuffle(restated)
        mine: list[str] = []

        def sentence(restated: list[str] = restated, zh: bool = zh, sents: list[str] = sents,
                     mine: list[str] = mine) -> str:
            if rng.random() >= FIGURE_SHARE:
                return _filler(zh, pool, rng)
            if restated:
                made = restated.pop()
            elif known and not zh and rng.random() < KNOWN_SHARE:
                made = rng.choice(known)
            else:
                made = randomise(rng.choice(sents), zh, pool, rng)
            mine.append(made)
            return made

        summary = glue.join(sentence() for _ in range(rng.randint(2, 5)))
        paragraphs = []
        left = rng.randint(10, 40)
        while left > 0:
            k = min(left, rng.randint(2, 6))
            paragraphs.append(glue.join(sentence() for _ in range(k)))
            left -= k
        title = randomise(rng.choice(sents), zh, pool, rng)[:90]
        day = (out[source].published + timedelta(days=rng.randint(0, 3)) if source is not None
               else START + timedelta(days=rng.randrange(DAYS)))
        out.append(Article(f"bf-{seed}-{i}", title, day, summary, "\n".join(paragraphs), zh))
        figures.append(mine)
    return out


def words(a: Article) -> int:
    """Words of an article (Chinese: two characters a word, as the bench corpus counts)."""
    text = a.summary + " " + a.body
    return len(text) // 2 if a.zh else len(text.split())


def rss(name: str, items: list[Article]) -> str:
    def item(a: Article) -> str:
        when = datetime(a.published.year, a.published.month, a.published.day, 8, tzinfo=UTC)
        body = "".join(f"<p>{html.escape(p)}</p>" for p in a.body.split("\n"))
        return (f"<item><title>{html.escape(a.title)}</title><guid isPermaLink=\"false\">{a.guid}</guid>"
                f"<link>https://news.example.com/{a.guid}</link>"
                f"<pubDate>{when.strftime('%a, %d %b %Y %H:%M:%S GMT')}</pubDate>"
                f"<description>{html.escape(a.summary)}</description>"
                f"<content:encoded><![CDATA[{body}]]></content:encoded></item>\n")

    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>{html.escape(name)}</title><link>https://news.example.com/</link>\n"
            + "".join(item(a) for a in items) + "</channel></rss>\n")


def note(i: int, companies: list[str], rows: int, rng: random.Random, known: list[str]) -> str:
    """A thesis note in the seed note's shape: tags, prose with wikilinks, an evidence log."""
    links = ", ".join(f"[[{c}]]" for c in companies)
    lines = [f"#thesis #bench{i % 7}", "", f"# Thesis {i:04d}", "",
             f"**Status**: Active\n**Created**: 2026-01-{1 + i % 28:02d}", "", "---", "", "## The thesis", "",
             f"Capital needs of {links} keep growing; watch capex, funding and debt.", "",
             "## Evidence log", "", "| Date | Observation | Implication |", "|------|-------------|-------------|"]
    day = date(2026, 2, 28)
    for _ in range(rows):
        day -= timedelta(days=rng.randint(0, 6))  # newest first, as the seed note keeps it
        company = rng.choice(companies)
        word, _metric = rng.choice(_METRICS)
        value = f"${rng.randint(1, 999)}{rng.choice(['.0', '.5', '.2', ''])}{rng.choice(['B', 'M'])}"
        period = rng.choice([f"{rng.randint(2023, 2026)}", f"Q{rng.randint(1, 4)} {rng.randint(2024, 2026)}",
                             f"FY{rng.randint(2024, 2027)}"])
        lines.append(f"| {day.isoformat()} | [[{company}]] {word} **{value}** ({period}) | {rng.choice(_IMPLICATIONS)} |")
        amount = value.replace("B", " billion").replace("M", " million")
        known.append(f"{company} {'raised' if word == 'raised' else f'reported {word} of'} {amount} in {period}.")
    return "\n".join(lines) + "\n"


def generate(root: Path, n: int, seed: int = SEED) -> dict[str, Any]:
    """Feeds, vault and claimlog.toml for an n-article backfill under root."""
    rng = random.Random(seed + 1)
    notes_n = max(1, n // 10)
    generated = [f"{rng.choice(['Helix', 'Northwind', 'Granite', 'Lumen', 'Vector', 'Orchid', 'Summit'])} "
                 f"{rng.choice(['Robotics', 'Compute', 'Energy', 'Semiconductor', 'Cloud', 'Capital'])} {i}"
                 for i in range(notes_n // 4)]
    pool = names(generated)
    vault = root / "vault"
    vault.mkdir(parents=True)
    known: list[str] = []
    for i in range(notes_n):
        own = [generated[i % len(generated)]] if generated else []
        companies = own + rng.sample(pool.en[:60], 3)
        (vault / f"Thesis {i:04d}.md").write_text(note(i, companies, n // notes_n, rng, known), "utf-8")
    arts = articles(n, pool, seed, known)
    feeds = root / "feeds"
    feeds.mkdir()
    config = ['vault = "vault"', 'database = "backfill.db"', "", "[log]", 'file = "claimlog.log"',
              "max_bytes = 100000000", "", "[fetch]", "run_deadline = 0.0", "max_body_bytes = 100000000", ""]
    for f, start in enumerate(range(0, n, ITEMS_PER_FEED)):
        name = f"Backfill {f:03d}"
        (feeds / f"feed{f:03d}.xml").write_text(rss(name, arts[start:start + ITEMS_PER_FEED]), "utf-8")
        config += ["[[feeds]]", f'name = "{name}"', f'url = "feeds/feed{f:03d}.xml"', ""]
    (root / "claimlog.toml").write_text("\n".join(config), "utf-8")
    return {"articles": n, "notes": notes_n, "evidence_rows": notes_n * (n // notes_n), "feeds": -(-n // ITEMS_PER_FEED),
            "words_per_article": round(sum(words(a) for a in arts) / len(arts)),
            "sentences_per_article": round(sum(len(re.split(r"(?<=[.。!?！？])\s*", a.summary + " " + a.body))
                                               for a in arts) / len(arts), 1),
            "zh_articles": sum(a.zh for a in arts)}


# --- measuring a run ------------------------------------------------------------------------

def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except OSError:
            continue
    return out


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in kB; zeros when it is gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            text = fh.read()
    except OSError:
        return 0, 0
    rss = re.search(r"^Rss:\s+(\d+)", text, re.M)
    pss = re.search(r"^Pss:\s+(\d+)", text, re.M)
    return (int(rss.group(1)) if rss else 0), (int(pss.group(1)) if pss else 0)


class TreeSampler(threading.Thread):
    """The peak, over time, of the summed memory of a process and all its descendants."""

    def __init__(self, pid: int, every: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.peak_rss = self.peak_pss = 0
        self.max_processes = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            pids = _tree(self.pid)
            mem = [_memory(p) for p in pids]
            self.peak_rss = max(self.peak_rss, sum(r for r, _ in mem))
            self.peak_pss = max(self.peak_pss, sum(p for _, p in mem))
            self.max_processes = max(self.max_processes, sum(1 for r, _ in mem if r))
            self.done.wait(self.every)


_STAGES = re.compile(r"stages: (.*)$")


def stage_seconds(log: Path) -> dict[str, float]:
    """The stage split the run logs in its `stages:` line."""
    found: dict[str, float] = {}
    for line in log.read_text("utf-8").splitlines():
        m = _STAGES.search(line)
        if m:
            found = {k: float(v) for k, v in (part.split("=") for part in m.group(1).split())}
    return found


def measure(n: int, keep: Path | None = None, extra: tuple[str, ...] = ()) -> dict[str, Any]:
    """Generate an n-article backfill and time one `claimlog run` on it (stdout to a file, as cron)."""
    root = Path(tempfile.mkdtemp(prefix=f"claimlog-backfill-{n}-"))
    try:
        made = generate(root, n)
        out_path = root / "stdout.txt"
        with out_path.open("w") as out:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "run", "--config",
                                     str(root / "claimlog.toml"), *extra],
                                    cwd=ROOT, stdout=out, stderr=subprocess.PIPE, text=True)
            sampler = TreeSampler(proc.pid)
            sampler.start()
            _, errors = proc.communicate()
            wall = time.perf_counter() - t0
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            sampler.done.set()
            sampler.join()
        if proc.returncode != 0:
            raise RuntimeError(f"claimlog run exited {proc.returncode}: {errors[-2000:]}")
        stages = stage_seconds(root / "claimlog.log")
        queued = int(stages.pop("queued", 0))
        claims = int(stages.pop("claims", 0))
        # CPU seconds of the run and the processes it forked (all waited for): steadier than wall
        # time on a shared machine.
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        result = {**made, "wall_s": round(wall, 1), "cpu_s": round(cpu, 1), "peak_rss_mb": round(sampler.peak_rss / 1024, 1),
                  "peak_pss_mb": round(sampler.peak_pss / 1024, 1), "processes": sampler.max_processes,
                  "claims_found": claims, "queued": queued, "stdout_kb": round(out_path.stat().st_size / 1024, 1),
                  "stages": stages}
        if claims and "queue" in stages:
            result["queue_ms_per_claim"] = round(stages["queue"] * 1000 / claims, 3)
        if keep is not None:
            shutil.copytree(root, keep, dirs_exist_ok=True)
        return result
    finally:
        shutil.rmtree(root, ignore_errors=True)


def bench_backfill(results: dict[str, Any], rows: list[tuple[str, str, str]],
                   sizes: tuple[int, ...] = (1000, 10_000)) -> None:
    """`make bench`: backfill runs of 1,000 and 10,000 articles, and the growth between them."""
    runs = {}
    for n in sizes:
        r = runs[n] = measure(n)
        results[f"run_{n}_articles_s"] = r["wall_s"]
        results[f"run_{n}_peak_rss_mb"] = r["peak_rss_mb"]
        results[f"run_{n}_peak_pss_mb"] = r["peak_pss_mb"]
        results[f"run_{n}_queued"] = r["queued"]
        for stage, s in r["stages"].items():
            results[f"run_{n}_{stage}_s"] = s
        rows.append(("backfill", f"{n:,} articles (~{r['words_per_article']} words), {r['notes']:,} notes, "
                                 f"{r['evidence_rows']:,} rows",
                     f"{r['wall_s']} s, peak RSS {r['peak_rss_mb']} MB (tree; PSS {r['peak_pss_mb']} MB), "
                     f"{r['queued']:,} queued; " + ", ".join(f"{k} {v}" for k, v in r["stages"].items())))
    big = max(sizes)
    if "queue_ms_per_claim" in runs[big]:
        results["queue_ms_per_claim"] = runs[big]["queue_ms_per_claim"]
        rows.append(("backfill", f"queue stage at {big:,} articles", f"{results['queue_ms_per_claim']} ms per claim "
                                                                    "(target < 0.2)"))
    if len(sizes) > 1:
        small = min(sizes)
        growth = round(runs[big]["wall_s"] / runs[small]["wall_s"], 2)
        results[f"run_growth_{small // 1000}k_to_{big // 1000}k"] = growth
        rows.append(("backfill", f"growth {small:,} -> {big:,} articles", f"{growth}x the time "
                                                                        f"(target within {big // small * 1.1:.0f}x)"))


def main(argv: list[str]) -> int:
    sizes = tuple(int(a) for a in argv if a.isdigit()) or (1000,)
    extra = tuple(a for a in argv if a.startswith("--"))
    for n in sizes:
        print(json.dumps({"articles": n, **measure(n, extra=extra)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
