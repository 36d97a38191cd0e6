"""The `claimlog` command line."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pipeline.cli_group import Group
from pipeline.errors import ClaimlogError

# Everything else loads in the command that needs it: `claimlog --help`, `queue list` and
# `feeds` start without the extractor, spaCy, the fetcher or rich's tables and progress bars.
if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

EXIT_CODES = ("Exit codes: 0 every feed read; 5 some feeds failed (the run still did its work); "
              "1 every feed failed; 2 usage or configuration error; 3 another run holds the lock; "
              "4 the database stayed locked; 6 database unreachable or misconfigured; 70 unexpected crash "
              "(the traceback goes to a file named on stderr).")

app = typer.Typer(cls=Group, help="Turn financial news into reviewed evidence for Markdown thesis notes.",
                  epilog=EXIT_CODES, no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                  context_settings={"help_option_names": ["-h", "--help"]}, rich_markup_mode=None)
queue_app = typer.Typer(cls=Group, help="The review queue from the shell.", no_args_is_help=True, rich_markup_mode=None)
notes_app = typer.Typer(cls=Group, help="The vault's notes and evidence logs.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(queue_app, name="queue")
app.add_typer(notes_app, name="notes")


class _Console:
    """rich's Console, made on first use, so that `--help` never loads rich."""

    def __init__(self, stderr: bool = False) -> None:
        self._stderr = stderr
        self._real: Console | None = None

    def __getattr__(self, name: str) -> Any:
        if self._real is None:
            from rich.console import Console

            # Under cron there is no terminal: wide plain tables read better in a log than folded ones.
            terminal = Console(stderr=self._stderr).is_terminal
            self._real = Console(stderr=self._stderr, width=None if terminal else 160)
        return getattr(self._real, name)


out: Any = _Console()
err: Any = _Console(stderr=True)

def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("claimlog")
        except PackageNotFoundError:
            number = "unknown"
        out.print(f"claimlog {number}", highlight=False)
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Print the version and exit.")] = False) -> None:
    """Turn financial news into reviewed evidence for Markdown thesis notes."""


ConfigOpt = Annotated[Path | None, typer.Option("--config", "-c", help="claimlog.toml (default ./claimlog.toml, then $CLAIMLOG_CONFIG).")]


def _settings(config: Path | None) -> Any:
    from pipeline.config import load_settings
    from pipeline.runlog import open_log

    settings = load_settings(config)
    open_log(settings)  # from here on, a crash leaves its traceback in [log] file
    return settings


def _db(settings: Any) -> Any:
    from models import Database, database_url

    return Database(database_url(settings.database))


def _line(label: str, style: str, message: object) -> Text:
    """A styled label, then the message as plain text: feed, note and config text is never markup."""
    from rich.text import Text

    return Text.assemble((label, style), " ", str(message))


def _settle() -> None:
    """Exempt what is loaded by now (modules, tables, compiled rules) from garbage collection:
    it lives as long as the process, and every full collection of a long listing walked it all
    again (a quarter of `queue list --json` at 60,000 claims)."""
    import gc

    gc.collect()
    gc.freeze()


