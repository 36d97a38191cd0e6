"""PostgreSQL as a user meets it: two runs on one database, `db copy` from the demo's SQLite file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from models import ClaimRecord, Database
from pipeline.config import Settings
from pipeline.dbcopy import copy_database
from pipeline.pglock import RUN_LOCK_KEY
from tests.conftest import ROOT, run_cli
from tests.feedserver import FeedServer, rss
from tests.models.test_migrations import PREVIOUS_MAIN
from tests.pg import PgServer

pytestmark = pytest.mark.postgres


def lock_held(url: str) -> bool:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return bool(conn.execute(text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 "
                "AND (classid::bigint << 32 | objid::bigint) = :k"), {"k": RUN_LOCK_KEY}).scalar())
    finally:
        engine.dispose()


def test_two_runs_on_one_database_one_runs_the_other_exits_3(pg_server: PgServer, demo: Settings,
                                                             server: FeedServer) -> None:
    url = pg_server.database()
    release = threading.Event()

    def slow(h: Any, n: int) -> None:  # holds the first run in its fetch stage, lock held
        release.wait(60)
        h._send(200, {"Content-Type": "application/rss+xml"}, rss([("s1", "Slow", "<p>Meta spent $5 billion.</p>")]).encode())

    server.routes["/slow.xml"] = slow
    demo.path.write_text(demo.path.read_text("utf-8") + f'\n[[feeds]]\nname = "slow"\nurl = "{server.url("/slow.xml")}"\n',
                         "utf-8")
    env = {**os.environ, "PYTHONWARNINGS": "error", "CLAIMLOG_DATABASE_URL": url}
    first = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "run", "--quiet", "--config", str(demo.path)],
                             cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not (server.hits.get("/slow.xml") and lock_held(url)):
            assert first.poll() is None, first.communicate()
            assert time.monotonic() < deadline, "the first run never reached its fetch stage"
            time.sleep(0.2)
        second = run_cli("run", "--quiet", "--config", str(demo.path), env={"CLAIMLOG_DATABASE_URL": url})
        assert second.returncode == 3, second.stderr
        lines = second.stderr.strip().splitlines()
        assert len(lines) == 1 and "holds the run lock" in lines[0] and "claimlog run pid" in lines[0], lines
        assert "Traceback" not in second.stderr
    finally:
        release.set()
    _, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    assert not lock_held(url)  # released with the run: the next one can start


def test_a_killed_run_releases_the_lock(pg_server: PgServer, demo: Settings) -> None:
    url = pg_server.database()
    env = {**os.environ, "CLAIMLOG_DATABASE_URL": url}
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from pipeline.lock import run_lock_for; from pathlib import Path\n"
        "with run_lock_for(sys.argv[1], Path('unused.lock')):\n"
        "    print('held', flush=True); time.sleep(120)"), url], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    assert lock_held(url)
    holder.kill()
    holder.wait()
    holder.stdout.close()
    deadline = time.monotonic() + 20
    while lock_held(url):  # the server notices the closed connection at once
        assert time.monotonic() < deadline
        time.sleep(0.1)


def queue_json(config: Path, url: str | None) -> list[dict[str, Any]]:
    """`claimlog queue list --json --status all`, the command itself, in this process."""
    from typer.testing import CliRunner

    from pipeline.cli import app

    env = {"CLAIMLOG_DATABASE_URL": url} if url else {}
    saved = os.environ.pop("CLAIMLOG_DATABASE_URL", None)
    try:
        result = CliRunner().invoke(app, ["queue", "list", "--json", "--status", "all", "--config", str(config)],
                                    env=env)
    finally:
        if saved is not None:
            os.environ["CLAIMLOG_DATABASE_URL"] = saved
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def row_counts(url: str) -> dict[str, int]:
    from sqlmodel import SQLModel

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {t.name: conn.execute(text(f'SELECT count(*) FROM "{t.name}"')).scalar_one()
                    for t in SQLModel.metadata.sorted_tables}
    finally:
        engine.dispose()


def test_db_copy_moves_the_demo_to_postgresql_and_back(pg_server: PgServer, demo: Settings, tmp_path: Path) -> None:
    # The demo's database after a run and a few decisions and an apply (made by main 5dd184c)
    demo.database.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PREVIOUS_MAIN, demo.database)
    before = queue_json(demo.path, None)
    assert len(before) == 31 and {c["status"] for c in before} == {"pending", "applied", "rejected", "skipped"}
    source = f"sqlite:///{demo.database}"
    target = pg_server.database()

    copied = run_cli("db", "copy", "--to", target, "--config", str(demo.path))
    assert copied.returncode == 0, copied.stderr
    assert copied.stdout.startswith("copied ") and "claim " in copied.stdout
    assert queue_json(demo.path, target) == before
    assert row_counts(target) == row_counts(source)

    # ids go on after the copied ones: the sequences were moved past them
    pg = Database(target)
    with pg.session() as s:
        rec = ClaimRecord(fingerprint="new", loose_fingerprint="new", subject="Oracle", metric="debt",
                          low=1.0, high=1.0, currency="USD")
        s.add(rec)
        s.flush()
        assert rec.id == max(c["id"] for c in before) + 1
        s.rollback()
    pg.close()

    again = run_cli("db", "copy", "--to", target, "--config", str(demo.path))
    assert again.returncode == 2 and "not empty" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1 and "Traceback" not in again.stderr
    assert row_counts(target) == row_counts(source)

    back = tmp_path / "back.db"  # any to any: PostgreSQL to a new SQLite file
    copy_database(Database(target), Database(f"sqlite:///{back}"))
    assert queue_json(demo.path, f"sqlite:///{back}") == before
