"""The database: WAL, unique keys, and a lock held by another process."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from models import Article, Database, DatabaseLockedError, database_url
from pipeline.config import Settings
from pipeline.queue import decide
from pipeline.run import run
from tests.conftest import run_cli


def test_wal_and_unique_keys(tmp_path: Path) -> None:
    db = Database(database_url(tmp_path / "x.db"))
    with db.session() as s:
        s.add(Article(key="k", content_hash="h"))
    assert sqlite3.connect(tmp_path / "x.db").execute("pragma journal_mode").fetchone()[0] == "wal"
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(Article(key="k", content_hash="h2"))


def test_env_url_overrides_the_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMLOG_DATABASE_URL", f"sqlite:///{tmp_path / 'other.db'}")
    assert database_url(tmp_path / "x.db") == f"sqlite:///{tmp_path / 'other.db'}"


def _hold_lock(db: Path, seconds: float) -> subprocess.Popen[bytes]:
    script = ("import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
              "c.execute('begin exclusive'); print('locked', flush=True); time.sleep(float(sys.argv[2])); "
              "c.execute('commit')")
    proc = subprocess.Popen([sys.executable, "-c", script, str(db), str(seconds)], stdout=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline().strip() == b"locked"
    return proc


def test_locked_database_waits_then_succeeds_or_fails_clearly(demo: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    run(demo)
    holder = _hold_lock(demo.database, 1.5)
    started = time.monotonic()
    ok = run_cli("queue", "approve", "1", "--config", str(demo.path), env={"CLAIMLOG_DB_TIMEOUT": "20"})
    assert ok.returncode == 0, ok.stderr
    assert time.monotonic() - started >= 1.0  # it waited for the other process, then went on
    holder.communicate()

    holder = _hold_lock(demo.database, 120)  # held until we let go, however slow the machine
    failed = run_cli("queue", "approve", "2", "--config", str(demo.path), env={"CLAIMLOG_DB_TIMEOUT": "1"})
    holder.kill()
    holder.communicate()
    assert failed.returncode == 4
    assert "is locked by another process" in failed.stderr and "Traceback" not in failed.stderr
    monkeypatch.setenv("CLAIMLOG_DB_TIMEOUT", "1")
    db = Database(database_url(demo.database))
    holder = _hold_lock(demo.database, 120)
    with pytest.raises(DatabaseLockedError):
        decide(db, [2], "approve")
    holder.kill()
    holder.communicate()
    assert [r for r in sqlite3.connect(demo.database).execute("select id, status from claim where id in (1, 2)")] == [
        (1, "approved"), (2, "pending")]
