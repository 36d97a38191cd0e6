"""The shape of claimlog.toml as pydantic models, and their errors as one line naming the key.

Strict: a string is never read as a number, and an unknown key is an error (a typo such as
`langg` would otherwise be silently ignored).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from pipeline.errors import ConfigError

IDENTITY_KEYS = ("auto", "guid", "link", "title_date", "content")
LANGS = ("en", "zh")


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class FeedTable(_Table):
    """One [[feeds]] entry."""

    name: str
    url: str
    lang: Literal["en", "zh"] | None = None
    identity: Literal["auto", "guid", "link", "title_date", "content"] = "auto"
    encoding: str | None = None
    fetch_linked: bool = False
    currency: str | None = None

    @field_validator("encoding")
    @classmethod
    def _known_encoding(cls, value: str | None) -> str | None:
        if value:
            try:
                "".encode(value)
            except LookupError:
                raise ValueError(f"unknown encoding {value!r}") from None
        return value

    @field_validator("currency")
    @classmethod
    def _iso_code(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[A-Z]{3}", value):
            raise ValueError(f"must be an ISO 4217 code such as TWD, not {value!r}")
        return value


class FetchTable(_Table):
    """[fetch]: seconds, bytes and counts; none may be negative."""

    timeout: Annotated[float, Field(ge=0)] = 20.0
    deadline: Annotated[float, Field(ge=0)] = 60.0  # one request, start to end of body
    run_deadline: Annotated[float, Field(ge=0)] = 120.0  # the whole fetch stage
    max_body_bytes: Annotated[int, Field(ge=0)] = 10_000_000
    concurrency: Annotated[int, Field(ge=0)] = 32
    per_host: Annotated[int, Field(ge=0)] = 4
    retries: Annotated[int, Field(ge=0)] = 3
    max_redirects: Annotated[int, Field(ge=0)] = 5
    allow_private_links: bool = False


class ReviewTable(_Table):
    token: str | None = None
    host: str | None = None


class LogTable(_Table):
    """[log]: a file (relative to claimlog.toml) rotated at max_bytes, keeping `backups` old ones."""

    file: str | None = None
    max_bytes: Annotated[int, Field(gt=0)] = 1_000_000
    backups: Annotated[int, Field(ge=0)] = 3


class ConfigFile(_Table):
    """The whole claimlog.toml."""

    vault: str
    database: str = "claimlog.db"
    feeds: list[FeedTable] = []
    aliases: dict[str, list[str]] = {}
    fetch: FetchTable = FetchTable()
    review: ReviewTable = ReviewTable()
    log: LogTable = LogTable()

    @model_validator(mode="after")
    def _unique_names(self) -> ConfigFile:
        seen: set[str] = set()
        for i, feed in enumerate(self.feeds):
            if feed.name in seen:
                raise ConfigError(f"duplicate feed name {feed.name!r}", None, f"feeds[{i}].name")
            seen.add(feed.name)
        return self


def validate(data: dict[str, Any], path: str) -> ConfigFile:
    """The parsed TOML as a ConfigFile, or a ConfigError naming the first key at fault."""
    try:
        return ConfigFile.model_validate(data)
    except ConfigError as exc:  # raised by a validator with its own key
        raise ConfigError(str(exc._init[0]), path, exc.key) from None
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        key = key_path(first["loc"])
        if first["type"] == "extra_forbidden":
            raise ConfigError(f"unknown key {key}", path) from None
        raise ConfigError(_message(first), path, key or None) from None


def key_path(loc: tuple[int | str, ...]) -> str:
    """('feeds', 2, 'langg') -> 'feeds[2].langg'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_KINDS = {"string_type": "a string", "int_type": "an integer", "float_type": "a number",
          "bool_type": "true or false", "list_type": "a list", "dict_type": "a table", "model_type": "a table"}


def _message(error: Any) -> str:
    kind = error["type"]
    ctx = error.get("ctx", {})
    if kind == "missing":
        return "missing required key"
    if kind in _KINDS:
        return f"must be {_KINDS[kind]}, not {_toml_type(error['input'])}"
    if kind == "greater_than_equal" and ctx.get("ge") == 0:
        return "must not be negative"
    if kind in ("greater_than_equal", "greater_than"):
        return f"must be {'at least' if 'ge' in ctx else 'more than'} {ctx.get('ge', ctx.get('gt'))}"
    if kind == "literal_error":
        return f"must be one of {ctx['expected']}, not {error['input']!r}"
    if kind == "value_error":
        return str(ctx["error"])
    return str(error["msg"])


def _toml_type(value: object) -> str:
    """The TOML word for a value's type: what the user wrote, not Python's name for it."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__
