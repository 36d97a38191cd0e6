"""A run killed (SIGKILL, or SIGTERM as `timeout` sends) at any point leaves no process behind,
and the next run takes the lock at once and finishes the work.

Every run reads 50 feeds with 200 new articles, so it forks a parser worker while fetching
and an extraction worker after: the processes that once outlived a killed run holding its lock.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from pipeline.run import PARALLEL_PARSE_FEEDS
from tests.conftest import ROOT
from tests.feedserver import FeedServer, rss
from tests.pipeline.test_run import config

FEEDS = PARALLEL_PARSE_FEEDS  # enough to parse in a worker
ITEMS = 4  # 50 x 4 = 200 new articles a run: enough to extract on two processes
KILLS = 20
COMPANIES = ["Meta", "Oracle", "Amazon", "NVIDIA", "Microsoft"]


def items(gen: int, feed: int) -> list[tuple[str, str, str]]:
    """This generation's items of a feed; one in four with a figure, so extraction stays quick."""
    out = []
    for i in range(ITEMS):
        c = COMPANIES[(feed + i) % len(COMPANIES)]
        text = (f"<p>{c} reported revenue of ${10 + feed}.{i} billion in the third quarter of {2000 + gen}.</p>"
                if i == 0 else f"<p>Markets were quiet, note {gen}.{feed}.{i}, with no figures to speak of.</p>")
        out.append((f"g{gen}-f{feed}-i{i}", f"{c} note {gen}.{feed}.{i}", text))
    return out


def marked(token: str) -> list[int]:
    """Live processes whose environment carries the token: the run and everything it forked."""
    found = []
    needle = f"CLAIMLOG_KILL_TEST={token}".encode()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as fh:
                if needle in fh.read().split(b"\0"):
                    found.append(int(entry))
        except OSError:
            continue  # gone, or a zombie (its environment reads empty)
    return found


def lock_owner(path: Path) -> str:
    try:
        return path.read_text().strip()
    except OSError:
        return ""


def pending(db: Path) -> tuple[int, int]:
    """(articles stored, not yet extracted), as another process sees them; (0, 0) before the first."""
    if not db.exists():
        return 0, 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
        try:
            stored, waiting = con.execute("select count(*), coalesce(sum(extracted = 0), 0) from article").fetchone()
            return int(stored), int(waiting)
        finally:
            con.close()
    except sqlite3.Error:
        return 0, 0


