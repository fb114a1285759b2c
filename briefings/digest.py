"""One-line Arabic and English digests of incidents and statements.

English is composed only from structured fields, gazetteer names and the phrase lexicon
(`data/phrases.yaml`): no translation model exists at run time, so where a topic has no
English phrase the line says less rather than something else. Arabic is composed from
the same fields plus a quotation compressed from the source sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from briefings.model import ActorRef, Digest, PlaceRef
from briefings.phrases import PhraseIndex

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")
MONTHS_AR = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
             "نوفمبر", "ديسمبر")
GIST_WORDS = 22  # an Arabic gist longer than this is cut at a word and marked "…"; one phone line
_ARABIC = re.compile("[\u0600-\u06ff]")
_QUOTE = re.compile(r"[«“\"]([^»”\"]{8,})[»”\"]")


@dataclass(frozen=True, slots=True, kw_only=True)
class Phrases:
    """The phrase lexicon: incident types, speech acts and recurring topics."""

    types: dict[str, dict[str, str]]
    acts: dict[str, dict[str, str]]
    topics: PhraseIndex[str]
    topic_en: dict[str, str]


@cache
def default_phrases() -> Phrases:
    """The bundled phrase lexicon, loaded once."""
    text = (resources.files("briefings") / "data" / "phrases.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    topics: PhraseIndex[str] = PhraseIndex()
    for key, t in data["topics"].items():
        for cue in t["ar"]:
            topics.add(cue, key)
    return Phrases(types=data["types"], acts=data["acts"], topics=topics,
                   topic_en={k: t["en"] for k, t in data["topics"].items()})


def find_topics(norms: Sequence[str], phrases: Phrases) -> tuple[str, ...]:
    """Topic keys whose cues occur in the words, in order of appearance."""
    return tuple(dict.fromkeys(v for h in phrases.topics.scan(norms) for v in h.values))


# ---- dates ---------------------------------------------------------------------------


def date_en(value: str | None) -> str | None:
    """"2024-01-20" -> "20 January 2024"; "2024-01" -> "January 2024"."""
    if not value:
        return None
    parts = value.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTHS_EN[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS_EN[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def date_ar(value: str | None) -> str | None:
    """"2024-01-20" -> "20 يناير 2024"."""
    if not value:
        return None
    parts = value.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTHS_AR[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS_AR[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


# ---- incidents -----------------------------------------------------------------------


def incident_digest(*, type: str, place: PlaceRef | None, date: str | None, perpetrator: ActorRef | None,
                    claimed: bool, target_en: str | None, target_ar: str | None, killed: int | None,
                    injured: int | None, phrases: Phrases | None = None) -> Digest:
    """ACLED-style English and a compact Arabic line for one incident."""
    ph = phrases or default_phrases()
    t = ph.types.get(type, ph.types["attack"])
    return Digest(ar=_incident_ar(t, type, place, date, perpetrator, claimed, target_ar, killed, injured),
                  en=_incident_en(t, type, place, date, perpetrator, claimed, target_en, killed, injured, ph))


def _incident_en(t: dict[str, str], type: str, place: PlaceRef | None, date: str | None,
                 perpetrator: ActorRef | None, claimed: bool, target: str | None, killed: int | None,
                 injured: int | None, ph: Phrases) -> str:
    who = _name_en(perpetrator)
    if place and place.kind == "base" and target == "a base":
        target = None  # "at Ain al-Asad Air Base" says it
    if type == "airstrike" and who:
        core_text = f"{_forces(perpetrator)} carried out airstrikes" + (f" on {target}" if target else "")
    else:
        core_text = t["en"].format(target=target) if target else t["bare"]
    where = f" {_at(place)} {_place_en(place)}" if place else ""
    when = date_en(date)
    line = (f"On {when}, " if date and len(date) == 10 else f"In {when}, " if when else "") + core_text + where
    if who and type != "airstrike":
        line += f"; {who} claimed the attack" if claimed else f"; attributed to {who}"
    toll = _toll_en(killed, injured)
    if toll:
        line += f", {toll}"
    return _clean_en(line[:1].upper() + line[1:] + ".")


def _at(place: PlaceRef) -> str:
    return "at" if place.kind in ("base", "site", "crossing") else "in"


def _toll_en(killed: int | None, injured: int | None) -> str:
    if killed == 0 and injured == 0:
        return "with no casualties reported"
    parts = []
    if killed:
        parts.append(f"killing {killed}")
    if injured:
        parts.append(f"injuring {injured}")
    return " and ".join(parts)


def _forces(actor: ActorRef | None) -> str:
    if actor is None:
        return ""
    if actor.kind == "country":
        return "US forces" if actor.name_en in ("United States", "US") else f"{actor.name_en} forces"
    return actor.name_en


def _incident_ar(t: dict[str, str], type: str, place: PlaceRef | None, date: str | None,
                 perpetrator: ActorRef | None, claimed: bool, target: str | None, killed: int | None,
                 injured: int | None) -> str:
    parts = [t["ar"]]
    if target:
        parts.append(f"على {target}")
    if place:
        parts.append(f"في {place.name_ar}")
    line = " ".join(parts)
    when = date_ar(date)
    if when:
        line = f"{when}: {line}"
    if perpetrator:
        line += f"، وتبنّته {perpetrator.name_ar}" if claimed else f"، نُسب إلى {perpetrator.name_ar}"
    if killed == 0 and injured == 0:
        line += "، دون إصابات"
    else:
        toll = [f"مقتل {killed}" if killed else "", f"إصابة {injured}" if injured else ""]
        if any(toll):
            line += "، ما أسفر عن " + " و".join(x for x in toll if x)
    return line + "."


# ---- statements ----------------------------------------------------------------------


def statement_digest(*, speaker: ActorRef, acts: Sequence[str], topics_by_act: Sequence[tuple[str, str]],
                     objects: dict[str, str], gist_ar: str, phrases: Phrases | None = None) -> Digest:
    """"X, role, warned of … and called for …" in English; "X (role) حذّر …: «gist»" in Arabic."""
    ph = phrases or default_phrases()
    return Digest(ar=_statement_ar(speaker, acts, gist_ar, ph),
                  en=_statement_en(speaker, acts, topics_by_act, objects, ph))


def _statement_en(speaker: ActorRef, acts: Sequence[str], topics_by_act: Sequence[tuple[str, str]],
                  objects: dict[str, str], ph: Phrases) -> str:
    clauses: list[str] = []
    used_topics: set[str] = set()
    for act in acts:
        topics = [t for a, t in topics_by_act if a == act and t not in used_topics]
        spec = ph.acts[act]
        if topics:
            used_topics.update(topics)
            clauses.append(spec["en"].format(topic=_join([ph.topic_en[t] for t in topics])))
        elif act in objects:
            clauses.append(_with_object(act, objects[act], spec))
        elif spec["alone"] not in clauses and not (act in ("said", "stressed") and len(acts) > 1):
            clauses.append(spec["alone"])
    who = _name_en(speaker) or "A speaker"
    role = f", {speaker.role_en}," if speaker.role_en and _ascii(speaker.role_en) else ""
    return _clean_en(f"{who}{role} {_join(clauses or ['made a statement'])}.")


def _with_object(act: str, obj: str, spec: dict[str, str]) -> str:
    if act == "discussed":
        return f"held talks with {obj}"
    if act == "expressed_support":
        return f"expressed support for {obj}"
    if act in ("accused", "blamed", "condemned", "threatened"):
        return f"{_past(act)} {obj}"
    return spec["alone"]


def _past(act: str) -> str:
    return {"accused": "accused", "blamed": "blamed", "condemned": "condemned", "threatened": "threatened"}[act]


def _statement_ar(speaker: ActorRef, acts: Sequence[str], gist: str, ph: Phrases) -> str:
    who = speaker.name_ar + (f" ({speaker.role_ar})" if speaker.role_ar else "")
    verbs = "، ".join(dict.fromkeys(ph.acts[a]["ar"] for a in acts if a != "said" or len(acts) == 1))
    line = f"{who} {verbs or ph.acts['said']['ar']}"
    return f"{line}: «{gist}»" if gist else line + "."


def compress_gist(texts: Sequence[str]) -> str:
    """The statement's gist: its longest quotation, else its first sentence, cut at GIST_WORDS."""
    quotes = [m.group(1).strip() for t in texts for m in _QUOTE.finditer(t)]
    source = max(quotes, key=len) if quotes else (texts[0] if texts else "")
    words = source.split()
    gist = " ".join(words[:GIST_WORDS])
    return gist + ("…" if len(words) > GIST_WORDS else "")


# ---- shared --------------------------------------------------------------------------


def _name_en(actor: ActorRef | None) -> str:
    if actor is None:
        return ""
    return actor.name_en if _ascii(actor.name_en) else ""


def _place_en(place: PlaceRef) -> str:
    return place.name_en if _ascii(place.name_en) else "the area"


def _ascii(text: str) -> bool:
    return not _ARABIC.search(text)


def _join(items: Sequence[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _clean_en(text: str) -> str:
    """Never let Arabic script into English: drop any stray Arabic word."""
    cleaned = " ".join(w for w in text.split() if not _ARABIC.search(w))
    return re.sub(r"\s+([,.;])", r"\1", cleaned)
