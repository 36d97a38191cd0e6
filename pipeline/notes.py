"""Thesis notes: read links, tags and evidence rows; append rows atomically.

Writing never touches a byte outside the inserted rows: the note is split on "\n" only,
line endings are kept as they are, the new rows take the line ending of the table.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pipeline.checkpoints import Checkpoint, parse_checkpoints
from pipeline.errors import NoteChangedError, NoteError

_LOG_HEADING = re.compile(r"^#{2,3}\s+Evidence log\s*$", re.I)
_HEADING = re.compile(r"^#{1,6}\s")
_WIKILINK = re.compile(r"\[\[([^\]|#\n]+?)\\?(?:#[^\]|\n]*)?(?:\\?\|[^\]\n]*)?\]\]")
_TAG = re.compile(r"(?<![\w#/&\]\[(])#([\w/-]*[A-Za-z\u4e00-\u9fff][\w/-]*)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
TABLE_HEADER = "| Date | Observation | Implication |"
TABLE_RULE = "|------|-------------|-------------|"


@dataclass(frozen=True)
class Row:
    """One evidence-log row."""

    line_no: int  # 1-based line in the note
    date: str
    observation: str
    implication: str
    raw: str

    @property
    def row_hash(self) -> str:
        return hashlib.sha256(self.raw.strip().encode()).hexdigest()[:24]


@dataclass(frozen=True)
class Note:
    """A parsed note."""

    rel: str
    title: str
    content: str
    tags: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    has_log: bool = False
    content_hash: str = ""
    frontmatter: dict[str, object] = field(default_factory=dict)
    checkpoints: tuple[Checkpoint, ...] = ()  # its "What validates / invalidates" items
    problems: tuple[str, ...] = ()  # frontmatter entries that could not be read

    def names(self) -> set[str]:
        """Every name that routes a claim here: links, aliases, tags, title."""
        out = {n.casefold() for n in (*self.links, *self.aliases, self.title)}
        out |= {t.split("/")[-1].casefold() for t in self.tags}
        return out


def content_hash(data: bytes | str) -> str:
    """sha256 of the note's bytes."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def split_lines(text: str) -> list[str]:
    """Lines with their endings, split on "\\n" only."""
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def split_cells(line: str) -> list[str]:
    """Cells of a Markdown table row; escaped pipes stay inside their cell."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [c.strip() for c in _CELL_SPLIT.split(body)]


def _frontmatter(lines: list[str]) -> tuple[dict[str, object], int]:
    if not lines or lines[0].rstrip("\r\n") != "---":
        return {}, 0
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r\n") in ("---", "..."):
            try:
                data = yaml.safe_load("".join(lines[1:i])) or {}
            except (yaml.YAMLError, RecursionError):
                # Not YAML, so no front matter: a note that opens with a rule and holds its
                # evidence log before a "..." line keeps that log visible.
                return {}, 0
            return (data if isinstance(data, dict) else {}), i + 1
    return {}, 0


def _prose(lines: list[str]) -> list[bool]:
    """Per line: True outside frontmatter and fenced code (where headings and tables count)."""
    _, start = _frontmatter(lines)
    mask = [False] * start
    fence = ""
    for line in lines[start:]:
        m = _FENCE.match(line)
        if fence:
            # A fence closes with the same character, at least as long, and nothing after it.
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line[m.end():].strip():
                fence = ""
            mask.append(False)
        elif m and not (m.group(1)[0] == "`" and "`" in line[m.end():]):
            fence = m.group(1)
            mask.append(False)
        else:
            mask.append(True)
    return mask


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in re.split(r"[,\s]+", value) if v.strip()]
    if isinstance(value, list):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    return [str(value)]


def _table_bounds(lines: list[str]) -> tuple[int, int, int] | None:
    """(heading index, separator index, end index) of the evidence-log table."""
    prose = _prose(lines)
    for i, line in enumerate(lines):
        if not prose[i] or not _LOG_HEADING.match(line.rstrip("\r\n")):
            continue
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        if j + 1 < len(lines) and lines[j].lstrip().startswith("|") and re.match(r"^\s*\|?\s*:?-{2,}", lines[j + 1]):
            end = j + 2
            while end < len(lines) and lines[end].lstrip().startswith("|"):
                end += 1
            return i, j + 1, end
        return i, -1, j
    return None


def parse_note(text: str, rel: str) -> Note:
    """Title, frontmatter, tags, links, aliases and evidence rows of a note."""
    lines = split_lines(text)
    fm, _ = _frontmatter(lines)
    tags = _as_list(fm.get("tags")) if fm else []
    aliases = _as_list(fm.get("aliases")) if fm else []
    if fm and isinstance(fm.get("aliases"), str):
        aliases = [str(fm["aliases"]).strip()]
    title = str(fm.get("title") or "") if fm else ""
    links: list[str] = []
    for line, is_prose in zip(lines, _prose(lines), strict=True):
        if not is_prose:
            continue
        stripped = line.rstrip("\r\n")
        if not title and stripped.startswith("# "):
            title = stripped[2:].strip()
        if not _HEADING.match(stripped):
            tags.extend(_TAG.findall(stripped))
        for m in _WIKILINK.finditer(stripped):
            target = m.group(1).strip().rstrip("\\").strip()
            if target and target not in links:
                links.append(target)
    if not title:
        title = Path(rel).stem
    rows: list[Row] = []
    bounds = _table_bounds(lines)
    if bounds and bounds[1] >= 0:
        _, sep, end = bounds
        for k in range(sep + 1, end):
            cells = split_cells(lines[k])
            if not any(cells):
                continue
            cells += [""] * (3 - len(cells))
            rows.append(Row(k + 1, cells[0], cells[1], " | ".join(cells[2:]).strip(" |"), lines[k].rstrip("\r\n")))
    uniq_tags = list(dict.fromkeys(tags))
    checkpoints, problems = parse_checkpoints(lines, _prose(lines), fm, rel)
    return Note(rel, title, text, tuple(uniq_tags), tuple(links), tuple(aliases), tuple(rows),
                bounds is not None, content_hash(text), fm, checkpoints, problems)


def read_note(path: Path, vault: Path) -> Note:
    """Read and parse a note file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise NoteError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NoteError(str(path), f"not UTF-8 (byte {exc.start})") from exc
    return parse_note(text, path.relative_to(vault).as_posix())


