"""Items are ordered and windowed by when they happened, not by when they were loaded.

`happened` is the item's day (the event date, else the article's publication date), else
the day it was first seen; the newest-first indexes move from `first_seen` to it.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TABLES = ("incidents", "statements")
OLD_INDEXES = (
    ("ix_incidents_perpetrator_seen", "incidents", ["perpetrator_id", "first_seen"]),
    ("ix_incidents_place_seen", "incidents", ["place_id", "first_seen"]),
    ("ix_statements_speaker_seen", "statements", ["speaker_id", "first_seen"]),
)
NEW_INDEXES = (
    ("ix_incidents_happened_seen", "incidents", ["happened", "first_seen"]),
    ("ix_incidents_perpetrator_happened", "incidents", ["perpetrator_id", "happened", "first_seen"]),
    ("ix_incidents_place_happened", "incidents", ["place_id", "happened", "first_seen"]),
    ("ix_statements_happened_seen", "statements", ["happened", "first_seen"]),
    ("ix_statements_speaker_happened", "statements", ["speaker_id", "happened", "first_seen"]),
)


def _seen_day() -> str:
    """The UTC day of `first_seen` in this database's SQL."""
    if op.get_bind().dialect.name == "sqlite":
        return "date(first_seen)"  # stored as UTC text
    return "CAST(first_seen AT TIME ZONE 'UTC' AS DATE)"


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("happened", sa.Date(), nullable=True))
        op.execute(f"UPDATE {table} SET happened = COALESCE(day, {_seen_day()})")
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("happened", existing_type=sa.Date(), nullable=False)
    for name, table, _columns in OLD_INDEXES:
        op.drop_index(name, table_name=table)
    for name, table, columns in NEW_INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, table, _columns in NEW_INDEXES:
        op.drop_index(name, table_name=table)
    for name, table, columns in OLD_INDEXES:
        op.create_index(name, table, columns, unique=False)
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("happened")
