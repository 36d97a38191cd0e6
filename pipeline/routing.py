"""Which notes a subject is a topic of: not every note that mentions its name once.

A subject is a topic of a note when it is the note's own name, an alias or tag, or when
it appears in a table row (an evidence log, a comparison table) or a heading. A wikilink
in running prose is a mention and routes nothing.
"""

from __future__ import annotations

from pipeline.notes import _HEADING, _WIKILINK, Note, _prose, split_lines


def topic_names(note: Note) -> set[str]:
    """Casefolded names a claim's subject must match to be routed to this note."""
    out = {n.casefold() for n in (*note.aliases, note.title)}
    out |= {t.split("/")[-1].casefold() for t in note.tags}
    lines = split_lines(note.content)
    for line, is_prose in zip(lines, _prose(lines), strict=True):
        text = line.strip()
        if not is_prose or not (text.startswith("|") or _HEADING.match(text)):
            continue
        out |= {m.group(1).strip().rstrip("\\").strip().casefold() for m in _WIKILINK.finditer(text)}
        if _HEADING.match(text):
            out.add(text.lstrip("#").strip().casefold())
    out.discard("")
    return out
