"""Finding 9, tracebacks instead of one line: a read-only or invalid database location, a
bad CLAIMLOG_DATABASE_URL, a corrupt database or one of another schema, a full disk for
the database, `queue edit --set low=nan`; a database with a damaged page reported as fine.

Now each is one line on stderr naming the thing at fault, with the exit code of the
design: 2 usage, 6 database unreachable or misconfigured.
"""

from __future__ import annotations

import os
import resource
import signal
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from models import ClaimRecord, Database, database_url
from pipeline.config import Settings
from tests.conftest import ROOT

NOTE = "AI Capex Arms Race.md"


def cli(*args: str, env: dict[str, str] | None = None, limit: int | None = None) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "PYTHONWARNINGS": "error", **(env or {})}
    if env is None or "CLAIMLOG_DATABASE_URL" not in env:
        full.pop("CLAIMLOG_DATABASE_URL", None)

    def limited() -> None:
        if limit is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=ROOT, env=full,
                          capture_output=True, text=True, timeout=300, preexec_fn=limited)


def one_line(proc: subprocess.CompletedProcess[str], code: int, *names: str) -> str:
    assert proc.returncode == code, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    for name in names:
        assert name in lines[0], (name, lines[0])
    return lines[0]


def with_database(demo: Settings, database: str) -> Path:
    """The demo's config with another database setting."""
    text = demo.path.read_text("utf-8").replace('database = "state/claimlog.db"', f'database = "{database}"')
    demo.path.write_text(text, "utf-8")
    return demo.path


def test_read_only_location(demo: Settings) -> None:
    cfg = with_database(demo, "/proc/claimlog/claimlog.db")
    one_line(cli("queue", "list", "--config", str(cfg)), 6, "/proc/claimlog")


def test_location_under_a_file(demo: Settings) -> None:
    (demo.path.parent / "afile").write_text("x", "utf-8")
    cfg = with_database(demo, "afile/claimlog.db")
    one_line(cli("feeds", "--config", str(cfg)), 6, "afile")


def test_location_is_a_folder(demo: Settings) -> None:
    (demo.path.parent / "adir").mkdir()
    cfg = with_database(demo, "adir")
    one_line(cli("queue", "list", "--config", str(cfg)), 6, "adir")


@pytest.mark.parametrize("url", ["not a url", "postgresql+nosuchdriver://u@h/db", "mysql://u@h/db",
                                 "postgresql+psycopg2://u@127.0.0.1/db", "sqlite:////proc/nope/x.db"])
def test_bad_database_url(demo: Settings, url: str) -> None:
    proc = cli("queue", "list", "--config", str(demo.path), env={"CLAIMLOG_DATABASE_URL": url})
    line = one_line(proc, 6)
    assert url in line or url.removeprefix("sqlite:///") in line


@pytest.mark.parametrize("command", [("run",), ("queue", "list"), ("db", "upgrade")])
def test_postgresql_server_not_listening(demo: Settings, command: tuple[str, ...]) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"postgresql+psycopg://claimlog:secret@127.0.0.1:{port}/claimlog"
    proc = cli(*command, "--config", str(demo.path), env={"CLAIMLOG_DATABASE_URL": url})
    line = one_line(proc, 6, f"127.0.0.1:{port}/claimlog", "refused")
    assert "secret" not in line  # the password stays out of messages


def test_corrupt_database(demo: Settings) -> None:
    demo.database.parent.mkdir(parents=True, exist_ok=True)
    demo.database.write_bytes(os.urandom(64 * 1024))
    one_line(cli("queue", "list", "--config", str(demo.path)), 6, str(demo.database), "not a database")


def test_database_of_another_schema(demo: Settings) -> None:
    demo.database.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(demo.database)
    con.execute("create table claim (id integer primary key, note text)")
    con.commit()
    con.close()
    one_line(cli("queue", "list", "--config", str(demo.path)), 6, "'claim'", "not a claimlog database")


def test_disk_full_for_the_database(demo: Settings) -> None:
    proc = cli("notes", "scan", "--config", str(demo.path), limit=8192)
    one_line(proc, 6, str(demo.database))


def test_damaged_page_after_an_unclean_stop(demo: Settings) -> None:
    assert cli("notes", "scan", "--config", str(demo.path)).returncode == 0
    size = demo.database.stat().st_size
    with open(demo.database, "r+b") as fh:  # garbage over a page in the middle of the file
        fh.seek((size // 4096 // 2) * 4096)
        fh.write(b"\x00\xff" * 2048)
    killed = ("import os, signal, sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
              "c.execute('pragma journal_mode=wal'); c.execute('create table if not exists t (x)'); "
              "c.execute('insert into t values (1)'); c.commit(); os.kill(os.getpid(), signal.SIGKILL)")
    subprocess.run([sys.executable, "-c", killed, str(demo.database)])
    assert Path(f"{demo.database}-wal").stat().st_size > 0  # the stop was unclean
    one_line(cli("queue", "list", "--config", str(demo.path)), 6, str(demo.database), "damaged")


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e400"])
def test_edit_refuses_values_that_are_not_finite(demo: Settings, value: str) -> None:
    db = Database(database_url(demo.database))
    with db.session() as s:
        rec = ClaimRecord(fingerprint="f", loose_fingerprint="l", subject="Oracle", metric="debt", low=1e9,
                          high=1e9, currency="USD", sentence="s", theses=[NOTE])
        s.add(rec)
        s.flush()
        cid = rec.id
    db.close()
    proc = cli("queue", "edit", str(cid), "--set", f"low={value}", "--config", str(demo.path))
    one_line(proc, 2, "low", value)
    db = Database(database_url(demo.database))
    with db.session() as s:
        assert s.get(ClaimRecord, cid).low == 1e9
    db.close()
