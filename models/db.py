"""Engine and sessions. SQLite in WAL mode by default; any SQLAlchemy URL works."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, SQLModel, create_engine

from models.migrate import upgrade

ENV_URL = "CLAIMLOG_DATABASE_URL"
ENV_TIMEOUT = "CLAIMLOG_DB_TIMEOUT"  # seconds to wait for another process's lock


class DatabaseLockedError(Exception):
    """Another process held the database longer than we were willing to wait."""


def lock_timeout() -> float:
    try:
        return max(0.0, float(os.environ.get(ENV_TIMEOUT, "30")))
    except ValueError:
        return 30.0


def database_url(path: str | Path | None) -> str:
    """CLAIMLOG_DATABASE_URL if set, else a SQLite file at `path`."""
    env = os.environ.get(ENV_URL)
    if env:
        return env
    if path is None:
        raise ValueError("no database path configured and CLAIMLOG_DATABASE_URL is not set")
    return f"sqlite:///{Path(path).resolve()}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # SQLite itself retries a locked database until busy_timeout runs out.
    cur.execute(f"PRAGMA busy_timeout={int(lock_timeout() * 1000)}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


class Database:
    """One engine; `session()` opens a transaction that commits on success."""

    def __init__(self, url: str) -> None:
        self.url = url
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        connect_args = {"check_same_thread": False, "timeout": lock_timeout()} if url.startswith("sqlite") else {}
        self.engine: Engine = create_engine(url, connect_args=connect_args)
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        with self._translated():
            SQLModel.metadata.create_all(self.engine)
            upgrade(self.engine)

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except OperationalError as exc:
            if "locked" in str(exc.orig) or "busy" in str(exc.orig):
                where = self.url.removeprefix("sqlite:///")
                raise DatabaseLockedError(
                    f"database {where} is locked by another process; waited {lock_timeout():g}s "
                    f"(set {ENV_TIMEOUT} to wait longer). Nothing was changed; run the command again.") from exc
            raise

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work commits together, or not at all."""
        with self._translated(), Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()
