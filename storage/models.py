"""The database schema as SQLAlchemy 2 mapped classes; only storage/ sees these."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names so migrations can refer to them on both databases.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware.

    SQLite keeps no offset, so a naive value read from it is UTC by construction.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _happened(context: Any) -> date:
    """When an item happened: its day (the event date, else the article's), else the day it was first seen."""
    params = context.get_current_parameters()
    return params.get("day") or params["first_seen"].astimezone(UTC).date()


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Source(Base):
    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # folder | feed | pages
    url: Mapped[str | None] = mapped_column(Text)
    interval_seconds: Mapped[int] = mapped_column(Integer, default=900)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    last_polled: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_ok: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_due: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    lease_owner: Mapped[str | None] = mapped_column(String(100))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"), index=True)
    key: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text, unique=True)  # canonical URL
    outlet: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    fetched: Mapped[datetime] = mapped_column(UTCDateTime)
    language: Mapped[str] = mapped_column(String(8), default="ar")
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)

    source: Mapped[Source | None] = relationship(lazy="joined")


class Actor(Base):
    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # gazetteer id as "gaz:<id>", or "name:<normalized Arabic name>" for an actor the gazetteer lacks
    key: Mapped[str] = mapped_column(String(300), unique=True)
    name_en: Mapped[str] = mapped_column(Text)
    name_ar: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    role_en: Mapped[str | None] = mapped_column(Text)
    role_ar: Mapped[str | None] = mapped_column(Text)

    aliases: Mapped[list[ActorAlias]] = relationship(back_populates="actor", cascade="all, delete-orphan")


class ActorAlias(Base):
    __tablename__ = "actor_aliases"
    __table_args__ = (UniqueConstraint("actor_id", "norm", name="uq_actor_aliases_actor_norm"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(Text)
    norm: Mapped[str] = mapped_column(String(300), index=True)

    actor: Mapped[Actor] = relationship(back_populates="aliases")


class Place(Base):
    __tablename__ = "places"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)  # as Actor.key
    name_en: Mapped[str] = mapped_column(Text)
    name_ar: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)

    aliases: Mapped[list[PlaceAlias]] = relationship(back_populates="place", cascade="all, delete-orphan")


class PlaceAlias(Base):
    __tablename__ = "place_aliases"
    __table_args__ = (UniqueConstraint("place_id", "norm", name="uq_place_aliases_place_norm"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(Text)
    norm: Mapped[str] = mapped_column(String(300), index=True)

    place: Mapped[Place] = relationship(back_populates="aliases")


class Incident(Base):
    __tablename__ = "incidents"
    # (owner, happened, first_seen): an actor's or a place's newest page is read off the index, not sorted
    __table_args__ = (Index("ix_incidents_merge", "type", "place_id", "day"),
                      Index("ix_incidents_happened_seen", "happened", "first_seen"),
                      Index("ix_incidents_perpetrator_happened", "perpetrator_id", "happened", "first_seen"),
                      Index("ix_incidents_place_happened", "place_id", "happened", "first_seen"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    type: Mapped[str] = mapped_column(String(40))
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)
    perpetrator_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), index=True)
    date_text: Mapped[str | None] = mapped_column(String(10))
    day: Mapped[date | None] = mapped_column(Date, index=True)
    claimed: Mapped[bool] = mapped_column(Boolean, default=False)
    target_en: Mapped[str | None] = mapped_column(Text)
    target_ar: Mapped[str | None] = mapped_column(Text)
    killed: Mapped[int | None] = mapped_column(Integer)
    injured: Mapped[int | None] = mapped_column(Integer)
    digest_ar: Mapped[str] = mapped_column(Text)
    digest_en: Mapped[str] = mapped_column(Text)
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # what every list is ordered and windowed by, so an archive loaded today sorts where it happened
    happened: Mapped[date] = mapped_column(Date, default=_happened)

    place: Mapped[Place | None] = relationship(lazy="joined")
    perpetrator: Mapped[Actor | None] = relationship(lazy="joined")


class IncidentSource(Base):
    """One article reporting one incident; a merged incident has several."""

    __tablename__ = "incident_sources"

    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    quotes: Mapped[str] = mapped_column(Text, default="")  # supporting sentences, one a line


class Statement(Base):
    __tablename__ = "statements"
    __table_args__ = (Index("ix_statements_happened_seen", "happened", "first_seen"),
                      Index("ix_statements_speaker_happened", "speaker_id", "happened", "first_seen"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)
    acts: Mapped[str] = mapped_column(Text, default="")  # space-separated SPEECH_ACTS
    topics: Mapped[str] = mapped_column(Text, default="")
    gist_ar: Mapped[str] = mapped_column(Text, default="")
    date_text: Mapped[str | None] = mapped_column(String(10))
    day: Mapped[date | None] = mapped_column(Date, index=True)
    digest_ar: Mapped[str] = mapped_column(Text)
    digest_en: Mapped[str] = mapped_column(Text)
    quotes: Mapped[str] = mapped_column(Text, default="")
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # what every list is ordered and windowed by, so an archive loaded today sorts where it happened
    happened: Mapped[date] = mapped_column(Date, default=_happened)

    speaker: Mapped[Actor] = relationship(lazy="joined")
    article: Mapped[Article] = relationship(lazy="joined")


class Subscriber(Base):
    __tablename__ = "subscribers"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    language: Mapped[str] = mapped_column(String(8), default="ar")
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Baghdad")
    digest_time: Mapped[time] = mapped_column(Time, default=time(8, 0))
    active: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    subscribed: Mapped[bool] = mapped_column(Boolean, default=False)
    weekly: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # the weekly digest
    created: Mapped[datetime] = mapped_column(UTCDateTime)


class Follow(Base):
    __tablename__ = "follows"

    chat_id: Mapped[int] = mapped_column(
        ForeignKey("subscribers.chat_id", ondelete="CASCADE"), primary_key=True
    )
    actor_id: Mapped[int] = mapped_column(
        ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Delivery(Base):
    """One digest sent (or being sent) to one chat for one day, part by part: the delivery ledger."""

    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("chat_id", "day", "kind", name="uq_deliveries_chat_day_kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20), default="daily")
    status: Mapped[str] = mapped_column(String(20), index=True)  # sending | sent | failed | blocked
    # parts Telegram confirmed: while "sending", a restart resumes at this part
    parts_sent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    detail: Mapped[str | None] = mapped_column(Text)
    updated: Mapped[datetime] = mapped_column(UTCDateTime)


class SearchDoc(Base):
    """An item's words in the matching form, for full-text search (FTS5 on SQLite, a tsvector on PostgreSQL)."""

    __tablename__ = "search_docs"
    __table_args__ = (UniqueConstraint("kind", "item_id", name="uq_search_docs_kind_item"),
                      Index("ix_search_docs_happened_seen", "happened", "first_seen"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # incident | statement
    item_id: Mapped[int] = mapped_column(Integer)
    happened: Mapped[date] = mapped_column(Date)
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime)
    body: Mapped[str] = mapped_column(Text)


class SearchQuery(Base):
    """Words someone searched for, in the matching form: a page button names them by id."""

    __tablename__ = "search_queries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(String(300), unique=True)
    shown: Mapped[str] = mapped_column(String(300))  # as the first user to search for it wrote it
