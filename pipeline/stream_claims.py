"""The queue in listing order, claims with their sources, read in one streamed query.

One ordered query joins each claim to its sources, their articles and the articles' feeds,
and is read a chunk of rows at a time (a server-side cursor on PostgreSQL), so a listing of
60,000 claims neither holds them all nor asks for them by id list.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from sqlalchemy import JSON, Date, Select, String, select, type_coerce
from sqlmodel import Session

from models import Article, ArticleFeed, ClaimRecord, ClaimSource, Feed

_C = ClaimRecord.__table__  # type: ignore[attr-defined]
_S = ClaimSource.__table__  # type: ignore[attr-defined]
_A = Article.__table__  # type: ignore[attr-defined]
_AF = ArticleFeed.__table__  # type: ignore[attr-defined]
_F = Feed.__table__  # type: ignore[attr-defined]
# After the claim's columns: its source, the source's article, and one feed of that article.
# Dates and JSON come as the database holds them (see `_day`, `_json`): SQLAlchemy's own
# conversion of them took a fifth of a long listing.
_TAIL = (_S.c.id.label("src_id"), _S.c.article_id.label("src_article_id"), _S.c.lang.label("src_lang"),
         _S.c.sentence.label("src_sentence"), _S.c.start.label("src_start"), _S.c.end.label("src_end"),
         _S.c.figure_text.label("src_figure_text"), _S.c.subject_text.label("src_subject_text"),
         _A.c.id.label("art_id"), _A.c.title.label("art_title"), _A.c.url.label("art_url"),
         type_coerce(_A.c.published, String).label("art_published"),
         type_coerce(_A.c.translation_flags, String).label("art_flags"), _F.c.name.label("feed_name"))


def _json(value: Any) -> Any:
    """A JSON column read as stored: text on SQLite ("null" for None), decoded by the driver on PostgreSQL."""
    if not isinstance(value, str):
        return value
    return None if value == "null" else json.loads(value)


def _json_list(memo: dict[str, Any]) -> Any:
    """`_json` for a column of few distinct lists (a claim's notes): each decoded once, a copy each row."""
    def decode(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        found = memo.get(value)
        if found is None:
            found = memo[value] = _json(value)
            if len(memo) > 10_000:
                memo.clear()
        return list(found) if isinstance(found, list) else found

    return decode


def _day(value: Any) -> date | None:
    """A date column read as stored: ISO text on SQLite, a date on PostgreSQL."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def _iso(value: Any) -> str | None:
    return value if isinstance(value, str) or value is None else value.isoformat()


def _raw(column: Any) -> Any:
    """The column as stored, where `_decoder` converts it faster than SQLAlchemy would."""
    if isinstance(column.type, JSON | Date):
        return type_coerce(column, String).label(column.name)
    return column


def _decoder(column: Any) -> Any:
    if isinstance(column.type, JSON):
        return _json
    if isinstance(column.type, Date):
        return _day
    return None

Sources = dict[int, list[dict[str, Any]]]
Flags = dict[int, list[dict[str, Any]] | None]


def listing_query(status: str | None, columns: Sequence[str] | None) -> Select[Any]:
    """Claims of `status` (all when None) in listing order, a row per source and feed."""
    head = [_raw(_C.c[c]) for c in columns] if columns else list(_C.c)
    joined = (_C.outerjoin(_S, _S.c.claim_id == _C.c.id).outerjoin(_A, _A.c.id == _S.c.article_id)
              .outerjoin(_AF, _AF.c.article_id == _A.c.id).outerjoin(_F, _F.c.id == _AF.c.feed_id))
    q = select(*head, *_TAIL).select_from(joined)
    if status:
        q = q.where(_C.c.status == status)
    # The listing's order (`list_claims`), then sources as stored, then feeds as linked.
    return q.order_by(_C.c.confidence.desc(), _C.c.published.desc(), _C.c.id, _S.c.id, _AF.c.id)


def stream_listing(s: Session, status: str | None, columns: Sequence[str] | None,
                   chunk: int) -> Iterator[tuple[list[Any], Sources, Flags]]:
    """Chunks of up to `chunk` claims in listing order: the claims (rows of `columns`, with "id"
    first; all columns when None), their sources as `claim_sources` gives them, and the
    translation flags of those sources' articles."""
    s.flush()  # as a model query would: claims added in this session count
    width = len(columns) if columns else len(_C.c)
    at = list(columns).index("id") if columns else list(_C.c.keys()).index("id")
    result = s.connection().execution_options(yield_per=chunk).execute(listing_query(status, columns))
    decoders = [(i, _json_list({}) if c == "theses" else fn) for i, c in enumerate(columns or ())
                if (fn := _decoder(_C.c[c])) is not None]
    claims: list[Any] = []
    sources: Sources = {}
    flags: Flags = {}
    current: int | None = None
    by_article: dict[int, dict[str, Any]] = {}
    feeds: list[str] | None = None  # the feeds being read for the last new source
    last_src: int | None = None
    for row in (row for part in result.partitions() for row in part):
        cid = row[at]
        if cid != current:
            if len(claims) == chunk:
                yield claims, sources, flags
                claims, sources, flags = [], {}, {}
            current = cid
            if columns is None:
                claims.append(row)
            else:
                head = list(row[:width])
                for i, fn in decoders:
                    head[i] = fn(head[i])
                claims.append(head)
            by_article, last_src, feeds = {}, None, None
        (src_id, art_id, lang, sentence, start, end, figure_text, subject_text, found, title, url, published,
         art_flags, feed) = row[width:]
        if src_id is None:
            continue
        if src_id == last_src:  # the same source again, for another feed of its article
            if feeds is not None and feed is not None:
                feeds.append(feed)
            continue
        last_src = src_id
        mention = {"lang": lang, "sentence": sentence, "figure_text": figure_text,
                   "subject_text": subject_text, "start": start, "end": end}
        held = by_article.get(art_id)
        if held is not None:  # one article is one source, in as many languages as it states the fact
            held["mentions"].append(mention)
            if lang not in held["langs"]:
                held["langs"].append(lang)
            feeds = None
            continue
        if found is None:  # the article is gone
            title, url, published = "", None, None
        feeds = [feed] if feed is not None else []
        held = {"article_id": art_id, "title": title, "url": url, "feeds": feeds, **mention,
                "langs": [lang], "mentions": [mention], "published": _iso(published) or None}
        by_article[art_id] = held
        sources.setdefault(cid, []).append(held)
        if found is not None and art_id not in flags:
            flags[art_id] = _json(art_flags)
    if claims:
        yield claims, sources, flags
