"""Evidence rows as the user writes them: the originator cited, no link to the note itself."""

from __future__ import annotations

import re
from datetime import date
from pathlib import PurePosixPath

from sqlmodel import Session, col, select

from models import Article, ArticleFeed, ClaimRecord, ClaimSource, Feed
from pipeline.notes import format_row

# Outlets quoted in a text, by the names they go by; the value is how a row cites them.
OUTLETS = {
    "Financial Times": "FT", "FT": "FT", "金融时报": "FT", "英国《金融时报》": "FT",
    "Reuters": "Reuters", "路透社": "Reuters", "路透": "Reuters",
    "Bloomberg": "Bloomberg", "彭博社": "Bloomberg", "彭博": "Bloomberg",
    "Wall Street Journal": "WSJ", "WSJ": "WSJ", "华尔街日报": "WSJ",
    "The Information": "The Information", "CNBC": "CNBC", "Nikkei": "Nikkei", "日经": "Nikkei",
    "The Economist": "The Economist", "经济学人": "The Economist", "Axios": "Axios",
    "New York Times": "NYT", "纽约时报": "NYT", "Associated Press": "AP", "美联社": "AP",
}
_OUTLET_RX = re.compile("|".join(re.escape(k) for k in sorted(OUTLETS, key=len, reverse=True)))
# "according to X", "X reported", "据X报道": the outlet or analyst a figure is attributed to.
_ACCORDING = re.compile(r"\baccording to (?:a |an |the )?(?:report (?:by|from) )?((?:[A-Z][\w&.'-]*)(?: [A-Z][\w&.'-]*){0,3})")
# A company "reporting" its own figure is no originator; an analyst's estimate is.
_CITES = re.compile(r"((?:[A-Z][\w&.'-]*)(?: [A-Z][\w&.'-]*){0,3}) (?:estimates|estimated|said in a (?:research )?note|"
                    r"analysts? (?:said|estimated?|expect(?:s|ed)?))")
_ZH_ACCORDING = re.compile(r"据(?:英国|美国)?《?([^，。《》\s]{2,8}?)》?(?:报道|消息|援引|估计|数据)")
_ORIGINAL_AUTHOR = re.compile(r"(?:Original Author|原文作者|原作者|作者)\s*[:：]\s*([^\n|，,]{1,60})")
_GENERIC = {"The", "This", "That", "People", "Sources", "Analysts", "Data", "It", "A", "An"}


def originator(sentence: str, text: str, original_author: str | None, subject: str = "") -> str | None:
    """Who the figure comes from: an outlet or analyst named in the sentence, the
    original author of a translation, an outlet the article quotes; None when the text
    names none (the row then cites the feed)."""
    for rx in (_ACCORDING, _CITES, _ZH_ACCORDING):
        m = rx.search(sentence)
        if m:
            name = m.group(1).strip()
            hit = _OUTLET_RX.search(name)
            if hit:
                return OUTLETS[hit.group(0)]
            own = subject and subject.casefold() in name.casefold()
            if name.split()[0] not in _GENERIC and rx is not _ZH_ACCORDING and not own:
                return name
    hit = _OUTLET_RX.search(sentence)
    if hit:
        return OUTLETS[hit.group(0)]
    if original_author and original_author.strip():
        return original_author.strip()[:60]
    m = _ORIGINAL_AUTHOR.search(text)
    if m:
        return m.group(1).strip()
    return None


def note_names(rel: str) -> set[str]:
    """The names a note goes by in links: its file name without .md."""
    return {PurePosixPath(rel).stem.casefold()}


def observation(rec: ClaimRecord, source: str | None, note: str | None = None) -> str:
    """The default observation; inside the subject's own note the subject is plain text."""
    from pipeline.queue import default_observation

    text = default_observation(rec, source)
    if note and rec.subject.casefold() in note_names(note):
        text = text.replace(f"[[{rec.subject}]]", rec.subject, 1)
    return text


def cited_sources(s: Session, recs: list[ClaimRecord]) -> dict[int, str | None]:
    """Per claim: the originator its first source names, else the feed that carried it.

    Three queries for all claims at once.
    """
    ids = [r.id for r in recs]
    first: dict[int, ClaimSource] = {}
    for one in s.exec(select(ClaimSource).where(col(ClaimSource.claim_id).in_(ids)).order_by(col(ClaimSource.id))).all():
        first.setdefault(one.claim_id, one)
    art_ids = {one.article_id for one in first.values()}
    arts = {a.id: a for a in s.exec(select(Article).where(col(Article.id).in_(art_ids))).all()}
    feeds: dict[int, str] = {}
    for art_id, name in s.exec(select(ArticleFeed.article_id, Feed.name).where(ArticleFeed.feed_id == Feed.id)
                               .where(col(ArticleFeed.article_id).in_(art_ids)).order_by(col(ArticleFeed.id))).all():
        feeds.setdefault(art_id, name)
    out: dict[int, str | None] = {}
    for rec in recs:
        src: ClaimSource | None = first.get(rec.id or 0)
        art = arts.get(src.article_id) if src else None
        who = (originator(src.sentence or rec.sentence, art.text, art.original_author, src.subject_text or rec.subject)
               if src and art else None)
        out[rec.id or 0] = who or (feeds.get(src.article_id) if src else None)
    return out


def row_for(s: Session, rec: ClaimRecord, note: str | None = None,
            sources: dict[int, str | None] | None = None, implied: str = "") -> str:
    """The exact table row `apply` writes for this claim into this note (sources: from cited_sources;
    `implied`: the Implication when the reviewer typed none, e.g. the checkpoints it bears on)."""
    when = rec.published or date.today()
    if sources is None and not rec.observation:
        sources = cited_sources(s, [rec])
    obs = rec.observation or observation(rec, (sources or {}).get(rec.id or 0), note)
    return format_row(when.isoformat(), obs, rec.implication or implied)


def joined_rows(s: Session, recs: list[ClaimRecord], note: str, sources: dict[int, str | None],
                implied: dict[int, str] | None = None) -> list[tuple[list[int], str]]:
    """Rows for one note: claims from one sentence about one subject share a row
    ("[[Anthropic]] funding **$10B**, valuation **$350B**"); a typed observation keeps its own."""
    groups: dict[tuple[str, str, object], list[ClaimRecord]] = {}
    for rec in recs:
        key = (rec.subject, rec.sentence, rec.published) if not rec.observation else ("", str(rec.id), None)
        groups.setdefault(key, []).append(rec)
    out = []
    for group in groups.values():
        first = group[0]
        if len(group) == 1:
            out.append(([first.id or 0], row_for(s, first, note, sources, (implied or {}).get(first.id or 0, ""))))
            continue
        parts = [observation(r, None).removeprefix(f"[[{r.subject}]] ") for r in group]
        subject = first.subject if note and first.subject.casefold() in note_names(note) else f"[[{first.subject}]]"
        who = sources.get(first.id or 0)
        text = (f"{who}: " if who else "") + f"{subject} " + ", ".join(parts)
        implication = "; ".join(dict.fromkeys(
            x for r in group if (x := r.implication or (implied or {}).get(r.id or 0, ""))))
        out.append(([r.id or 0 for r in group], format_row((first.published or date.today()).isoformat(), text, implication)))
    return out


def row_previews(s: Session, recs: list[ClaimRecord]) -> dict[int, str]:
    """Per claim, the row as it goes into its first note."""
    sources = cited_sources(s, recs)
    return {rec.id or 0: row_for(s, rec, rec.theses[0] if rec.theses else None, sources)
            for rec in recs}
