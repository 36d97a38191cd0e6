"""Schema migrations: a database made by the previous main, and one of the first release's schema,
are upgraded in place with nothing lost."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, text

from models import Database, database_url
from models.schema import _config, head, inspected_revision
from pipeline.config import Settings
from tests.conftest import run_cli

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "db"
PREVIOUS_MAIN = FIXTURES / "main-5dd184c.db"  # `claimlog run` on the demo by commit 5dd184c, then decisions
PREVIOUS_QUEUE = FIXTURES / "main-5dd184c.queue.jsonl"  # its `queue list --json --status all`


def table_counts(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        names = [n for (n,) in con.execute("select name from sqlite_master where type = 'table'")
                 if n != "alembic_version"]
        return {n: con.execute(f'select count(*) from "{n}"').fetchone()[0] for n in names}
    finally:
        con.close()


def test_a_database_of_the_previous_main_is_upgraded_in_place(demo: Settings) -> None:
    demo.database.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PREVIOUS_MAIN, demo.database)
    before = table_counts(demo.database)
    assert before["claim"] == 31 and before["decision"] >= 5  # the fixture is what it says

    upgraded = run_cli("db", "upgrade", "--config", str(demo.path))
    assert upgraded.returncode == 0, upgraded.stderr
    assert f"upgraded from revision none to {head()}" in upgraded.stdout

    assert table_counts(demo.database) == before
    con = sqlite3.connect(demo.database)
    assert con.execute("select version_num from alembic_version").fetchall() == [(head(),)]
    assert "modality" in {r[1] for r in con.execute("pragma table_info(claim)")}
    assert all(k[0].isdigit() for (k,) in con.execute("select key from article"))
    con.close()
    listed = run_cli("queue", "list", "--json", "--status", "all", "--config", str(demo.path))
    assert listed.returncode == 0, listed.stderr
    previous = [json.loads(line) for line in PREVIOUS_QUEUE.read_text("utf-8").splitlines()]
    fields = set(previous[0]) - {"sources"}
    now = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [{k: v for k, v in c.items() if k in fields} for c in now] == \
        [{k: v for k, v in c.items() if k in fields} for c in previous]
    # Sources now count articles (a translated article is one source in two languages):
    # the same mentions, grouped by article.
    def mentions(c: dict) -> list[tuple[int, str, str]]:
        return sorted((s["article_id"], m["lang"], m["sentence"]) for s in c["sources"]
                      for m in s.get("mentions") or [s])
    assert [mentions(c) for c in now] == [mentions(c) for c in previous]

    again = run_cli("db", "upgrade", "--config", str(demo.path))
    assert again.returncode == 0 and f"at revision {head()}, the newest" in again.stdout
    assert table_counts(demo.database) == before


def test_the_first_release_schema_gets_modality_and_per_feed_keys(tmp_path: Path) -> None:
    path = tmp_path / "first.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.upgrade(_config(conn), "0001")
        conn.execute(text("insert into feed (id, name, source_url, url, error_count, items, articles) "
                          "values (3, 'wire', 'x', 'x', 0, 1, 1)"))
        conn.execute(text("insert into article (id, key, content_hash, title, summary, body, fetched_at, extracted) "
                          "values (1, 'guid:1', 'h1', 't', '', 'b', '2026-01-01 00:00:00', 1)"))
        conn.execute(text("insert into articlefeed (article_id, feed_id) values (1, 3)"))
        conn.execute(text("insert into claim (id, fingerprint, loose_fingerprint, subject, metric, low, high, "
                          "currency, qualifier, lang, sentence, confidence, status, implication, created_at) "
                          "values (7, 'fp', 'lfp', 'Oracle', 'debt', 1, 1, 'USD', 'exact', 'en', 's', 0.5, "
                          "'pending', '', '2026-01-01 00:00:00')"))
    engine.dispose()

    db = Database(database_url(path))
    assert (db.migrated.before, db.migrated.after) == ("0001", head())
    db.close()
    con = sqlite3.connect(path)
    assert con.execute("select key from article").fetchall() == [("3|guid:1",)]
    assert con.execute("select id, modality from claim").fetchall() == [(7, "reported")]
    con.close()


def test_an_unversioned_database_is_stamped_at_the_revision_its_tables_show(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    shutil.copyfile(PREVIOUS_MAIN, path)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        assert inspected_revision(conn) == "0002"  # modality and per-feed keys: nothing to do
        conn.execute(text("update article set key = 'guid:old' where id = (select min(id) from article)"))
        assert inspected_revision(conn) == "0001"  # one key of the first release: 0002 must run
        conn.execute(text("alter table claim drop column modality"))
        conn.execute(text("update article set key = substr(key, instr(key, '|') + 1)"))
        assert inspected_revision(conn) == "0001"
    engine.dispose()
    db = Database(database_url(path))
    assert (db.migrated.before, db.migrated.after) == (None, head())
    db.close()
    con = sqlite3.connect(path)
    assert all(k[0].isdigit() for (k,) in con.execute("select key from article"))
    con.close()


def test_a_database_whose_creation_was_killed_is_finished_not_refused(tmp_path: Path) -> None:
    """A run killed while it created a new SQLite database leaves some empty tables (each
    CREATE TABLE commits on its own): the next run finishes the schema instead of exiting 6."""
    from sqlmodel import SQLModel

    path = tmp_path / "half.db"
    engine = create_engine(f"sqlite:///{path}")
    SQLModel.metadata.tables["feed"].create(engine)
    SQLModel.metadata.tables["article"].create(engine)
    engine.dispose()
    db = Database(database_url(path))
    db.close()
    con = sqlite3.connect(path)
    try:
        tables = {n for (n,) in con.execute("select name from sqlite_master where type = 'table'")}
        assert {"articlefeed", "claim", "alembic_version"} <= tables
        assert con.execute("select version_num from alembic_version").fetchone()[0] == head()
    finally:
        con.close()

    # Half the tables with a row in them is not an interrupted creation: not ours, refused.
    other = tmp_path / "other.db"
    engine = create_engine(f"sqlite:///{other}")
    SQLModel.metadata.tables["feed"].create(engine)
    with engine.begin() as conn:
        conn.execute(text("insert into feed (id, name, source_url, url, error_count, items, articles) "
                          "values (1, 'x', 'http://x', 'http://x', 0, 0, 0)"))
    engine.dispose()
    refused = run_cli("db", "upgrade", "--config", str(_config_for(tmp_path, other)))
    assert refused.returncode == 6 and "not a claimlog database" in refused.stderr


def _config_for(tmp_path: Path, db: Path) -> Path:
    (tmp_path / "vault").mkdir(exist_ok=True)
    cfg = tmp_path / "claimlog.toml"
    cfg.write_text(f'vault = "vault"\ndatabase = "{db.name}"\n', "utf-8")
    return cfg


def test_a_current_database_opens_without_alembic_and_an_older_one_still_upgrades(tmp_path: Path) -> None:
    """The version files' head, read without Alembic, is Alembic's; a database stamped at it opens
    without loading Alembic, and one a revision behind is upgraded as before."""
    import subprocess
    import sys

    from models.schema import _head_on_disk

    assert _head_on_disk() == head()
    url = database_url(tmp_path / "current.db")
    Database(url).close()
    probe = ("import sys\nfrom models import Database\nd = Database(sys.argv[1])\n"
             "print(d.migrated.before, d.migrated.after, 'alembic' in sys.modules)\n")
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", probe, url], cwd=root, capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == [str(head()), str(head()), "False"], out.stderr
    engine = create_engine(url)
    with engine.begin() as conn:  # one revision back: the newest revision's change is undone
        command.downgrade(_config(conn), "-1")
    engine.dispose()
    out = subprocess.run([sys.executable, "-c", probe, url], cwd=root, capture_output=True, text=True, timeout=120)
    before, after, loaded = out.stdout.split()
    assert before != after == str(head()) and loaded == "True", out.stderr
