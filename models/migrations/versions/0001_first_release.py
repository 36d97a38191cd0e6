"""The schema of the first release: no claim.modality, article keys global (`guid:1`).

Revision ID: 0001
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('article',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', AutoString(), nullable=False),
    sa.Column('content_hash', AutoString(), nullable=False),
    sa.Column('guid', AutoString(), nullable=True),
    sa.Column('url', AutoString(), nullable=True),
    sa.Column('title', AutoString(), nullable=False),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('lang', AutoString(), nullable=True),
    sa.Column('summary', AutoString(), nullable=False),
    sa.Column('summary_lang', AutoString(), nullable=True),
    sa.Column('body', AutoString(), nullable=False),
    sa.Column('original_author', AutoString(), nullable=True),
    sa.Column('translator', AutoString(), nullable=True),
    sa.Column('fetched_at', UTCDateTime(), nullable=False),
    sa.Column('extracted', sa.Boolean(), nullable=False),
    sa.Column('extract_error', AutoString(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_article_content_hash'), 'article', ['content_hash'], unique=False)
    op.create_index(op.f('ix_article_extracted'), 'article', ['extracted'], unique=False)
    op.create_index(op.f('ix_article_key'), 'article', ['key'], unique=True)
    op.create_table('claim',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fingerprint', AutoString(), nullable=False),
    sa.Column('loose_fingerprint', AutoString(), nullable=False),
    sa.Column('subject', AutoString(), nullable=False),
    sa.Column('metric', AutoString(), nullable=False),
    sa.Column('low', sa.Float(), nullable=False),
    sa.Column('high', sa.Float(), nullable=False),
    sa.Column('currency', AutoString(), nullable=False),
    sa.Column('qualifier', AutoString(), nullable=False),
    sa.Column('per', AutoString(), nullable=True),
    sa.Column('period', AutoString(), nullable=True),
    sa.Column('lang', AutoString(), nullable=False),
    sa.Column('sentence', AutoString(), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('status', AutoString(), nullable=False),
    sa.Column('theses', sa.JSON(), nullable=True),
    sa.Column('observation', AutoString(), nullable=True),
    sa.Column('implication', AutoString(), nullable=False),
    sa.Column('original', sa.JSON(), nullable=True),
    sa.Column('near_duplicate', AutoString(), nullable=True),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('decided_at', UTCDateTime(), nullable=True),
    sa.Column('applied_at', UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_claim_fingerprint'), 'claim', ['fingerprint'], unique=True)
    op.create_index(op.f('ix_claim_loose_fingerprint'), 'claim', ['loose_fingerprint'], unique=False)
    op.create_index(op.f('ix_claim_status'), 'claim', ['status'], unique=False)
    op.create_table('feed',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', AutoString(), nullable=False),
    sa.Column('source_url', AutoString(), nullable=False),
    sa.Column('url', AutoString(), nullable=False),
    sa.Column('lang', AutoString(), nullable=True),
    sa.Column('etag', AutoString(), nullable=True),
    sa.Column('last_modified', AutoString(), nullable=True),
    sa.Column('body_hash', AutoString(), nullable=True),
    sa.Column('last_status', AutoString(), nullable=True),
    sa.Column('last_attempt', UTCDateTime(), nullable=True),
    sa.Column('last_success', UTCDateTime(), nullable=True),
    sa.Column('last_error', AutoString(), nullable=True),
    sa.Column('error_count', sa.Integer(), nullable=False),
    sa.Column('items', sa.Integer(), nullable=False),
    sa.Column('articles', sa.Integer(), nullable=False),
    sa.Column('backoff_until', UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_feed_name'), 'feed', ['name'], unique=True)
    op.create_table('runrecord',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('started_at', UTCDateTime(), nullable=False),
    sa.Column('finished_at', UTCDateTime(), nullable=True),
    sa.Column('status', AutoString(), nullable=False),
    sa.Column('stats', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('thesis',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('path', AutoString(), nullable=False),
    sa.Column('title', AutoString(), nullable=False),
    sa.Column('tags', sa.JSON(), nullable=True),
    sa.Column('links', sa.JSON(), nullable=True),
    sa.Column('aliases', sa.JSON(), nullable=True),
    sa.Column('content_hash', AutoString(), nullable=False),
    sa.Column('has_evidence_log', sa.Boolean(), nullable=False),
    sa.Column('scanned_at', UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_thesis_path'), 'thesis', ['path'], unique=True)
    op.create_table('articlefeed',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('feed_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['article.id'], ),
    sa.ForeignKeyConstraint(['feed_id'], ['feed.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('article_id', 'feed_id')
    )
    op.create_index(op.f('ix_articlefeed_article_id'), 'articlefeed', ['article_id'], unique=False)
    op.create_index(op.f('ix_articlefeed_feed_id'), 'articlefeed', ['feed_id'], unique=False)
    op.create_table('claimsource',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('lang', AutoString(), nullable=False),
    sa.Column('sentence', AutoString(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('figure_text', AutoString(), nullable=False),
    sa.Column('subject_text', AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['article.id'], ),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('claim_id', 'article_id', 'start')
    )
    op.create_index(op.f('ix_claimsource_article_id'), 'claimsource', ['article_id'], unique=False)
    op.create_index(op.f('ix_claimsource_claim_id'), 'claimsource', ['claim_id'], unique=False)
    op.create_table('decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('action', AutoString(), nullable=False),
    sa.Column('at', UTCDateTime(), nullable=False),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.Column('undone', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_decision_claim_id'), 'decision', ['claim_id'], unique=False)
    op.create_table('evidencerow',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('thesis_id', sa.Integer(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('date', AutoString(), nullable=False),
    sa.Column('observation', AutoString(), nullable=False),
    sa.Column('implication', AutoString(), nullable=False),
    sa.Column('row_hash', AutoString(), nullable=False),
    sa.Column('figures', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['thesis_id'], ['thesis.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('thesis_id', 'row_hash')
    )
    op.create_index(op.f('ix_evidencerow_thesis_id'), 'evidencerow', ['thesis_id'], unique=False)
    op.create_table('evidenceclaim',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('row_id', sa.Integer(), nullable=False),
    sa.Column('fingerprint', AutoString(), nullable=False),
    sa.Column('loose_fingerprint', AutoString(), nullable=False),
    sa.Column('has_period', sa.Boolean(), nullable=False),
    sa.Column('subject', AutoString(), nullable=False),
    sa.Column('metric', AutoString(), nullable=False),
    sa.Column('low', sa.Float(), nullable=False),
    sa.Column('high', sa.Float(), nullable=False),
    sa.Column('currency', AutoString(), nullable=False),
    sa.Column('period', AutoString(), nullable=True),
    sa.ForeignKeyConstraint(['row_id'], ['evidencerow.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_evidenceclaim_fingerprint'), 'evidenceclaim', ['fingerprint'], unique=False)
    op.create_index(op.f('ix_evidenceclaim_loose_fingerprint'), 'evidenceclaim', ['loose_fingerprint'], unique=False)
    op.create_index(op.f('ix_evidenceclaim_row_id'), 'evidenceclaim', ['row_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_evidenceclaim_row_id'), table_name='evidenceclaim')
    op.drop_index(op.f('ix_evidenceclaim_loose_fingerprint'), table_name='evidenceclaim')
    op.drop_index(op.f('ix_evidenceclaim_fingerprint'), table_name='evidenceclaim')
    op.drop_table('evidenceclaim')
    op.drop_index(op.f('ix_evidencerow_thesis_id'), table_name='evidencerow')
    op.drop_table('evidencerow')
    op.drop_index(op.f('ix_decision_claim_id'), table_name='decision')
    op.drop_table('decision')
    op.drop_index(op.f('ix_claimsource_claim_id'), table_name='claimsource')
    op.drop_index(op.f('ix_claimsource_article_id'), table_name='claimsource')
    op.drop_table('claimsource')
    op.drop_index(op.f('ix_articlefeed_feed_id'), table_name='articlefeed')
    op.drop_index(op.f('ix_articlefeed_article_id'), table_name='articlefeed')
    op.drop_table('articlefeed')
    op.drop_index(op.f('ix_thesis_path'), table_name='thesis')
    op.drop_table('thesis')
    op.drop_table('runrecord')
    op.drop_index(op.f('ix_feed_name'), table_name='feed')
    op.drop_table('feed')
    op.drop_index(op.f('ix_claim_status'), table_name='claim')
    op.drop_index(op.f('ix_claim_loose_fingerprint'), table_name='claim')
    op.drop_index(op.f('ix_claim_fingerprint'), table_name='claim')
    op.drop_table('claim')
    op.drop_index(op.f('ix_article_key'), table_name='article')
    op.drop_index(op.f('ix_article_extracted'), table_name='article')
    op.drop_index(op.f('ix_article_content_hash'), table_name='article')
    op.drop_table('article')
