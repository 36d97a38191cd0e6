"""The run lock, and the rule that no process a run forks outlives the run or keeps its lock.

The lock is an flock on a file: the kernel releases it when the last descriptor of the open
file closes, so a dead run frees it by itself. A forked worker gets a copy of every
descriptor, and once held the lock for as long as it lived (an orphan after a kill wedged
every later run). So while the lock is held, each child forked from this process closes its
copy at once and asks the kernel to kill it when the process that forked it dies.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import fcntl
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from pipeline.errors import LockedError

PR_SET_PDEATHSIG = 1
ORPHAN_GRACE = 5.0  # seconds to wait for the workers of a dead holder to end

_held: int | None = None  # the lock's descriptor while this process holds it
_forker = 0  # pid of the process about to fork


def _load_prctl() -> Callable[..., int] | None:
    """libc's prctl, looked up before any fork: a child should do as little as it can."""
    if not sys.platform.startswith("linux"):
        return None
    with contextlib.suppress(OSError, AttributeError):
        return ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True).prctl  # type: ignore[no-any-return]
    return None


_prctl = _load_prctl()


def _before_fork() -> None:
    global _forker
    _forker = os.getpid()


def _after_fork_in_child() -> None:
    global _held
    if _held is None:
        return
    fd, _held = _held, None
    with contextlib.suppress(OSError):
        os.close(fd)  # only this copy: the parent's lock stays (flock belongs to the open file)
    if _prctl is not None:
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != _forker:  # the parent died before the request above took effect
        os._exit(1)


os.register_at_fork(before=_before_fork, after_in_child=_after_fork_in_child)


def end_with(parent: int) -> None:
    """The same rule for a child started without a fork (spawned), which the hook never sees:
    the kernel kills it when `parent` dies."""
    if _prctl is not None:
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # it died before the request above took effect
        os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _holder(fd: int) -> str:
    return os.pread(fd, 64, 0).decode(errors="replace").strip() or "?"


@contextlib.contextmanager
def run_lock(path: Path) -> Iterator[None]:
    """One run at a time: a second one fails at once with LockedError.

    When the pid written in the file is gone, the lock can only be held by that run's
    workers on their way out: wait a moment for the kernel to end them.
    """
    global _held
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        deadline = time.monotonic() + ORPHAN_GRACE
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(fd)
                if holder.isdigit() and not _alive(int(holder)):
                    if time.monotonic() < deadline:
                        time.sleep(0.05)
                        continue
                    raise LockedError(f"{path} is held by a process left by claimlog run pid {holder}, which "
                                      "has ended; end that process (fuser shows it), then run again") from None
                raise LockedError(f"another claimlog run (pid {holder}) holds {path}; "
                                  "this one exits without doing anything") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        _held = fd
        yield
    finally:
        if _held == fd:
            _held = None
        os.close(fd)


def run_lock_for(url: str, path: Path) -> contextlib.AbstractContextManager[None]:
    """The run lock of a database: an advisory lock on PostgreSQL, else the file lock at `path`."""
    if url.startswith("postgresql"):
        from pipeline.pglock import advisory_lock

        return advisory_lock(url)
    return run_lock(path)