def vault_notes(vault: Path) -> tuple[list[Path], list[str]]:
    """Markdown files of the vault, hidden folders (.obsidian, .trash) left out.

    Returns the notes and a warning for each file whose name is not UTF-8 (skipped: such a
    name cannot be stored, linked or printed faithfully).
    """
    if not vault.is_dir():
        raise NoteError(str(vault), "vault folder not found")
    out, skipped = [], []
    for p in sorted(vault.rglob("*.md")):
        rel = p.relative_to(vault)
        if any(part.startswith(".") for part in rel.parts):
            continue
        try:
            rel.as_posix().encode("utf-8")
        except UnicodeEncodeError:
            shown = os.fsencode(rel).decode("utf-8", "backslashreplace")
            skipped.append(f"{shown}: file name is not UTF-8; note skipped (rename it to read it)")
            continue
        out.append(p)
    return out, skipped


def note_target(vault: Path, rel: str) -> Path:
    """The file a claim's target names, if it is a writable Markdown note of the vault.

    Targets come from the queue, which reviewers and imports can edit: a target outside the
    vault, in a hidden folder (.obsidian, .trash) or not a .md note is refused.
    """
    root = vault.resolve()
    path = (vault / rel).resolve()
    if not path.is_relative_to(root):
        raise NoteError(rel, "outside the vault; not written")
    if any(part.startswith(".") for part in (*Path(rel).parts, *path.relative_to(root).parts)):
        raise NoteError(rel, "in a hidden folder of the vault; not written")
    if path.suffix.lower() != ".md":
        raise NoteError(rel, "not a Markdown note (.md); not written")
    try:
        st = path.stat()
    except OSError as exc:
        raise NoteError(rel, f"cannot read: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(st.st_mode):
        raise NoteError(rel, "not a regular file; not written")
    if not st.st_mode & stat.S_IWUSR:
        raise NoteError(rel, "read-only note; not written (make it writable to apply)")
    return path


_TEMP = re.compile(r"^\..+?\.md\.(?:(\d+)\.)?[^.]+\.tmp$", re.I)
_LEGACY_TEMP_AGE = 600.0  # seconds; temp files without a pid are stale after this


def sweep_temp_files(vault: Path) -> list[str]:
    """Remove temp files left beside notes by writes that were killed; returns their names.

    A temp file carries its writer's pid: it is stale once that process is gone.
    """
    removed = []
    for tmp in vault.rglob(".*.tmp"):
        m = _TEMP.match(tmp.name)
        rel = tmp.relative_to(vault)
        if not m or any(part.startswith(".") for part in rel.parts[:-1]) or not tmp.is_file():
            continue
        if m.group(1) is not None:
            if _alive(int(m.group(1))):
                continue
        else:
            with contextlib.suppress(OSError):
                if time.time() - tmp.stat().st_mtime < _LEGACY_TEMP_AGE:
                    continue
        with contextlib.suppress(OSError):
            tmp.unlink()
            removed.append(rel.as_posix())
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def escape_cell(text: str) -> str:
    """One line, pipes escaped (also inside [[note|alias]]), so the row stays one row."""
    text = re.sub(r"\s*[\r\n]+\s*", " ", text).strip()
    return re.sub(r"(?<!\\)\|", r"\\|", text)


def format_row(date: str, observation: str, implication: str = "") -> str:
    """`| YYYY-MM-DD | Observation | Implication |`."""
    return f"| {escape_cell(date)} | {escape_cell(observation)} | {escape_cell(implication)} |"


def plan_insert(text: str, rows: Iterable[str]) -> tuple[int, str]:
    """Where and what to insert: (offset in text, block); an empty block when nothing is new.

    Rows go at the top of the evidence log (newest first); rows already in the table are
    skipped, so inserting twice changes nothing. A note without an evidence log gets the
    section at its end.
    """
    lines = split_lines(text)
    bounds = _table_bounds(lines)
    existing = set()
    if bounds and bounds[1] >= 0:
        existing = {lines[k].strip() for k in range(bounds[1] + 1, bounds[2])}
    new: list[str] = []
    for r in rows:
        if r.strip() not in existing and r.strip() not in {n.strip() for n in new}:
            new.append(r)
    if not new:
        return len(text), ""
    nl = "\r\n" if "\r\n" in text else "\n"
    if bounds and bounds[1] >= 0:
        sep = bounds[1]
        at = sum(len(x) for x in lines[: sep + 1])
        ending = lines[sep][len(lines[sep].rstrip("\r\n")):]
        if ending:
            return at, "".join(r + ending for r in new)
        # The separator ends the file without a line break: keep it that way.
        return at, nl + nl.join(new)
    if bounds:  # the heading is there, the table is not
        head = bounds[0]
        at = sum(len(x) for x in lines[: head + 1])
        return at, "".join([nl, TABLE_HEADER + nl, TABLE_RULE + nl] + [r + nl for r in new])
    tail = "" if text.endswith("\n") or not text else nl
    lead = nl if text and not text.endswith(nl * 2) else ""
    section = f"## Evidence log{nl}{nl}{TABLE_HEADER}{nl}{TABLE_RULE}{nl}" + "".join(r + nl for r in new)
    return len(text), tail + lead + section


def insert_rows(text: str, rows: Iterable[str]) -> str:
    """The note with rows inserted at the top of its evidence log (see plan_insert)."""
    at, block = plan_insert(text, rows)
    return text[:at] + block + text[at:]


def unified_diff(old: str, new: str, name: str) -> str:
    """A unified diff of a note before and after."""
    return "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        f"a/{name}", f"b/{name}"))


def write_atomic(path: Path, data: bytes, expected_hash: str | None = None) -> None:
    """Write via a temp file in the same folder, fsync, rename.

    With `expected_hash`, refuse (NoteChangedError) when the file on disk no longer has
    that content, checked immediately before the rename.
    """
    with _Temp(path) as tmp:
        tmp.write(data)
        if expected_hash is not None and content_hash(path.read_bytes()) != expected_hash:
            raise NoteChangedError(str(path), "changed on disk while writing")
        tmp.replace()


class _Temp:
    """A temp file beside the note, named with our pid so a later apply can tell it is stale."""

    def __init__(self, path: Path) -> None:
        self.path = path
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
        self.fh = os.fdopen(fd, "wb")
        self.name = name
        with contextlib.suppress(OSError):
            os.chmod(name, path.stat().st_mode & 0o7777)

    def __enter__(self) -> _Temp:
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(OSError):  # a full disk fails the flush on close as well
            self.fh.close()
        with contextlib.suppress(OSError):
            os.unlink(self.name)

    def write(self, data: bytes) -> None:
        """Add bytes and make them durable."""
        self.fh.write(data)
        self.fh.flush()
        os.fsync(self.fh.fileno())

    def replace(self) -> None:
        """Rename over the note; the folder is synced so the rename survives a crash."""
        os.replace(self.name, self.path)
        with contextlib.suppress(OSError):
            dfd = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)


