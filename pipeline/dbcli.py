"""`claimlog db`: schema upgrades and copies between databases."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli_group import Group

db_app = typer.Typer(cls=Group, help="The database: schema upgrades, copies to another database.", no_args_is_help=True, rich_markup_mode=None)


@db_app.command("upgrade")
def db_upgrade(config: Annotated[Path | None, typer.Option("--config", "-c", help="claimlog.toml.")] = None) -> None:
    """Upgrade the database's schema to this build's (every command also does it at start)."""
    from pipeline.cli import _db, _fail, _settings, out
    from pipeline.errors import ClaimlogError

    try:
        db = _db(_settings(config))
    except ClaimlogError as exc:
        _fail(exc)
    before, after = db.migrated.before, db.migrated.after
    db.close()
    if before == after:
        out.print(f"database {db.where} is at revision {after}, the newest", highlight=False, soft_wrap=True)
    else:
        out.print(f"database {db.where} upgraded from revision {before or 'none'} to {after}",
                  highlight=False, soft_wrap=True)


@db_app.command("copy")
def db_copy(
    to: Annotated[str, typer.Option("--to", help="Target: a database URL (postgresql+psycopg://user@host/db) "
                                    "or a SQLite file path. It must be empty.")],
    config: Annotated[Path | None, typer.Option("--config", "-c", help="claimlog.toml.")] = None,
) -> None:
    """Copy every table, ids kept, into an empty database (SQLite to PostgreSQL, or any to any)."""
    from models import Database
    from pipeline.cli import _db, _fail, _settings, out
    from pipeline.dbcopy import copy_database
    from pipeline.errors import ClaimlogError

    url = to if "://" in to else f"sqlite:///{Path(to).resolve()}"
    try:
        source = _db(_settings(config))
    except ClaimlogError as exc:
        _fail(exc)
    target = Database(url)
    try:
        copied = copy_database(source, target)
    except ClaimlogError as exc:
        _fail(exc)
    finally:
        source.close()
        target.close()
    counts = ", ".join(f"{name} {n}" for name, n in copied.rows.items() if n)
    out.print(f"copied {sum(copied.rows.values())} rows from {source.where} to {target.where}"
              + (f" ({counts})" if counts else ""), highlight=False, soft_wrap=True)