def _fail(exc: Exception, code: int = 2) -> None:
    err.print(_line("error:", "red", exc), highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _langs(r: dict[str, Any]) -> list[str]:
    """The languages the claim's sources state it in, its own first."""
    langs = [r["lang"]]
    for src in r["sources"]:
        langs += [lang for lang in src.get("langs", [src.get("lang")]) if lang and lang not in langs]
    return langs


def _compared(r: dict[str, Any]) -> str:
    """Conflicts and the change against the last known value, as the reviewer reads them."""
    parts = [f["message"] for f in r.get("flags", []) if f.get("kind") == "conflict"]
    if r.get("change"):
        parts.append(r["change"]["text"])
    return "; ".join(parts)


# Column shares of a table printed in chunks: its widths then come from the console, not the rows.
_RATIOS = {"id": 2, "subject": 5, "metric": 4, "value": 4, "period": 3, "modality": 3, "lang": 2, "sources": 2,
           "source": 6, "compared": 6}


def claims_table(rows: list[dict[str, Any]], title: str | None, header: bool = True, steady: bool = False) -> Table:
    """Subject, metric, value, period, source of claims. `steady`: the same widths for every chunk."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, show_lines=False, show_header=header, expand=steady)
    for col_name, ratio in _RATIOS.items():
        table.add_column(col_name, overflow="fold", ratio=ratio if steady else None)
    for r in rows:
        src = r["sources"][0] if r["sources"] else {}
        feeds = ", ".join(src.get("feeds", [])) if src else ""
        table.add_row(*(Text(str(v)) for v in (r["id"], r["subject"], r["metric"], r["value"], r["period"] or "",
                                               r["modality"], "+".join(_langs(r)), len(r["sources"]),
                                               feeds or (src.get("title") or ""), _compared(r))))
    return table


TABLE_CHUNK = 200  # claims a `run --table` reads and prints at a time
# (column, weight): the new claims' table, printed as it is read.
CLAIM_COLUMNS = [("id", 6), ("subject", 14), ("metric", 12), ("value", 12), ("period", 9), ("modality", 9),
                 ("lang", 5), ("sources", 7), ("source", 24), ("compared", 24)]


def _claim_cells(r: dict[str, Any]) -> tuple[Any, ...]:
    src = r["sources"][0] if r["sources"] else {}
    feeds = ", ".join(src.get("feeds", [])) if src else ""
    return (r["id"], r["subject"], r["metric"], r["value"], r["period"] or "", r["modality"], "+".join(_langs(r)),
            len(r["sources"]), feeds or (src.get("title") or ""), _compared(r))


@app.command(epilog=EXIT_CODES)
def run(
    config: ConfigOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="For cron: print only errors and, if any, "
                                        "one line with the count of new claims.")] = False,
    table: Annotated[bool, typer.Option("--table", help="Print every new claim (the default on a terminal).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object: the run's summary "
                                          "(failures included); warnings still go to stderr.")] = False,
) -> None:
    """The nightly job: fetch every feed, store new articles, extract, dedup, queue."""
    import time

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.text import Text

    from pipeline import runlog
    from pipeline.errors import LockedError
    from pipeline.run import run as run_pipeline

    try:
        settings = _settings(config)
    except ClaimlogError as exc:
        _fail(exc)
    quiet = quiet or as_json
    interactive = err.is_terminal and not quiet

    def report(stage: str, message: str) -> None:
        runlog.log(stage, message)
        # Failed feeds and articles are listed once, after the run; progress only off a terminal.
        if stage == "error":
            err.print(_line("warning:", "yellow", message), highlight=False, soft_wrap=True)
        elif stage not in ("failed", "backoff") and not interactive and not quiet:
            err.print(Text(f"{stage}: {message}"), highlight=False, soft_wrap=True)

    progress_bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), console=err, transient=True) if interactive else None

    def progress(stage: str, total: int) -> Any:
        if progress_bar is None:
            return None
        task = progress_bar.add_task(stage, total=total)
        return lambda n: progress_bar.advance(task, n)

    runlog.log("run", f"started: {len(settings.feeds)} feeds, config {settings.path}")
    try:
        if progress_bar:
            with progress_bar:
                summary = run_pipeline(settings, report, progress)
        else:
            summary = run_pipeline(settings, report, None)
    except LockedError as exc:
        runlog.log("error", str(exc))
        _fail(exc, 3)
    except ClaimlogError as exc:
        runlog.log("error", str(exc))
        _fail(exc)
    runlog.log("run", runlog.closing_line(summary))
    started = time.perf_counter()
    if as_json:
        from pipeline.json_out import dumps, run_json

        sys.stdout.write(dumps(run_json(summary)))
    else:
        _run_report(settings, summary, quiet, table or (out.is_terminal and not quiet))
    runlog.log("run", runlog.stages_line(summary, time.perf_counter() - started))
    raise typer.Exit(summary.exit_code)


def _run_report(settings: Any, summary: Any, quiet: bool, table: bool) -> None:
    """What a run prints when it is done: new claims, the summary, each failure once."""
    from rich.table import Table
    from sqlmodel import col, select

    from models import ClaimRecord
    from pipeline.queue import claim_views

    st = summary.stats
    queued = len(st.queued_ids)
    if table and queued:
        from pipeline.stream_table import stream_table

        db = _db(settings)

        def chunks() -> Any:  # claims read and printed TABLE_CHUNK at a time
            for start in range(0, queued, TABLE_CHUNK):
                ids = st.queued_ids[start:start + TABLE_CHUNK]
                with db.session() as s:
                    recs = {r.id: r for r in s.exec(select(ClaimRecord).where(col(ClaimRecord.id).in_(ids))).all()}
                    yield [_claim_cells(r) for r in claim_views(s, [recs[i] for i in ids if i in recs])]

        stream_table(out, CLAIM_COLUMNS, f"{queued} new claims queued for review", chunks())
    elif queued:
        out.print(f"{queued} new claim{'s' if queued != 1 else ''} queued for review "
                  "(claimlog queue list, or claimlog review)", highlight=False)
    elif not quiet:
        out.print(_nothing_new(summary), highlight=False)
    for name, error in summary.failed.items():
        err.print(_line("feed failed:", "red", f"{name}: {error}"), highlight=False, soft_wrap=True)
    for title, why in summary.failed_articles.items():
        err.print(_line("article not extracted:", "red", f"{title}: {why}"), highlight=False, soft_wrap=True)
    if quiet:
        return
    for name, why in summary.backing_off.items():
        err.print(_line("feed backing off:", "yellow", f"{name}: {why}"), highlight=False, soft_wrap=True)
    for line in summary.translation:
        out.print(_line("translation mismatch:", "yellow", line), highlight=False, soft_wrap=True)
    summary_table = Table(title="Run summary", show_header=False)
    summary_table.add_column("what")
    summary_table.add_column("count", justify="right")
    for label, value in (("feeds read", f"{summary.read + summary.not_modified}/{summary.feeds}"),
                         ("  unchanged since last run", summary.not_modified),
                         ("  failed", len(summary.failed)), ("  backing off", len(summary.backing_off)),
                         ("new articles", summary.new_articles), ("articles extracted", summary.extracted),
                         ("claims found", st.found), ("dropped as already known", st.known),
                         ("merged into queued claims", st.merged),
                         ("  of which within one article", st.same_article), ("queued", st.queued),
                         ("  of which likely duplicates", st.flagged), ("  of which conflicting", st.conflicts),
                         ("translation mismatches flagged", len(summary.translation))):
        summary_table.add_row(label, str(value))
    out.print(summary_table)


def _nothing_new(summary: Any) -> str:
    """Why no claim was queued, without claiming more than the run saw."""
    if summary.feeds and not summary.read + summary.not_modified:
        return "No feed could be read, so nothing was checked; see the errors above."
    if not summary.stats.found:
        if not summary.extracted:
            return "Nothing new to review: no new articles since the last run."
        return "Nothing new to review: the new articles hold no claims."
    return "Nothing new to review: every claim found is already in the notes or the queue."


@app.command()
def extract(
    jsonl: Annotated[Path, typer.Option("--jsonl", help="Input: one JSON object per line ('-' for stdin).")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Output file (default stdout).")] = None,
    config: ConfigOpt = None,
) -> None:
    """Extraction only: one JSON line in, one out (the extraction contract)."""
    from extractors.claims import Extractor
    from pipeline.extract_io import run_extract

    aliases = None
    if config is not None:
        try:
            from pipeline.vault import alias_table, read_vault

            settings = _settings(config)
            notes, _ = read_vault(settings.vault)
            aliases = alias_table(notes, settings.aliases)
        except ClaimlogError as exc:
            _fail(exc)
    extractor = Extractor(aliases)
    try:
        fout = output.open("w", encoding="utf-8") if output else sys.stdout
    except OSError as exc:
        _fail(ClaimlogError(f"{output}: cannot write: {exc.strerror or exc}"))
    src = sys.stdin if str(jsonl) == "-" else None
    try:
        fin = src or jsonl.open("r", encoding="utf-8", errors="replace")
    except OSError as exc:
        if output:
            fout.close()
        _fail(ClaimlogError(f"{jsonl}: cannot read: {exc.strerror}"))
    try:
        counts = run_extract(fin, fout, extractor, lambda msg: err.print(msg, style="yellow", markup=False,
                                                                          highlight=False))
    except OSError as exc:
        _fail(ClaimlogError(f"{output or 'stdout'}: cannot write: {exc.strerror or exc}"))
    finally:
        if fin is not sys.stdin:
            fin.close()
        if output:
            with contextlib.suppress(OSError):
                fout.close()
    if counts.errors:
        err.print(f"{counts.errors} line(s) could not be read; see the error lines in the output")
    if counts.errors and not counts.done:
        raise typer.Exit(1)


@app.command()
def review(
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 8765,
    host: Annotated[str, typer.Option(help="Bind address; anything but loopback needs [review] token.")] = "127.0.0.1",
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Do not open a browser.")] = False,
    config: ConfigOpt = None,
) -> None:
    """The review queue as a local web page."""
    from pipeline.review.app import serve

    try:
        settings = _settings(config)
        serve(settings, host=host, port=port, open_browser=not no_browser)
    except ClaimlogError as exc:
        _fail(exc)


@queue_app.command("list")
def queue_list(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per claim.")] = False,
    status: Annotated[str, typer.Option(help="pending, approved, rejected, skipped, applied, or all.")] = "pending",
    config: ConfigOpt = None,
) -> None:
    """List queued claims."""
    from pipeline.states import STATES

    if status != "all" and status not in STATES:
        _fail(ClaimlogError(f"unknown status {status!r}; use one of {', '.join(STATES)} or all"))
    try:
        settings = _settings(config)
        db = _db(settings)
    except ClaimlogError as exc:
        _fail(exc)
    from pipeline.listing import listing_json_views, listing_views, write_json_lines
    from pipeline.queue import count_claims

    _settle()

    # Rows are written as they are read, a chunk at a time: 60,000 claims never sit in memory.
    wanted = None if status == "all" else status
    with db.session() as s:
        if as_json:
            sys.stdout.flush()
            buffer = getattr(sys.stdout, "buffer", None)  # a captured stdout may hold text only
            write_json_lines(listing_json_views(s, wanted, settings.vault),
                             buffer.write if buffer is not None else lambda b: sys.stdout.write(b.decode()))
            return
        title: str | None = f"{count_claims(s, wanted)} {status} claims"
        chunks = listing_views(s, wanted, settings.vault)
        for views in chunks:
            out.print(claims_table(views, title, header=title is not None, steady=True))
            title = None
        if title is not None:
            out.print(claims_table([], title))


def _decide(ids: list[int], action: str, config: Path | None) -> None:
    from pipeline.queue import decide

    try:
        recs = decide(_db(_settings(config)), ids, action)
    except ClaimlogError as exc:
        _fail(exc)
    for r in recs:
        out.print(f"claim {r.id}: {r.status}")


@queue_app.command("approve")
def queue_approve(ids: list[int], config: ConfigOpt = None) -> None:
    """Approve claims by id."""
    _decide(ids, "approve", config)


@queue_app.command("reject")
def queue_reject(ids: list[int], config: ConfigOpt = None) -> None:
    """Reject claims by id."""
    _decide(ids, "reject", config)


@queue_app.command("skip")
def queue_skip(ids: list[int], config: ConfigOpt = None) -> None:
    """Skip claims by id: decide later."""
    _decide(ids, "skip", config)


@queue_app.command("reopen")
def queue_reopen(ids: list[int], config: ConfigOpt = None) -> None:
    """Put skipped, approved or rejected claims back in the pending queue."""
    _decide(ids, "reopen", config)


@queue_app.command("undo")
def queue_undo(config: ConfigOpt = None) -> None:
    """Undo the last decision."""
    from pipeline.queue import undo

    try:
        dec = undo(_db(_settings(config)))
    except ClaimlogError as exc:
        _fail(exc)
    out.print(f"undid {dec.action} of claim {dec.claim_id}" if dec else "nothing to undo")


@queue_app.command("edit")
def queue_edit(
    claim_id: int,
    field: Annotated[list[str], typer.Option("--set", help="field=value; repeat. Fields: subject, metric, low, high, currency, qualifier, per, period, observation, implication, theses.")],
    config: ConfigOpt = None,
) -> None:
    """Edit a claim's fields; the original values are kept beside the new ones."""
    from pipeline.queue import edit

    changes = {}
    for item in field:
        if "=" not in item:
            _fail(ClaimlogError(f"--set takes field=value, not {item!r}"))
        k, v = item.split("=", 1)
        changes[k.strip()] = v
    try:
        rec = edit(_db(_settings(config)), claim_id, changes)
    except ClaimlogError as exc:
        _fail(exc)
    out.print(f"claim {rec.id} edited")


@app.command()
def apply(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the diff; write nothing.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Append approved claims to their thesis notes' evidence logs."""
    from pipeline.queue import apply_approved

    try:
        settings = _settings(config)
        result = apply_approved(_db(settings), settings.vault, dry_run=dry_run)
    except ClaimlogError as exc:
        _fail(exc)
    for diff in result.diffs.values():
        sys.stdout.write(diff)
    for name in result.removed:
        err.print(f"removed {name}, left by an interrupted write", markup=False, highlight=False)
    for msg in result.skipped:
        err.print(_line("skipped:", "yellow", msg), highlight=False, soft_wrap=True)
    for msg in result.errors:
        err.print(_line("not written:", "red", msg), highlight=False, soft_wrap=True)
    verb = "would change" if dry_run else "changed"
    out.print(f"{verb} {len(result.diffs)} note(s); {len(result.applied)} claim(s) applied", highlight=False)
    if result.errors:
        raise typer.Exit(1)


@notes_app.command("scan")
def notes_scan(config: ConfigOpt = None,
               as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object: notes and counts.")] = False,
               ) -> None:
    """Parse the vault's notes and evidence logs into the database."""
    from extractors.claims import Extractor
    from pipeline.vault import alias_table, read_vault, scan

    try:
        settings = _settings(config)
        notes, errors = read_vault(settings.vault)
        extractor = Extractor(alias_table(notes, settings.aliases))
        result = scan(_db(settings), settings.vault, extractor, notes)
    except ClaimlogError as exc:
        _fail(exc)
    for e in errors:
        err.print(_line("warning:", "yellow", e), highlight=False, soft_wrap=True)
    if as_json:
        from pipeline.json_out import dumps, notes_json

        sys.stdout.write(dumps(notes_json(notes, result.rows, result.claims, errors)))
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{len(notes)} notes")
    for c in ("note", "links", "tags", "evidence rows"):
        table.add_column(c)
    for n in notes:
        table.add_row(Text(n.rel), str(len(n.links)), str(len(n.tags)), str(len(n.rows)))
    out.print(table)
    out.print(f"{result.rows} evidence rows, {result.claims} claims read from changed notes")


@app.command()
def digest(
    note: Annotated[str | None, typer.Option("--note", "-n", help="Only this note (its file name or title).")] = None,
    since: Annotated[str | None, typer.Option(help="Only claims published on or after this date (YYYY-MM-DD).")] = None,
    config: ConfigOpt = None,
) -> None:
    """Per note, the new claims by checkpoint and the largest changes, as Markdown on stdout."""
    from datetime import date

    from pipeline.digest import build, markdown

    try:
        day = date.fromisoformat(since) if since else None
    except ValueError:
        _fail(ClaimlogError(f"--since takes a date as YYYY-MM-DD, not {since!r}"))
    try:
        settings = _settings(config)
        parts = build(_db(settings), settings.vault, note, day)
    except ClaimlogError as exc:
        _fail(exc)
    if note is not None and not parts:
        _fail(ClaimlogError(f"no note named {note!r} in {settings.vault}"))
    sys.stdout.write(markdown(parts, day))


@app.command()
def feeds(config: ConfigOpt = None,
          as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object: every feed's state.")] = False,
          ) -> None:
    """Every feed with its last status, last success, error count and items."""
    from pipeline.feed_state import feed_status

    try:
        rows = feed_status(_db(_settings(config)))
    except ClaimlogError as exc:
        _fail(exc)
    if as_json:
        from pipeline.json_out import dumps, feeds_json

        sys.stdout.write(dumps(feeds_json(rows)))
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{len(rows)} feeds")
    for c in ("feed", "status", "last success", "errors", "items", "articles", "last error"):
        table.add_column(c, overflow="fold")
    for f in rows:
        table.add_row(Text(f.name), Text(f.last_status or "never fetched"),
                      f"{f.last_success:%Y-%m-%d %H:%M}" if f.last_success else "-",
                      str(f.error_count), str(f.items), str(f.articles), Text(f.last_error or ""))
    out.print(table)


from pipeline.dbcli import db_app  # noqa: E402  (its commands use this module's helpers)

app.add_typer(db_app, name="db")


def main() -> None:
    """Entry point of the console script: every failure is one line and an exit code."""
    try:
        app()
    except Exception as exc:
        # The database layer is imported only by commands that open one (so that `--help`
        # starts fast); an error of its classes can only come once it is loaded.
        db = sys.modules.get("models.db")
        if db is not None and isinstance(exc, db.DatabaseLockedError):
            err.print(_line("error:", "red", exc), highlight=False, soft_wrap=True)
            sys.exit(4)
        if db is not None and isinstance(exc, db.DatabaseError):
            err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
            sys.exit(6)
        _crashed(exc)


def _crashed(exc: Exception) -> None:
    """A bug: one line here, the traceback in the log file (else a file of its own).
    Called while `exc` is being handled, so the traceback is still at hand."""
    import tempfile
    import traceback

    from pipeline.runlog import crash as log_crash

    where = log_crash(exc)
    if where is None:
        fd, named = tempfile.mkstemp(prefix="claimlog-crash-", suffix=".txt")
        with os.fdopen(fd, "w") as fh:
            traceback.print_exc(file=fh)
        where = Path(named)
    err.print(f"claimlog crashed: {type(exc).__name__}: {exc} (traceback in {where})",
              markup=False, highlight=False, soft_wrap=True)
    sys.exit(70)


if __name__ == "__main__":
    main()
