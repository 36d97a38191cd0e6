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
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pipeline.errors import NoteChangedError, NoteError

_LOG_HEADING = re.compile(r"^#{2,3}\s+Evidence log\s*$", re.I)
_HEADING = re.compile(r"^#{1,6}\s")
_WIKILINK = re.compile(r"\[\[([^\]|#\n]+?)\\?(?:#[^\]|\n]*)?(?:\\?\|[^\]\n]*)?\]\]")
_TAG = re.compile(r"(?<![\w#/&\]\[(])#([\w/-]*[A-Za-z\u4e00-\u9fff][\w/-]*)")
_FENCE = re.compile(r"^(```|~~~)")
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
            except yaml.YAMLError:
                return {}, i + 1
            return (data if isinstance(data, dict) else {}), i + 1
    return {}, 0


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
    in_fence = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
        if in_fence or not _LOG_HEADING.match(line.rstrip("\r\n")):
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
    fm, body_start = _frontmatter(lines)
    tags = _as_list(fm.get("tags")) if fm else []
    aliases = _as_list(fm.get("aliases")) if fm else []
    if fm and isinstance(fm.get("aliases"), str):
        aliases = [str(fm["aliases"]).strip()]
    title = str(fm.get("title") or "") if fm else ""
    in_fence = False
    links: list[str] = []
    for line in lines[body_start:]:
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
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
    return Note(rel, title, text, tuple(uniq_tags), tuple(links), tuple(aliases), tuple(rows),
                bounds is not None, content_hash(text), fm)


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


def vault_notes(vault: Path) -> list[Path]:
    """Markdown files of the vault, hidden folders (.obsidian, .trash) left out."""
    if not vault.is_dir():
        raise NoteError(str(vault), "vault folder not found")
    out = []
    for p in sorted(vault.rglob("*.md")):
        if any(part.startswith(".") for part in p.relative_to(vault).parts):
            continue
        out.append(p)
    return out


def escape_cell(text: str) -> str:
    """One line, pipes escaped (also inside [[note|alias]]), so the row stays one row."""
    text = re.sub(r"\s*[\r\n]+\s*", " ", text).strip()
    return re.sub(r"(?<!\\)\|", r"\\|", text)


def format_row(date: str, observation: str, implication: str = "") -> str:
    """`| YYYY-MM-DD | Observation | Implication |`."""
    return f"| {escape_cell(date)} | {escape_cell(observation)} | {escape_cell(implication)} |"


def insert_rows(text: str, rows: Iterable[str]) -> str:
    """The note with rows inserted at the top of its evidence log (newest first).

    Rows already in the table are skipped, so inserting twice changes nothing. A note
    without an evidence log gets the section at its end.
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
        return text
    nl = "\r\n" if "\r\n" in text else "\n"
    if bounds and bounds[1] >= 0:
        sep = bounds[1]
        ending = lines[sep][len(lines[sep].rstrip("\r\n")):]
        if ending:
            block = [r + ending for r in new]
            return "".join(lines[: sep + 1] + block + lines[sep + 1:])
        # The separator ends the file without a line break: keep it that way.
        return "".join(lines[: sep + 1]) + nl + nl.join(new)
    if bounds:  # the heading is there, the table is not
        head = bounds[0]
        block = ["" + nl, TABLE_HEADER + nl, TABLE_RULE + nl] + [r + nl for r in new]
        return "".join(lines[: head + 1] + block + lines[head + 1:])
    tail = "" if text.endswith("\n") or not text else nl
    lead = nl if text and not text.endswith(nl * 2) else ""
    section = f"## Evidence log{nl}{nl}{TABLE_HEADER}{nl}{TABLE_RULE}{nl}" + "".join(r + nl for r in new)
    return text + tail + lead + section


def unified_diff(old: str, new: str, name: str) -> str:
    """A unified diff of a note before and after."""
    return "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        f"a/{name}", f"b/{name}"))


def write_atomic(path: Path, data: bytes, expected_hash: str | None = None) -> None:
    """Write via a temp file in the same folder, fsync, rename.

    With `expected_hash`, refuse (NoteChangedError) when the file on disk no longer has
    that content: someone edited it since it was read.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        if expected_hash is not None and content_hash(path.read_bytes()) != expected_hash:
            raise NoteChangedError(str(path), "changed on disk while writing")
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        dfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def append_rows(path: Path, rows: list[str], attempts: int = 5) -> tuple[str, str]:
    """Insert rows into a note on disk; returns (old text, new text).

    Reads, inserts, and writes only if the file still holds what was read; if the user
    edited it meanwhile, reads again and re-applies, so their edit is kept.
    """
    for _ in range(attempts):
        try:
            raw = path.read_bytes()
            old = raw.decode("utf-8")
        except OSError as exc:
            raise NoteError(str(path), f"cannot read: {exc.strerror or exc}") from exc
        except UnicodeDecodeError as exc:
            raise NoteError(str(path), f"not UTF-8 (byte {exc.start})") from exc
        new = insert_rows(old, rows)
        if new == old:
            return old, old
        try:
            write_atomic(path, new.encode("utf-8"), expected_hash=content_hash(raw))
        except NoteChangedError:
            continue
        except OSError as exc:
            raise NoteError(str(path), f"cannot write: {exc.strerror or exc}") from exc
        return old, new
    raise NoteChangedError(str(path), f"kept changing while writing; tried {attempts} times")
