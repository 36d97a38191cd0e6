"""claim.modality; article keys per feed.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from models.schema import OLD_KEY

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A build between the two releases may have added the column already.
    have = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("claim")}
    if "modality" not in have:
        op.add_column("claim", sa.Column("modality", sa.String(), nullable=False, server_default="reported"))
    # Keys were global (`guid:1`), so two feeds publishing the same GUID kept one article.
    # They become per feed (`3|guid:1`) under the first feed that carried them.
    op.execute(
        "UPDATE article SET key = (SELECT CAST(MIN(af.feed_id) AS VARCHAR) FROM articlefeed af "
        "WHERE af.article_id = article.id) || '|' || key "
        f"WHERE {OLD_KEY} AND EXISTS (SELECT 1 FROM articlefeed af WHERE af.article_id = article.id)")


def downgrade() -> None:
    # Per-feed keys stay: two articles may now share a GUID, and folding them would lose one.
    with op.batch_alter_table("claim") as batch:
        batch.drop_column("modality")
