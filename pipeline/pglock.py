"""The run lock on PostgreSQL: a session advisory lock, so runs on several machines exclude each other.

The lock belongs to one server session, held on a connection of its own for the whole run;
the server releases it when that session ends, so a killed run (or a lost machine, once its
connection times out) frees it by itself. A forked worker gets a copy of the connection's
socket: it swaps /dev/null in at once, so only the run's own process keeps the session open.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
from collections.abc import Iterator

from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from models.db import DatabaseError, _shown
from pipeline import lock as file_lock
from pipeline.errors import LockedError

RUN_LOCK_KEY = 0x636C61696D6C6F67  # "claimlog": one key per database, the same in every build

_socket: int | None = None  # the lock connection's socket while this process holds the lock


def _after_fork_in_child() -> None:
    global _socket
    if _socket is None:
        return
    fd, _socket = _socket, None
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_RDWR)
        os.dup2(null, fd)  # the child's copy now points nowhere; the parent's session stays
        os.close(null)
    # As with the file lock: a worker never outlives the run that forked it.
    if file_lock._prctl is not None:
        file_lock._prctl(file_lock.PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != file_lock._forker:
        os._exit(1)


os.register_at_fork(after_in_child=_after_fork_in_child)


@contextlib.contextmanager
def advisory_lock(url: str) -> Iterator[None]:
    """One run per PostgreSQL database: a second one fails at once with LockedError."""
    global _socket
    where = _shown(url)
    try:
        # The name tells a second run who holds the lock (server names are at most 63 bytes).
        name = f"claimlog run pid {os.getpid()} on {socket.gethostname()}"[:63]
        engine = create_engine(url, poolclass=NullPool, connect_args={"application_name": name})
        conn = engine.connect()
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise DatabaseError(f"database {where}: {_first_line(exc)}") from None
    try:
        try:
            got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": RUN_LOCK_KEY}).scalar()
            holder = None if got else conn.execute(text(
                "SELECT string_agg(DISTINCT a.application_name, ', ') "
                "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
                "AND (l.classid::bigint << 32 | l.objid::bigint) = :k"), {"k": RUN_LOCK_KEY}).scalar()
            conn.commit()  # the session lock outlives the transaction; no transaction stays open
        except SQLAlchemyError as exc:
            raise DatabaseError(f"database {where}: {_first_line(exc)}") from None
        if not got:
            raise LockedError(f"another run ({holder or 'a session of the server'}) holds the run lock of "
                              f"{where}; this one exits without doing anything")
        raw = conn.connection.dbapi_connection
        _socket = raw.fileno() if raw is not None else None
        try:
            yield
        finally:
            _socket = None
            with contextlib.suppress(SQLAlchemyError):
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": RUN_LOCK_KEY})
                conn.commit()
    finally:
        conn.close()
        engine.dispose()


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return " ".join(str(orig).split("\n")[0].split()) or type(orig).__name__
