"""SQLModel tables and the database session."""

from models.db import Database, database_url
from models.tables import (
    Article,
    ArticleFeed,
    ClaimRecord,
    ClaimSource,
    Decision,
    EvidenceClaim,
    EvidenceRow,
    Feed,
    RunRecord,
    Thesis,
)

__all__ = [
    "Article", "ArticleFeed", "ClaimRecord", "ClaimSource", "Database", "Decision",
    "EvidenceClaim", "EvidenceRow", "Feed", "RunRecord", "Thesis", "database_url",
]
