"""claimlog.toml -> typed settings, with errors that name the key at fault.

The file is validated by the pydantic models in `pipeline.config_schema`; this module
resolves paths and turns the result into the frozen `Settings` the rest of the code reads.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.config_schema import IDENTITY_KEYS, LANGS, ConfigFile, validate
from pipeline.errors import ConfigError

__all__ = ["IDENTITY_KEYS", "LANGS", "FeedConfig", "Settings", "find_config", "load_settings"]

ENV_CONFIG = "CLAIMLOG_CONFIG"


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
    log_file: Path | None = None  # [log] file: timestamped lines of every run, rotated
    log_max_bytes: int = 1_000_000
    log_backups: int = 3

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
    model = validate(data, spath)
    base = cfg.resolve().parent
    return _settings(model, base, cfg.resolve())


def _under(base: Path, value: str) -> Path:
    return Path(value) if Path(value).is_absolute() else base / value


def _settings(m: ConfigFile, base: Path, path: Path) -> Settings:
    feeds = tuple(FeedConfig(f.name, f.url if f.url.startswith(("http://", "https://")) else str(_under(base, f.url)),
                             f.lang, f.identity, f.encoding, f.fetch_linked, f.currency) for f in m.feeds)
    fetch = m.fetch
    return Settings(path, _under(base, m.vault), _under(base, m.database), feeds, dict(m.aliases),
                    timeout=fetch.timeout, max_body_bytes=fetch.max_body_bytes, concurrency=fetch.concurrency,
                    per_host=fetch.per_host, retries=fetch.retries, max_redirects=fetch.max_redirects,
                    deadline=fetch.deadline, run_deadline=fetch.run_deadline,
                    allow_private_links=fetch.allow_private_links, review_token=m.review.token,
                    review_host=m.review.host, log_file=_under(base, m.log.file) if m.log.file else None,
                    log_max_bytes=m.log.max_bytes, log_backups=m.log.backups)