def _pread_all(fd: int) -> bytes:
    size = os.fstat(fd).st_size
    chunks: list[bytes] = []
    pos = 0
    while True:
        chunk = os.pread(fd, max(size - pos, 0) + 65536, pos)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        pos += len(chunk)


_MAX_RESTARTS = 20
_MAX_CATCH_UPS = 2000


def append_rows(path: Path, rows: list[str]) -> tuple[str, str]:
    """Insert rows into a note on disk; returns (old text, new text).

    The user may edit the note while we write (an editor saving, a script appending). The
    note's content is compared with what we read immediately before the atomic rename:
    bytes appended meanwhile are appended to our copy too, any other change makes us read
    the note again. A writer that opened the note just before the rename wrote to the old
    file: those bytes are carried over to the new one. No edit is lost.
    """
    for _ in range(_MAX_RESTARTS):
        try:
            fh = path.open("rb")
        except OSError as exc:
            raise NoteError(str(path), f"cannot read: {exc.strerror or exc}") from exc
        with fh:
            raw = _pread_all(fh.fileno())
            try:
                old = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise NoteError(str(path), f"not UTF-8 (byte {exc.start})") from exc
            at, block = plan_insert(old, rows)
            if not block:
                return old, old
            cut = len(old[:at].encode("utf-8"))
            data = raw[:cut] + block.encode("utf-8") + raw[cut:]
            try:
                done = _write_checked(path, fh.fileno(), raw, data, appendable=cut < len(raw))
            except OSError as exc:
                raise NoteError(str(path), f"cannot write: {exc.strerror or exc}") from exc
            if done is not None:
                return old, done.decode("utf-8", "replace")
    raise NoteChangedError(str(path), f"kept changing while writing; tried {_MAX_RESTARTS} times")


