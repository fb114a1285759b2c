"""Incidents as a table an analyst loads: ACLED-like columns, written as CSV, JSON or GeoJSON.

One row per incident. Statements are not events: they have no place, no casualties and no
target, so they stay out of these tables (the bot and /search read them). A place's admin1
and country come from its parents in the gazetteer; coordinates only where the gazetteer has
them, never guessed from a parent.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass, fields
from typing import Any

from briefings.gazetteer import Gazetteer, PlaceEntry
from storage.catalog import gazetteer_ident
from storage.items import IncidentRecord

FORMATS = ("csv", "json", "geojson")
ADMIN1_KIND = "governorate"  # the gazetteer's first-level division (muhafaza, wilaya)
# how exact event_date is, by the length of the date as extracted
PRECISION = {10: "day", 7: "month", 4: "year"}
REPORTED = "reported"  # no date in the text: the day the article was published (or first seen)


@dataclass(frozen=True, slots=True, kw_only=True)
class EventRow:
    """One incident as an export row; the field order is the column order."""

    event_id: int
    event_date: str
    date_precision: str
    event_type: str
    location: str | None
    location_ar: str | None
    admin1: str | None
    admin1_ar: str | None
    country: str | None
    country_ar: str | None
    latitude: float | None
    longitude: float | None
    perpetrator: str | None
    perpetrator_ar: str | None
    target: str | None
    target_ar: str | None
    killed: int | None
    injured: int | None
    outlets: tuple[str, ...]
    source_urls: tuple[str, ...]
    notes: str
    notes_ar: str


COLUMNS = tuple(f.name for f in fields(EventRow))


def region(gazetteer: Gazetteer, key: str | None) -> tuple[PlaceEntry | None, PlaceEntry | None, PlaceEntry | None]:
    """(the place, its admin1, its country) from the gazetteer; None for what it does not know."""
    ident = gazetteer_ident(key)
    if ident is None or ident not in gazetteer.places:
        return None, None, None
    chain = (gazetteer.place(ident), *gazetteer.ancestors(ident))
    country = next((p for p in chain if p.kind == "country"), None)
    if country is None:  # a sea, or a region between countries
        return chain[0], None, None
    inside = chain[:chain.index(country)]
    admin1 = next((p for p in inside if p.kind == ADMIN1_KIND), inside[-1] if inside else None)
    return chain[0], admin1, country


def _unique(values: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def event_row(record: IncidentRecord, gazetteer: Gazetteer) -> EventRow:
    """One incident with its place resolved in the gazetteer."""
    entry, admin1, country = region(gazetteer, record.place_key)
    # the gazetteer's own point for the place; a composed place ("western Iraq") stores its
    # country's point, which would put it at the country's centre: better none than a wrong one
    lat, lon = (entry.lat, entry.lon) if entry and entry.lat is not None and entry.lon is not None else (None, None)
    return EventRow(
        event_id=record.id, event_date=record.happened.isoformat(),
        date_precision=PRECISION.get(len(record.date_text or ""), REPORTED), event_type=record.type,
        location=record.place_en, location_ar=record.place_ar,
        admin1=admin1.name_en if admin1 else None, admin1_ar=admin1.name_ar if admin1 else None,
        country=country.name_en if country else None, country_ar=country.name_ar if country else None,
        latitude=lat, longitude=lon,
        perpetrator=record.perpetrator_en, perpetrator_ar=record.perpetrator_ar, target=record.target_en,
        target_ar=record.target_ar, killed=record.killed, injured=record.injured,
        outlets=_unique(s.outlet for s in record.sources), source_urls=_unique(s.url for s in record.sources),
        notes=record.digest_en, notes_ar=record.digest_ar)


def event_rows(records: list[IncidentRecord], gazetteer: Gazetteer) -> list[EventRow]:
    """Every incident as a row, in the order given."""
    return [event_row(r, gazetteer) for r in records]


def to_csv(rows: list[EventRow]) -> bytes:
    """RFC 4180 CSV in UTF-8 with a byte-order mark, so spreadsheets open Arabic as Arabic; lists joined by "; "."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(["; ".join(v) if isinstance(v, tuple) else "" if v is None else v
                         for v in asdict(row).values()])
    return out.getvalue().encode("utf-8-sig")


def _record(row: EventRow) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(row).items()}


def to_json(rows: list[EventRow]) -> bytes:
    """A JSON array of row objects: empty values null, outlets and URLs lists."""
    return json.dumps([_record(r) for r in rows], ensure_ascii=False, indent=1).encode() + b"\n"


def to_geojson(rows: list[EventRow]) -> bytes:
    """An RFC 7946 FeatureCollection of the rows with coordinates, each a Point; the others are left out.

    A feature without geometry is valid GeoJSON, but map tools drop or choke on it; a table of
    every row is what CSV and JSON are for.
    """
    features = [{"type": "Feature", "id": r.event_id,
                 "geometry": {"type": "Point", "coordinates": [r.longitude, r.latitude]},
                 "properties": _record(r)}
                for r in rows if r.latitude is not None and r.longitude is not None]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode() + b"\n"


WRITERS = {"csv": to_csv, "json": to_json, "geojson": to_geojson}
