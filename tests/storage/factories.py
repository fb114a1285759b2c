"""Hand-built briefings for storage tests, shaped like the pipeline's output."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from briefings.model import (
    ActorRef,
    Article,
    Briefing,
    Digest,
    Evidence,
    Incident,
    PlaceRef,
    Statement,
)

SUDANI = ActorRef(
    id="sudani",
    name_en="Mohammed Shia al-Sudani",
    name_ar="محمد شياع السوداني",
    kind="person",
    role_en="Prime Minister of Iraq",
    role_ar="رئيس الوزراء العراقي",
)
KATAIB = ActorRef(id="kataib_hezbollah", name_en="Kataib Hezbollah", name_ar="كتائب حزب الله", kind="group")
STRANGER = ActorRef(id=None, name_en="Abu Ali al-Askari", name_ar="أبو علي العسكري", kind="person")
AIN_ASAD = PlaceRef(id="ain_al_asad", name_en="Ain al-Asad air base", name_ar="قاعدة عين الأسد", kind="base")
BAGHDAD = PlaceRef(id="baghdad", name_en="Baghdad", name_ar="بغداد", kind="city")


def article(
    key: str,
    *,
    title: str = "هجوم بطائرة مسيرة",
    body: str = "استهدف هجوم قاعدة عين الأسد.",
    url: str | None = None,
    source: str | None = None,
    published: date = date(2024, 1, 21),
) -> Article:
    """An article with one paragraph."""
    return Article(key=key, title=title, paragraphs=(body,), published=published, url=url, source=source)


def incident(
    *,
    type: str = "drone_attack",
    place: PlaceRef | None = AIN_ASAD,
    day: str | None = "2024-01-20",
    by: ActorRef | None = KATAIB,
    killed: int | None = None,
    en: str = "Drone attack",
) -> Incident:
    """One incident with a one-sentence evidence."""
    return Incident(
        type=type,
        place=place,
        date=day,
        perpetrator=by,
        killed=killed,
        evidence=Evidence(article="a", sentences=(0,), quotes=("استهدف هجوم",)),
        digest=Digest(ar="هجوم بطائرة مسيرة", en=en),
    )


def statement(speaker: ActorRef = SUDANI, *, acts: tuple[str, ...] = ("said", "warned")) -> Statement:
    """One statement."""
    return Statement(
        speaker=speaker,
        acts=acts,
        gist_ar="حذر من التصعيد",
        date="2024-01-21",
        evidence=Evidence(article="a", sentences=(1,), quotes=("قال السوداني",)),
        digest=Digest(ar="السوداني حذر", en="Sudani warned"),
    )


def briefing(
    art: Article, *, incidents: tuple[Incident, ...] = (), statements: tuple[Statement, ...] = ()
) -> Briefing:
    """A briefing of an article."""
    return Briefing(article=art, incidents=incidents, statements=statements)


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """A gazetteer entry: the attributes storage reads."""

    id: str
    name_en: str
    name_ar: str
    kind: str
    role_en: str | None = None
    role_ar: str | None = None
    aliases_en: tuple[str, ...] = ()
    aliases_ar: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SmallGazetteer:
    """A gazetteer with a few entries, keyed by id like the bundled one."""

    actors: dict[str, Entry] = field(default_factory=dict)
    places: dict[str, Entry] = field(default_factory=dict)


def small_gazetteer() -> SmallGazetteer:
    """Three actors and two places, with their usual aliases."""
    actors = [
        Entry(
            id="sudani",
            name_en="Mohammed Shia al-Sudani",
            name_ar="محمد شياع السوداني",
            kind="person",
            role_en="Prime Minister of Iraq",
            aliases_en=("Sudani", "al-Sudani"),
            aliases_ar=("السوداني",),
        ),
        Entry(
            id="maliki",
            name_en="Nouri al-Maliki",
            name_ar="نوري المالكي",
            kind="person",
            aliases_en=("Maliki",),
            aliases_ar=("المالكي",),
        ),
        Entry(
            id="kataib_hezbollah",
            name_en="Kataib Hezbollah",
            name_ar="كتائب حزب الله",
            kind="group",
            aliases_en=("Hezbollah Brigades",),
        ),
    ]
    places = [
        Entry(
            id="ain_al_asad",
            name_en="Ain al-Asad air base",
            name_ar="قاعدة عين الأسد",
            kind="base",
            aliases_ar=("عين الأسد",),
            aliases_en=("Ain al-Asad",),
        ),
        Entry(id="baghdad", name_en="Baghdad", name_ar="بغداد", kind="city"),
    ]
    return SmallGazetteer(actors={a.id: a for a in actors}, places={p.id: p for p in places})
