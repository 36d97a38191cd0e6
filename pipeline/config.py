"""claimlog.toml -> typed settings, with errors that name the key at fault."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import ConfigError

ENV_CONFIG = "CLAIMLOG_CONFIG"
IDENTITY_KEYS = ("auto", "guid", "link", "title_date", "content")
LANGS = ("en", "zh")


@dataclass(frozen=True)
class FeedConfig:
    """One feed: an http(s) URL or a local file path."""

    name: str
    url: str
    lang: str | None = None
    identity: str = "auto"  # which key names an article: guid, link, title+date, content hash
    encoding: str | None = None  # override a declared encoding that lies (e.g. gb18030)
    fetch_linked: bool = False  # fetch the linked page when the feed carries only a title
    currency: str | None = None  # what a bare 元 means in this feed's articles (e.g. TWD)

    @property
    def is_local(self) -> bool:
        return not self.url.startswith(("http://", "https://"))


@dataclass(frozen=True)
class Settings:
    """The whole configuration, paths resolved against the file's folder."""

    path: Path
    vault: Path
    database: Path
    feeds: tuple[FeedConfig, ...] = ()
    aliases: dict[str, list[str]] = field(default_factory=dict)
    timeout: float = 20.0
    max_body_bytes: int = 10_000_000
    concurrency: int = 32
    per_host: int = 4
    retries: int = 3
    max_redirects: int = 5
    deadline: float = 60.0  # wall clock for one request: connect, headers and the whole body
    run_deadline: float = 120.0  # wall clock for the whole fetch stage; feeds not done by then failed
    allow_private_links: bool = False  # linked pages on loopback/private addresses (feeds on public hosts)
    review_token: str | None = None
    review_host: str | None = None  # the name the review page is reached by beyond loopback
    user_agent: str = "claimlog/0.1 (+https://pypi.org/project/claimlog)"

    @property
    def lock_path(self) -> Path:
        return self.database.with_suffix(self.database.suffix + ".lock")


def find_config(path: str | Path | None) -> Path:
    """--config, else ./claimlog.toml, else $CLAIMLOG_CONFIG."""
    if path:
        return Path(path)
    local = Path("claimlog.toml")
    if local.exists():
        return local
    env = os.environ.get(ENV_CONFIG)
    if env:
        return Path(env)
    raise ConfigError("no configuration: pass --config, create ./claimlog.toml, "
                      f"or set ${ENV_CONFIG}")


def _expect(data: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str, path: str,
            required: bool = False) -> Any:
    if key not in data:
        if required:
            raise ConfigError(f"missing required key {key!r}", path, where or key)
        return None
    value = data[key]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ConfigError(f"{key!r} must be {names}, not {type(value).__name__}", path,
                          f"{where}.{key}" if where else key)
    return value


def load_settings(path: str | Path | None = None) -> Settings:
    """Read and validate claimlog.toml."""
    cfg = find_config(path)
    spath = str(cfg)
    if not cfg.is_file():
        raise ConfigError("configuration file not found", spath)
    try:
        data = tomllib.loads(cfg.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"not valid TOML: {exc}", spath) from exc
    base = cfg.resolve().parent
    vault = _expect(data, "vault", str, "", spath, required=True)
    database = _expect(data, "database", str, "", spath) or "claimlog.db"
    feeds_raw = _expect(data, "feeds", list, "", spath) or []
    feeds: list[FeedConfig] = []
    names: set[str] = set()
    for i, item in enumerate(feeds_raw):
        where = f"feeds[{i}]"
        if not isinstance(item, dict):
            raise ConfigError("each feed must be a table with name and url", spath, where)
        name = _expect(item, "name", str, where, spath, required=True)
        url = _expect(item, "url", str, where, spath, required=True)
        lang = _expect(item, "lang", str, where, spath)
        if lang is not None and lang not in LANGS:
            raise ConfigError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}", spath, f"{where}.lang")
        identity = _expect(item, "identity", str, where, spath) or "auto"
        if identity not in IDENTITY_KEYS:
            raise ConfigError(f"identity must be one of {', '.join(IDENTITY_KEYS)}", spath, f"{where}.identity")
        encoding = _expect(item, "encoding", str, where, spath)
        if encoding:
            try:
                "".encode(encoding)
            except LookupError as exc:
                raise ConfigError(f"unknown encoding {encoding!r}", spath, f"{where}.encoding") from exc
        currency = _expect(item, "currency", str, where, spath)
        if currency is not None and not re.fullmatch(r"[A-Z]{3}", currency):
            raise ConfigError(f"currency must be an ISO 4217 code such as TWD, not {currency!r}",
                              spath, f"{where}.currency")
        if name in names:
            raise ConfigError(f"duplicate feed name {name!r}", spath, f"{where}.name")
        names.add(name)
        if not url.startswith(("http://", "https://")):
            local = Path(url)
            url = str(local if local.is_absolute() else base / local)
        feeds.append(FeedConfig(name, url, lang, identity, encoding,
                                bool(_expect(item, "fetch_linked", bool, where, spath)), currency))
    aliases_raw = _expect(data, "aliases", dict, "", spath) or {}
    aliases: dict[str, list[str]] = {}
    for k, v in aliases_raw.items():
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise ConfigError("aliases must map a name to a list of names", spath, f"aliases.{k}")
        aliases[k] = v
    fetch = _expect(data, "fetch", dict, "", spath) or {}
    review = _expect(data, "review", dict, "", spath) or {}
    kwargs: dict[str, Any] = {}
    for key, kind in (("timeout", (int, float)), ("deadline", (int, float)),
                      ("run_deadline", (int, float)), ("max_body_bytes", int),
                      ("concurrency", int), ("per_host", int), ("retries", int), ("max_redirects", int)):
        value = _expect(fetch, key, kind, "fetch", spath)
        if value is not None:
            if value < 0:
                raise ConfigError("must not be negative", spath, f"fetch.{key}")
            kwargs[key] = value
    private = _expect(fetch, "allow_private_links", bool, "fetch", spath)
    if private is not None:
        kwargs["allow_private_links"] = private
    token = _expect(review, "token", str, "review", spath)
    review_host = _expect(review, "host", str, "review", spath)
    vault_path = Path(vault) if Path(vault).is_absolute() else base / vault
    db_path = Path(database) if Path(database).is_absolute() else base / database
    return Settings(cfg.resolve(), vault_path, db_path, tuple(feeds), aliases,
                    review_token=token, review_host=review_host, **kwargs)