def _write_checked(path: Path, fd: int, known: bytes, data: bytes, appendable: bool) -> bytes | None:
    """Write `data` in place of `known`; the bytes written, or None when the note must be read again.

    `appendable`: the rows go before the end of the note, so bytes appended to the note
    belong after ours unchanged.
    """
    with _Temp(path) as tmp:
        tmp.write(data)
        for _ in range(_MAX_CATCH_UPS):
            read_at = os.fstat(fd)
            on_disk = _pread_all(fd)
            if on_disk != known:
                if not (appendable and on_disk.startswith(known)):
                    return None
                tmp.write(on_disk[len(known):])
                data += on_disk[len(known):]
                known = on_disk
                continue
            # The content matched; stat tells whether anything changed since it was read.
            try:
                current = os.stat(path)
            except OSError:
                return None
            held = os.fstat(fd)
            if (current.st_dev, current.st_ino) != (held.st_dev, held.st_ino):
                return None
            if (held.st_size, held.st_mtime_ns) != (len(known), read_at.st_mtime_ns):
                continue
            tmp.replace()
            break
        else:
            return None
    late = _pread_all(fd)
    if late == known:
        return data
    # Someone wrote to the old file between our check and the rename: carry their bytes over.
    if not (appendable and late.startswith(known)):
        return None
    with path.open("rb") as fh2:
        now = _pread_all(fh2.fileno())
        if not now.startswith(data):
            return None
        merged = data + late[len(known):] + now[len(data):]
        return _write_checked(path, fh2.fileno(), now, merged, appendable)
