"""Shared fixtures: the demo copied to a temp folder, one extractor, a real feed server."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractors.claims import Extractor
from extractors.entities import AliasTable
from pipeline.config import Settings, load_settings
from tests.feedserver import FeedServer
from tests.pg import PgServer, postgres_or_skip

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
DEMO = ROOT / "fixtures" / "demo"
SEED_NOTE = DEMO / "vault" / "AI Capex Arms Race.md"
CHROMIUM = Path("/usr/bin/chromium")


def seed_article() -> str:
    """The seed translated article (shipped in the demo feed; read from shared/ when present)."""
    path = SEEDS / "001_f36debdb6fed3ac3.txt"
    if path.exists():
        return path.read_text("utf-8")
    import html
    import re

    feed = (DEMO / "feeds" / "techflow_zh.xml").read_text("utf-8")
    block = feed.split("<![CDATA[", 1)[1].split("]]>", 1)[0]
    return "\n".join(html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", block))


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The shipped aliases with the demo vault's names, pipelines loaded once."""
    return Extractor(AliasTable.shipped().merged(None, preferred=["Google", "NVIDIA", "Oracle", "Meta"]))


@pytest.fixture
def demo(tmp_path: Path) -> Settings:
    """A private copy of the embedded demo (vault, feeds, config), with its own database."""
    target = tmp_path / "demo"
    shutil.copytree(DEMO, target, ignore=shutil.ignore_patterns("state"))
    shutil.copytree(DEMO / "vault", target / "state" / "vault")  # what `make run` does on first use
    return load_settings(target / "claimlog.toml")


@pytest.fixture
def server() -> Iterator[FeedServer]:
    srv = FeedServer().start()
    yield srv
    srv.stop()


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """The real `claimlog` command in a subprocess."""
    full_env = {**os.environ, "PYTHONWARNINGS": "error"}
    full_env.pop("CLAIMLOG_DATABASE_URL", None)  # only a test's own database, never the caller's
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=cwd or ROOT,
                          env=full_env, capture_output=True, text=True, timeout=timeout)


def browser_or_skip() -> None:
    """Skip loudly where Chromium is missing; fail instead when CI requires it."""
    if CHROMIUM.exists():
        return
    msg = f"{CHROMIUM} is missing: browser tests need Debian's chromium (make test installs it as root)"
    if os.environ.get("CLAIMLOG_REQUIRE_BROWSER") == "1":
        pytest.fail(msg)
    pytest.skip("SKIPPED LOUDLY: " + msg)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One throwaway PostgreSQL server for the session (skipped loudly where it cannot start)."""
    postgres_or_skip()
    srv = PgServer().start()
    yield srv
    srv.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str | None:
    """The database a test runs against: its config's SQLite file (None), or a fresh PostgreSQL
    database through CLAIMLOG_DATABASE_URL (pass `db_env(db_url)` to run_cli)."""
    if request.param == "sqlite":
        return None
    url: str = request.getfixturevalue("pg_server").database()
    monkeypatch.setenv("CLAIMLOG_DATABASE_URL", url)
    return url


def db_env(db_url: str | None) -> dict[str, str]:
    """The environment that points a `claimlog` subprocess at the test's database."""
    return {"CLAIMLOG_DATABASE_URL": db_url} if db_url else {}
