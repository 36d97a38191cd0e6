"""A throwaway PostgreSQL server on 127.0.0.1 for the `postgres` tests.

`initdb` into a temporary folder, `pg_ctl start` on a free port, one database per test, stop
at the end. As root the server runs as the `postgres` user (or `nobody`): it refuses root.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest


def _pg_bin() -> Path:
    """$CLAIMLOG_PG_BIN, else the newest Debian server (/usr/lib/postgresql/N/bin)."""
    if os.environ.get("CLAIMLOG_PG_BIN"):
        return Path(os.environ["CLAIMLOG_PG_BIN"])
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                   key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


PG_BIN = _pg_bin()
REQUIRE = "CLAIMLOG_REQUIRE_POSTGRES"


def postgres_or_skip() -> None:
    """Skip loudly where the server or the driver is missing; fail instead when CI requires them."""
    missing = [str(PG_BIN / b) for b in ("initdb", "pg_ctl", "postgres") if not (PG_BIN / b).exists()]
    try:
        import psycopg  # noqa: F401
    except ImportError:
        missing.append("psycopg (pip install '.[postgres]')")
    if not missing:
        return
    msg = (f"{', '.join(missing)} missing: postgres tests need Debian's postgresql "
           "(make test installs it as root)")
    if os.environ.get(REQUIRE) == "1":
        pytest.fail(msg)
    pytest.skip("SKIPPED LOUDLY: " + msg)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    """One server; `database()` gives a fresh database's SQLAlchemy URL."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="claimlog-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self._names = itertools.count(1)
        self._as: list[str] = []
        if os.geteuid() == 0:
            user = "postgres" if _user_exists("postgres") else "nobody"
            pw = pwd.getpwnam(user)
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
            self._as = ["setpriv", f"--reuid={pw.pw_uid}", f"--regid={pw.pw_gid}", "--clear-groups", "--"]

    def _pg(self, *args: str) -> None:
        proc = subprocess.run([*self._as, *args], capture_output=True, text=True, timeout=120, cwd=self.root)
        if proc.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{args[0]} failed: {proc.stderr.strip()} {tail}")

    def start(self) -> PgServer:
        self._pg(str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "claimlog", "--auth=trust",
                 "-E", "UTF8", "--locale=C", "--no-sync")
        # Durability off: a test server that loses its data on a crash loses nothing of value.
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
        self._pg(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "server.log"),
                 "-o", options, "-w", "-t", "60", "start")
        return self

    def url(self, name: str) -> str:
        return f"postgresql+psycopg://claimlog@127.0.0.1:{self.port}/{name}"

    def database(self) -> str:
        import psycopg

        name = f"t{next(self._names)}"
        with psycopg.connect(host="127.0.0.1", port=self.port, user="claimlog", dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            self._pg(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True
