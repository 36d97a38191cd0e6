"""The annotated dev set: an authoring format that is quick to write, built into JSONL.

Authoring format (fixtures/extract/dev_*.txt):

    ## <id> <lang: en|zh|-> <published: YYYY-MM-DD|->
    Text, with each money figure marked {as written|value|CUR|q=..|per=..|p=..}
    @ https://source.example/page   (real corpus: where the text was copied from)
    > subject; metric; value; CUR; period-or-dash[; modality]

`value` is a number (135e9, -23.7e9) or a range (52e9..56e9). q defaults to exact, per
and p (the governing period) to null, modality to reported. Lines starting with ">" are
the claims the text makes, "@ " the source; the text is every other line of the block,
joined by newlines. fixtures/extract/GUIDE.md says what to mark.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

MODALITIES = ("reported", "guidance", "estimate", "forecast")
_HEADER = re.compile(r"^## (\S+) (en|zh|-) (\d{4}-\d{2}-\d{2}|-)\s*$")
_MARK = re.compile(r"\{([^{}|]+)\|([^{}|]+)\|([A-Z]{3})((?:\|[a-z]+=[^{}|]*)*)\}")


def _value(text: str) -> tuple[float, float]:
    if ".." in text:
        lo, hi = text.split("..")
        return float(lo), float(hi)
    v = float(text)
    return v, v


def parse_block(id_: str, lang: str, published: str, lines: list[str]) -> dict[str, Any]:
    """One authored block -> one dev record with offsets."""
    text_lines = [ln for ln in lines if not ln.startswith(("> ", "@ "))]
    claim_lines = [ln[2:] for ln in lines if ln.startswith("> ")]
    sources = [ln[2:].strip() for ln in lines if ln.startswith("@ ")]
    raw = "\n".join(text_lines).strip("\n")
    money: list[dict[str, Any]] = []
    out: list[str] = []
    pos = 0
    length = 0
    for m in _MARK.finditer(raw):
        out.append(raw[pos:m.start()])
        length += m.start() - pos
        span_text = m.group(1)
        low, high = _value(m.group(2))
        opts = dict(o.split("=", 1) for o in m.group(4).split("|") if o)
        money.append({"text": span_text, "start": length, "end": length + len(span_text),
                      "low": low, "high": high, "currency": m.group(3),
                      "qualifier": opts.get("q", "exact"), "per": opts.get("per") or None,
                      "period": opts.get("p") or None})
        out.append(span_text)
        length += len(span_text)
        pos = m.end()
    out.append(raw[pos:])
    text = "".join(out)
    if "{" in text or "}" in text:
        raise ValueError(f"{id_}: unbalanced or malformed mark in {text!r}")
    claims = []
    for cl in claim_lines:
        parts = [p.strip() for p in cl.split(";")]
        if len(parts) not in (5, 6):
            raise ValueError(f"{id_}: claim needs 5 or 6 fields: {cl!r}")
        modality = parts[5] if len(parts) == 6 else None
        if modality is not None and modality not in MODALITIES:
            raise ValueError(f"{id_}: unknown modality {modality!r}")
        low, high = _value(parts[2])
        claims.append({"subject": parts[0], "metric": parts[1], "low": low, "high": high,
                       "currency": parts[3], "period": None if parts[4] == "-" else parts[4],
                       "modality": modality})
    for mny in money:
        assert text[mny["start"]:mny["end"]] == mny["text"]
    rec = {"id": id_, "text": text, "lang": None if lang == "-" else lang,
           "published": None if published == "-" else published,
           "money": money, "claims": claims}
    if sources:
        rec["source"] = sources[0]
    return rec


def parse_source(source: str) -> list[dict[str, Any]]:
    """Every block of an authoring file."""
    records = []
    current: tuple[str, str, str] | None = None
    lines: list[str] = []
    for line in source.split("\n"):
        if line.startswith("# ") or (not line.strip() and current is None):
            continue
        m = _HEADER.match(line)
        if m:
            if current:
                records.append(parse_block(*current, lines))
            current, lines = (m.group(1), m.group(2), m.group(3)), []
        elif line.startswith("## "):
            raise ValueError(f"bad header: {line!r}")
        elif current:
            lines.append(line)
    if current:
        records.append(parse_block(*current, lines))
    return records


def build(folder: Path, pattern: str = "dev_*.txt") -> list[dict[str, Any]]:
    """All records of the authoring files in a folder, ids unique."""
    records: list[dict[str, Any]] = []
    for path in sorted(folder.glob(pattern)):
        records.extend(parse_source(path.read_text("utf-8")))
    ids = [r["id"] for r in records]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise ValueError(f"duplicate ids: {sorted(dup)}")
    return records


def write_jsonl(records: list[dict[str, Any]], path: Path) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")


if __name__ == "__main__":
    import sys

    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "fixtures/extract")
    recs = build(folder)
    write_jsonl(recs, folder / "dev.jsonl")
    print(f"{len(recs)} records -> {folder / 'dev.jsonl'}")
