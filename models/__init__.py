"""SQLModel tables and the database session."""

from models.db import Database, DatabaseError, DatabaseLockedError, database_url
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
    "Article", "ArticleFeed", "ClaimRecord", "ClaimSource", "Database", "DatabaseError", "DatabaseLockedError", "Decision",
    "EvidenceClaim", "EvidenceRow", "Feed", "RunRecord", "Thesis", "database_url",
]
