"""Errors of claimlog. Each carries the input it is about.

    ClaimlogError
    ├── ConfigError        a missing or invalid claimlog.toml (names the key)
    ├── FetchError         a feed could not be fetched (names the feed)
    ├── FeedParseError     a feed body could not be read as a feed (names the feed)
    ├── NoteError          a note could not be read or written (names the file)
    │   └── NoteChangedError   the note changed on disk while we wrote it
    ├── LockedError        another run holds the lock
    └── InputError         a bad input line for `claimlog extract` (names the line)

models.DatabaseLockedError (beside the tree, as models/ depends on nothing here): another
process held the database past CLAIMLOG_DB_TIMEOUT.
"""

from __future__ import annotations


class ClaimlogError(Exception):
    """Base of every error claimlog reports to the user."""

    _init: tuple[object, ...] = ()

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt from the constructor's own arguments, so errors cross process boundaries.
        return (type(self), self._init or self.args)


class ConfigError(ClaimlogError):
    """The configuration file is missing or invalid."""

    def __init__(self, message: str, path: str | None = None, key: str | None = None) -> None:
        where = f"{path}: " if path else ""
        what = f"[{key}] " if key else ""
        super().__init__(f"{where}{what}{message}")
        self._init = (message, path, key)
        self.path = path
        self.key = key


class FetchError(ClaimlogError):
    """A feed could not be fetched."""

    def __init__(self, feed: str, message: str, status: int | None = None) -> None:
        super().__init__(f"feed {feed!r}: {message}")
        self._init = (feed, message, status)
        self.feed = feed
        self.status = status


class FeedParseError(ClaimlogError):
    """A feed body could not be parsed."""

    def __init__(self, feed: str, message: str) -> None:
        super().__init__(f"feed {feed!r}: {message}")
        self._init = (feed, message)
        self.feed = feed


class NoteError(ClaimlogError):
    """A note could not be read or written."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self._init = (path, message)
        self.path = path


class NoteChangedError(NoteError):
    """The note changed on disk between reading and writing."""


class LockedError(ClaimlogError):
    """Another claimlog run holds the lock."""


class InputError(ClaimlogError):
    """A bad input line."""

    def __init__(self, line_no: int, message: str) -> None:
        super().__init__(f"line {line_no}: {message}")
        self._init = (line_no, message)
        self.line_no = line_no
