"""Indexes for an actor's and a place's newest items: (owner, first_seen).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_incidents_perpetrator_seen", "incidents", ["perpetrator_id", "first_seen"]),
    ("ix_incidents_place_seen", "incidents", ["place_id", "first_seen"]),
    ("ix_statements_speaker_seen", "statements", ["speaker_id", "first_seen"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, table, _columns in INDEXES:
        op.drop_index(name, table_name=table)
