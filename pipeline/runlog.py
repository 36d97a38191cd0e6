"""The log file: `[log] file`, rotated, one timestamped line per stage and per failure.

Under cron the terminal output is mail read once; the log file is what one reads the
morning after, and where an unexpected crash leaves its traceback.
"""

from __future__ import annotations

import logging
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

LOGGER = "claimlog"
_current: Path | None = None  # the log file this process writes, once a command has opened it


def open_log(settings: Any) -> Path | None:
    """Start writing the configured log file (idempotent); None when none is configured or it cannot be opened."""
    global _current
    path: Path | None = settings.log_file
    if path is None:
        return None
    if _current == path:
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=settings.log_max_bytes, backupCount=settings.log_backups,
                                      encoding="utf-8")
    except OSError:
        return None  # the run matters more than its log; the caller still prints to the terminal
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%dT%H:%M:%S%z"))
    close()
    logger = logging.getLogger(LOGGER)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    _current = path
    return path


def current() -> Path | None:
    return _current


def log(stage: str, message: str) -> None:
    """One line: failures and errors as WARNING, progress as INFO. A no-op without a log file."""
    if _current is None:
        return
    level = logging.WARNING if stage in ("failed", "error", "backoff") else logging.INFO
    # One line per record: feed text may carry newlines.
    logging.getLogger(LOGGER).log(level, "%s: %s", stage, " ".join(message.splitlines()))


def crash(exc: BaseException) -> Path | None:
    """Write a crash's traceback to the log file; the path written to, or None without one."""
    if _current is None:
        return None
    text = "".join(traceback.format_exception(exc))
    logging.getLogger(LOGGER).error("crash: %s: %s\n%s", type(exc).__name__, exc, text.rstrip())
    return _current


def closing_line(summary: Any) -> str:
    """The run in one line: what was read, stored and queued, the exit code and the time taken."""
    seconds = sum(summary.timings.values())
    return (f"done in {seconds:.1f}s, exit {summary.exit_code}: "
            f"{summary.read + summary.not_modified}/{summary.feeds} feeds read, {len(summary.failed)} failed, "
            f"{len(summary.backing_off)} backing off, {summary.new_articles} new articles, "
            f"{summary.extracted} extracted, {summary.stats.queued} claims queued")


def stages_line(summary: Any, output: float) -> str:
    """Seconds per stage and part of a stage (store within fetch, queue within extract), for benches."""
    parts = {**summary.timings, **summary.split, "output": output}
    return ("stages: " + " ".join(f"{k}={v:.2f}" for k, v in parts.items())
            + f" claims={summary.stats.found} queued={summary.stats.queued}")


def close() -> None:
    """Stop writing the log file (for a process that runs more than one command)."""
    global _current
    logger = logging.getLogger(LOGGER)
    for old in list(logger.handlers):
        logger.removeHandler(old)
        old.close()
    _current = None
