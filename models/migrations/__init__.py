"""Alembic migrations of claimlog's schema (run by models.schema.upgrade)."""
