"""Tables. Unique keys make every stage safe to run twice."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Now, in UTC, timezone-aware (the database stores UTC)."""
    return datetime.now(UTC)


def as_utc(value: datetime | None) -> datetime | None:
    """A stored datetime as aware UTC: SQLite gives naive datetimes back."""
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class Feed(SQLModel, table=True):
    """A configured feed and what the last fetches said about it."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True)
    source_url: str  # as the config gives it
    url: str  # where it is fetched from now: a permanent redirect updates it
    lang: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    last_status: str | None = None
    last_attempt: datetime | None = None
    last_success: datetime | None = None
    last_error: str | None = None
    error_count: int = 0  # consecutive failures
    items: int = 0  # entries in the last parsed body
    articles: int = 0  # articles stored from this feed, all time
    backoff_until: datetime | None = None


class Article(SQLModel, table=True):
    """One news item, stored once however many feeds carry the same content."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(index=True, unique=True)  # feed id + guid / canonical url / hash (models.migrate)
    content_hash: str = Field(index=True)
    guid: str | None = None
    url: str | None = None
    title: str = ""
    published: date | None = None
    lang: str | None = None
    summary: str = ""  # a translated article's Chinese summary
    summary_lang: str | None = None
    body: str = ""
    original_author: str | None = None
    translator: str | None = None
    fetched_at: datetime = Field(default_factory=utcnow)
    extracted: bool = Field(default=False, index=True)
    extract_error: str | None = None  # why extraction failed, if it did
    translation_flags: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JSON))  # summary vs original

    @property
    def text(self) -> str:
        """What the extractors read: summary first, then the body."""
        return "\n".join(p for p in (self.summary, self.body) if p)


class ArticleFeed(SQLModel, table=True):
    """Which feeds carried an article."""

    __table_args__ = (UniqueConstraint("article_id", "feed_id"),)
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    feed_id: int = Field(foreign_key="feed.id", index=True)


class ClaimRecord(SQLModel, table=True):
    """A queued claim: one per fingerprint, backed by one or more sources."""

    __tablename__ = "claim"
    id: int | None = Field(default=None, primary_key=True)
    fingerprint: str = Field(index=True, unique=True)
    loose_fingerprint: str = Field(index=True)
    subject: str
    metric: str
    low: float
    high: float
    currency: str
    qualifier: str = "exact"
    per: str | None = None
    period: str | None = None
    modality: str = "reported"  # reported, guidance, estimate, forecast
    lang: str = "en"
    sentence: str = ""
    confidence: float = 0.5
    published: date | None = None
    status: str = Field(default="pending", index=True)  # pending approved rejected skipped applied
    theses: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    observation: str | None = None
    implication: str = ""
    original: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    near_duplicate: str | None = None  # the evidence row or claim it closely repeats
    comparison: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))  # conflicts, change
    created_at: datetime = Field(default_factory=utcnow)
    decided_at: datetime | None = None
    applied_at: datetime | None = None


class ClaimSource(SQLModel, table=True):
    """One article sentence that states a claim."""

    __table_args__ = (UniqueConstraint("claim_id", "article_id", "start"),)
    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    lang: str = "en"
    sentence: str = ""
    start: int = 0
    end: int = 0
    figure_text: str = ""  # the figure as written, to highlight it
    subject_text: str = ""


class Decision(SQLModel, table=True):
    """Every review decision with its time; the state before it, for undo."""

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True)
    action: str
    at: datetime = Field(default_factory=utcnow)
    before: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
    after: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
    undone: bool = False


class Thesis(SQLModel, table=True):
    """A Markdown note of the vault."""

    id: int | None = Field(default=None, primary_key=True)
    path: str = Field(index=True, unique=True)  # relative to the vault
    title: str
    tags: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    links: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    content_hash: str = ""
    has_evidence_log: bool = False
    scanned_at: datetime = Field(default_factory=utcnow)


class EvidenceRow(SQLModel, table=True):
    """A row of a note's evidence log."""

    __table_args__ = (UniqueConstraint("thesis_id", "row_hash"),)
    id: int | None = Field(default=None, primary_key=True)
    thesis_id: int = Field(foreign_key="thesis.id", index=True)
    line_no: int
    date: str
    observation: str
    implication: str = ""
    row_hash: str
    figures: list[list[Any]] = Field(default_factory=list, sa_column=Column(JSON))  # [currency, value]


class EvidenceClaim(SQLModel, table=True):
    """A claim read from an evidence row: what the notes already hold."""

    id: int | None = Field(default=None, primary_key=True)
    row_id: int = Field(foreign_key="evidencerow.id", index=True)
    fingerprint: str = Field(index=True)
    loose_fingerprint: str = Field(index=True)
    has_period: bool = True
    subject: str
    metric: str
    low: float
    high: float
    currency: str
    period: str | None = None


class RunRecord(SQLModel, table=True):
    """One nightly run and its summary."""

    id: int | None = Field(default=None, primary_key=True)
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    status: str = "running"
    stats: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
