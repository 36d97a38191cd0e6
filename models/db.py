"""Engine and sessions. SQLite in WAL mode by default; any SQLAlchemy URL works."""

from __future__ import annotations

import os
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, inspect, make_url
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, OperationalError
from sqlalchemy.exc import DatabaseError as SQLDatabaseError
from sqlmodel import Session, SQLModel, create_engine

from models.schema import ForeignSchemaError, Migrated, upgrade

ENV_URL = "CLAIMLOG_DATABASE_URL"
ENV_TIMEOUT = "CLAIMLOG_DB_TIMEOUT"  # seconds to wait for another process's lock


class DatabaseLockedError(Exception):
    """Another process held the database longer than we were willing to wait."""


class DatabaseError(Exception):
    """The database cannot be reached or used: a bad URL or location, a corrupt file, a
    database of another schema, a full disk."""


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
        self.where = _shown(url)
        file = Path(self.where) if url.startswith("sqlite:///") else None
        try:
            if file is not None:
                file.parent.mkdir(parents=True, exist_ok=True)
            connect_args = {"check_same_thread": False, "timeout": lock_timeout()} if url.startswith("sqlite") else {}
            self.engine: Engine = create_engine(url, connect_args=connect_args)
        except (ArgumentError, NoSuchModuleError, ImportError, ValueError) as exc:
            raise DatabaseError(f"database URL {url!r} is not usable: {exc}; check {ENV_URL} "
                                "or the database setting") from None
        except OSError as exc:
            raise DatabaseError(f"database {self.where}: cannot create its folder: {exc.strerror or exc}") from None
        # Pooled connections close with the object, or at exit, even when nobody calls close().
        weakref.finalize(self, self.engine.dispose)
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        # A write-ahead log left behind means the last process did not close the database.
        unclean = file is not None and _size(Path(f"{file}-wal")) > 0
        with self._translated():
            if unclean:
                self._quick_check()
            try:
                self.migrated: Migrated = upgrade(self.engine)
            except ForeignSchemaError as exc:
                raise DatabaseError(f"database {self.where} {exc}: not a claimlog database") from None
            # Tables that no revision creates yet (added by this build) are made as they are.
            SQLModel.metadata.create_all(self.engine)
            self._check_schema()

    def _quick_check(self) -> None:
        with self.engine.connect() as conn:
            problems = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA quick_check").fetchall()]
        if problems != ["ok"]:
            first = " ".join(" ".join(problems[:2]).split())
            raise DatabaseError(f"database {self.where} is damaged ({first}); restore it from a backup")

    def _check_schema(self) -> None:
        """Tables that exist must have our columns: another program's database is not ours."""
        found = inspect(self.engine)
        for table in SQLModel.metadata.sorted_tables:
            have = {c["name"] for c in found.get_columns(table.name)}
            missing = sorted(set(table.columns.keys()) - have)
            if missing:
                raise DatabaseError(f"database {self.where} has a table {table.name!r} without "
                                    f"{', '.join(missing)}: not a claimlog database")

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except IntegrityError:
            raise
        except OperationalError as exc:
            if "locked" in str(exc.orig) or "busy" in str(exc.orig):
                raise DatabaseLockedError(
                    f"database {self.where} is locked by another process; waited {lock_timeout():g}s "
                    f"(set {ENV_TIMEOUT} to wait longer). Nothing was changed; run the command again.") from exc
            raise DatabaseError(f"database {self.where}: {_one_line(exc.orig)}") from exc
        except SQLDatabaseError as exc:  # "file is not a database" and the like
            raise DatabaseError(f"database {self.where}: {_one_line(exc.orig)}") from exc

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


def _one_line(error: object) -> str:
    """A driver's message on one line (PostgreSQL's span several)."""
    return " ".join(str(error).split())


def _shown(url: str) -> str:
    """Where the database is, for messages: a SQLite file's path, or the URL without its password."""
    if url.startswith("sqlite:///"):
        return url.removeprefix("sqlite:///")
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url.split("@")[-1]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