def test_killed_runs_leave_no_process_and_never_wedge_the_next(tmp_path: Path, server: FeedServer) -> None:
    seed = int(os.environ.get("CLAIMLOG_KILL_SEED", time.time_ns() % 100_000))
    rnd = random.Random(seed)
    # Every run sees every feed changed (its title names the run), so it parses in a worker;
    # a batch of 200 new articles joins the feeds whenever fewer than 200 wait, so it extracts in one.
    state = {"run": 0, "batch": 0}

    def route(feed: int) -> Any:
        def handle(h: Any, n: int) -> None:
            every = [it for b in range(state["batch"] + 1) for it in items(b, feed)]
            body = rss(every, title=f"Feed {feed}, run {state['run']}")
            h._send(200, {"Content-Type": "application/rss+xml"}, body.encode())
        return handle

    for f in range(FEEDS):
        server.routes[f"/k{f}.xml"] = route(f)
    settings = config(tmp_path, [(f"k{f}", server.url(f"/k{f}.xml")) for f in range(FEEDS)])
    phases = ["fetch"] * 8 + ["extract"] * 4 + ["any"] * 8
    rnd.shuffle(phases)
    landed = {"fetch": 0, "extract": 0, "any": 0}  # kills that found a worker alive
    for i, phase in enumerate(phases):
        state["run"] = i
        if i and pending(settings.database)[1] < FEEDS * ITEMS:
            state["batch"] += 1
        sig = signal.SIGKILL if i % 2 == 0 else signal.SIGTERM
        token = uuid.uuid4().hex
        env = {**os.environ, "PYTHONWARNINGS": "error", "CLAIMLOG_KILL_TEST": token}
        log = tmp_path / f"run{i}.log"
        with log.open("wb") as fh:
            proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "run", "--config", str(settings.path)],
                                    cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=fh)
        # The run must take the lock at once, whatever the run before it left.
        deadline = time.monotonic() + 15
        while lock_owner(settings.lock_path) != str(proc.pid) and proc.poll() is None:
            assert time.monotonic() < deadline, f"run {i} (seed {seed}): never took the lock"
            time.sleep(0.01)
        assert proc.poll() in (None, 0), f"run {i} (seed {seed}): {log.read_text()}"
        # A random point: while the parser works, while the extractor works, or anywhere.
        if phase == "any":
            time.sleep(rnd.uniform(0, 1.2))
        else:
            until = time.monotonic() + 20
            while proc.poll() is None and time.monotonic() < until and not (
                    len(marked(token)) > 1 and (phase == "fetch" or pending(settings.database)[1] >= FEEDS * ITEMS)):
                time.sleep(0.02)
            time.sleep(rnd.uniform(0, 0.3))
        alive = marked(token)
        if proc.poll() is None:
            landed[phase] += len(alive) > 1
            proc.send_signal(sig)
        proc.wait(timeout=30)
        assert proc.returncode in (0, -sig), f"run {i} (seed {seed}): exit {proc.returncode}: {log.read_text()}"
        left: list[int] = []
        for _ in range(100):  # the kernel ends the workers as their parent dies; give it a moment
            left = marked(token)
            if not left:
                break
            time.sleep(0.02)
        assert not left, f"run {i} ({sig.name} while {phase}, seed {seed}): processes {left} outlived it"
    assert landed["fetch"] >= 4 and landed["extract"] >= 2, f"too few kills found a worker: {landed} (seed {seed})"

    final = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", "--config", str(settings.path)],
                           cwd=ROOT, env={**os.environ, "PYTHONWARNINGS": "error"}, capture_output=True,
                           text=True, timeout=120)
    assert final.returncode == 0, final.stderr
    stored, waiting = pending(settings.database)
    assert waiting == 0, f"{waiting} articles left unextracted"
    assert stored == (state["batch"] + 1) * FEEDS * ITEMS, "an article was lost or stored twice"
    con = sqlite3.connect(settings.database)
    try:
        claims = con.execute("select count(*) from claim").fetchone()[0]
        sources = con.execute("select count(distinct article_id) from claimsource").fetchone()[0]
    finally:
        con.close()
    # One article in four has a figure: each gives its claim, whatever the kills interrupted.
    assert claims > 0 and sources == stored // ITEMS


def _sleep(started: Any) -> None:
    started.set()
    time.sleep(60)


def _hold(path: str, pid: str, ready: Any) -> None:
    """Take the lock file's flock as an unrelated process would, with `pid` written in it."""
    import fcntl

    fd = os.open(path, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.pwrite(fd, pid.encode(), 0)
    ready.set()
    time.sleep(60)


def test_a_child_forked_under_the_lock_neither_holds_it_nor_outlives_it(tmp_path: Path) -> None:
    import multiprocessing

    from pipeline.lock import run_lock

    path = tmp_path / "run.lock"
    ctx = multiprocessing.get_context("fork")
    started = ctx.Event()
    with run_lock(path):
        child = ctx.Process(target=_sleep, args=(started,))
        child.start()
        assert started.wait(30)
    try:
        with run_lock(path):  # the child's copy of the descriptor was closed as it started
            pass
        assert child.is_alive()
    finally:
        child.kill()
        child.join()


def test_a_lock_kept_by_a_dead_runs_leftover_names_it(tmp_path: Path) -> None:
    import multiprocessing

    import pytest

    from pipeline.errors import LockedError
    from pipeline.lock import run_lock

    path = tmp_path / "run.lock"
    ctx = multiprocessing.get_context("spawn")
    ready = ctx.Event()
    holder = ctx.Process(target=_hold, args=(str(path), "999999999", ready))
    holder.start()
    try:
        assert ready.wait(30)
        began = time.monotonic()
        with pytest.raises(LockedError, match=r"left by claimlog run pid 999999999, which has ended"):
            with run_lock(path):
                pass
        assert 4 < time.monotonic() - began < 10
    finally:
        holder.kill()
        holder.join()
    with run_lock(path):  # the kernel released it with its holder
        pass
