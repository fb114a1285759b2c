"""One-line Arabic and English digests of incidents and statements.

English is composed only from structured fields, gazetteer names and the phrase lexicon
(`data/phrases.yaml`): no translation model exists at run time, so where a topic has no
English phrase the line says less rather than something else. A statement reads as one
ACLED-style sentence: the speaker's role before the name when it is a title ("Former Iraqi
PM Nouri al-Maliki"), then one clause per speech act, each with only the topics its act can
take (a call is for a goal, a warning of a danger), and whatever is left as "spoke about".
Arabic is composed from the same fields, with feminine verbs where the speaker is a woman or
a feminine group, plus a gist: the longest quotation, else the reported clause.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml
from camel_tools.utils.dediac import dediac_ar

from briefings.lexicon import default_lexicon
from briefings.model import ActorRef, Digest, PlaceRef
from briefings.normalize import norm_token, word_matches
from briefings.phrases import PhraseIndex
from briefings.transliterate import is_feminine_name

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
    topic_ar: dict[str, str]  # the Arabic label of a topic: its `label_ar`, else its first cue
    topic_kind: dict[str, str]  # goal | danger | threat | event | subject: which acts may take it


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
                   topic_en={k: t["en"] for k, t in data["topics"].items()},
                   topic_ar={k: t.get("label_ar", t["ar"][0]) for k, t in data["topics"].items()},
                   topic_kind={k: t.get("kind", "subject") for k, t in data["topics"].items()})


def find_topics(norms: Sequence[str], phrases: Phrases) -> tuple[str, ...]:
    """Topic keys whose cues occur in the words, in order of appearance."""
    return tuple(dict.fromkeys(v for h in phrases.topics.scan(norms) for v in h.values))


# ---- dates ---------------------------------------------------------------------------


def _spell(value: str | None, months: tuple[str, ...]) -> str | None:
    if not value:
        return None
    parts = value.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {months[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{months[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def date_en(value: str | None) -> str | None:
    """"2024-01-20" -> "20 January 2024"; "2024-01" -> "January 2024"."""
    return _spell(value, MONTHS_EN)


def date_ar(value: str | None) -> str | None:
    """"2024-01-20" -> "20 يناير 2024"."""
    return _spell(value, MONTHS_AR)


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
    where = f" {_at(place)} {_place_en(place)}" if place and not _OF.match(place.name_en) else \
        f" {place.name_en}" if place else ""
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
        return f"{_demonym(actor.name_en)} forces"
    return actor.name_en


@cache
def _demonyms() -> dict[str, str]:
    """Country name -> the adjective English news uses ("Turkey" -> "Turkish"), from the gazetteer's data."""
    text = (resources.files("briefings") / "data" / "nationalities.yaml").read_text(encoding="utf-8")
    return {n["en_country"]: n["en"] for n in yaml.safe_load(text) or [] if n.get("en_country") and n.get("en")}


def _demonym(country: str) -> str:
    return _demonyms().get(country, country)


# "and claimed it": the verb agrees with the claimant, its pronoun with the incident noun,
# keyed (claimant's gender, noun's gender).
_CLAIMED = {("m", "m"): "وتبنّاه", ("m", "f"): "وتبنّاها", ("f", "m"): "وتبنّته", ("f", "f"): "وتبنّتها"}


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
        claim = _CLAIMED[(gender_ar(perpetrator), t["gender"])]
        line += f"، {claim} {perpetrator.name_ar}" if claimed else f"، نُسب إلى {perpetrator.name_ar}"
    if killed == 0 and injured == 0:
        line += "، دون إصابات"
    else:
        toll = [f"مقتل {killed}" if killed else "", f"إصابة {injured}" if injured else ""]
        if any(toll):
            line += "، ما أسفر عن " + " و".join(x for x in toll if x)
    return line + "."


# ---- statements ----------------------------------------------------------------------

# Acts whose English may name the actor they act on ("condemned Israel"); a threat's object in
# Arabic is too often the subject of the threatened clause ("ستتخذ الولايات المتحدة") to name it.
_OBJECT_ACTS = frozenset(("discussed", "expressed_support", "condemned", "accused", "blamed"))
# First words of English names that read with "the" ("the United States", "the Islamic State").
_DEFINITE_HEADS = frozenset(("United", "Islamic", "Popular", "Coordination", "Kurdistan", "Federal", "Supreme",
                             "International", "National", "State", "Sadrist", "Iraqi", "Iranian", "US", "UN",
                             "Houthi", "Israeli", "Syrian", "Lebanese", "Turkish", "Palestinian", "European"))
Clause = tuple[str, tuple[str, ...], str | None]  # (act, its topics, its object)
_TOPICS_PER_ACT = 2  # more than two topics on one verb reads as a list, not a sentence
_COUNTRY_ROLE = re.compile(r"^(?P<former>former )?(?P<office>[A-Z][\w\- ]*?) of (?P<country>[A-Z][\w ]+)$")
_ABBREVIATIONS = (("Prime Minister", "PM"),)
_QUOTE_CHARS = "«»“”\"'"
_CLAUSE_START = re.compile(r"(?:^|\s)(?:[وف]?(?:إن|أن|بأن|ان|بان)(?:ه|ها|هم)?)\s+(?=\S)")
_GOVERNED_REACH = 14  # words after a speech verb in which its preposition ("دعا … إلى") is looked for
_GOVERNING = frozenset(("من", "إلى", "الى", "على", "عن"))  # as written: "علي" is the name Ali
_TRAILING_LINK = re.compile(r"(?:[،,]\s*|\s+)(?:و?لكنه|و?لكنها|فيما|و)\s*$|[،,]\s*$")
_TRAILING_SOURCE = re.compile(r"[،,]\s*(?:بحسب|حسب|وفقا|وفقًا|وفق|نقلا|طبقا|حسبما)\b.*$|[\s.،,:؛]+$")


def statement_digest(*, speaker: ActorRef, acts: Sequence[str], topics_by_act: Sequence[tuple[str, str]],
                     objects: dict[str, str], gist_ar: str, phrases: Phrases | None = None) -> Digest:
    """"Iraqi PM X warned of … and called for …" in English; "X (role) حذّر من …: «gist»" in Arabic."""
    ph = phrases or default_phrases()
    plan = _plan(acts, topics_by_act, objects, ph)
    return Digest(ar=_statement_ar(speaker, plan, gist_ar, ph), en=_statement_en(speaker, plan, ph))


def _plan(acts: Sequence[str], topics_by_act: Sequence[tuple[str, str]], objects: dict[str, str],
          ph: Phrases) -> list[Clause]:
    """(act, its topics, its object) for each act worth a clause.

    A topic goes only with an act that can take its kind (one calls for a goal and warns of a
    danger, never the reverse); the rest are what the speaker "spoke about". A bare "said"
    beside other acts adds nothing and is left out.
    """
    used: set[str] = set()
    out: list[Clause] = []
    spoken: list[str] = []
    # the specific acts choose their topics first; "said" takes what is left
    for act in sorted(dict.fromkeys(acts), key=lambda a: a == "said"):
        takes = ph.acts[act].get("takes", ())
        mine = [t for t in dict.fromkeys(t for a, t in topics_by_act if a == act) if t not in used]
        topics = tuple(t for t in mine if ph.topic_kind.get(t) in takes)[:_TOPICS_PER_ACT]
        used.update(topics)
        spoken += [t for t in mine if t not in topics]
        obj = objects.get(act) if not topics and act in _OBJECT_ACTS else None
        out.append((act, topics, obj))
    said_takes = ph.acts["said"].get("takes", ())  # what no act took is what was "spoken about", if it can be
    rest = tuple(t for t in dict.fromkeys(spoken) if t not in used and ph.topic_kind.get(t) in said_takes)
    rest = rest[:_TOPICS_PER_ACT]
    if rest:
        said = next((k for k, c in enumerate(out) if c[0] == "said"), None)
        if said is not None and not out[said][1]:
            out[said] = ("said", rest, None)
        elif said is None:
            out.append(("said", rest, None))
    bare = ("said", "stressed")
    if len(out) > 1:
        out = [c for c in out if c[1] or c[2] or c[0] not in bare] or out[:1]
    return out


def _statement_en(speaker: ActorRef, plan: Sequence[Clause], ph: Phrases) -> str:
    clauses: list[str] = []
    for act, topics, obj in plan:
        spec = ph.acts[act]
        if topics:
            clause = spec["en"].format(topic=_join([ph.topic_en[t] for t in topics]))
        elif obj:
            clause = _with_object(act, obj, spec)
        else:
            clause = spec["alone"]
        if clause not in clauses:
            clauses.append(clause)
    line = f"{_speaker_en(speaker)} {_join(_merge_issued(clauses) or ['made a statement'])}."
    return _clean_en(line[:1].upper() + line[1:])


def _merge_issued(clauses: Sequence[str]) -> list[str]:
    """"issued a threat" and "issued a warning" -> "issued a threat and a warning"."""
    issued = [c.removeprefix("issued ") for c in clauses if c.startswith("issued ")]
    if len(issued) < 2:
        return list(clauses)
    out: list[str] = []
    for c in clauses:
        if not c.startswith("issued "):
            out.append(c)
        elif "issued" not in " ".join(out):
            out.append("issued " + " and ".join(issued))
    return out


def _speaker_en(speaker: ActorRef) -> str:
    """"Former Iraqi PM Nouri al-Maliki" when the role is a title, else "Name, role,"."""
    who = _name_en(speaker) or "a speaker"
    role = speaker.role_en if speaker.role_en and _ascii(speaker.role_en) else None
    if not role or who == "a speaker":
        return who
    title = _title_en(role)
    return f"{title} {who}" if title else f"{who}, {role},"


def _title_en(role: str) -> str | None:
    """A role that reads before a name: "Prime Minister of Iraq" -> "Iraqi PM"; "US Secretary of State"."""
    m = _COUNTRY_ROLE.match(role)
    adjective = _adjectives().get(m.group("country")) if m else None
    if m and adjective:
        title = f"{adjective} {m.group('office')}"
        former = bool(m.group("former"))
    else:
        former = role.startswith("former ")
        title = role.removeprefix("former ")
        head = title.split()[0]
        if head not in _adjectives().values() or len(title.split()) > 5 or "," in title:
            return None
    for long, short in _ABBREVIATIONS:
        title = title.replace(long, short)
    return f"former {title}" if former else title


@cache
def _adjectives() -> dict[str, str]:
    """Country name -> adjective ("Iraq" -> "Iraqi"), from the gazetteer's nationality file."""
    text = (resources.files("briefings") / "data" / "nationalities.yaml").read_text(encoding="utf-8")
    return {d.get("en_country", d["en"]): d["en"] for d in yaml.safe_load(text) or ()}


def _with_object(act: str, obj: str, spec: dict[str, str]) -> str:
    if obj.split(" ")[0] in _DEFINITE_HEADS:
        obj = f"the {obj}"
    if act == "discussed":
        return f"held talks with {obj}"
    if act == "expressed_support":
        return f"expressed support for {obj}"
    if act in ("accused", "blamed", "condemned", "threatened"):
        return f"{act} {obj}"
    return spec["alone"]


def _statement_ar(speaker: ActorRef, plan: Sequence[Clause], gist: str,
                  ph: Phrases) -> str:
    who = speaker.name_ar + (f" ({speaker.role_ar})" if speaker.role_ar else "")
    fem = gender_ar(speaker) == "f"
    clauses: list[str] = []
    for act, topics, _ in plan:
        spec = ph.acts[act]
        verb = spec["ar_f"] if fem else spec["ar"]
        labels = [ph.topic_ar[t] for t in topics]
        template = spec.get("ar_topic_f" if fem else "ar_topic") or spec.get("ar_topic", "{verb} {topic}")
        clause = _attach(template.format(verb=verb, topic=" و".join(labels))) if labels else verb
        if clause not in clauses:
            clauses.append(clause)
    line = f"{who} {' و'.join(clauses)}"
    gist = _without_speaker(gist, speaker)
    return f"{line}: «{gist}»" if gist else line + "."


def _without_speaker(gist: str, speaker: ActorRef) -> str:
    """"المتحدث … يحيى سريع استهداف سفينة" -> "استهداف سفينة": the line already names the speaker."""
    at = gist.find(speaker.name_ar) if speaker.name_ar else -1
    if at < 0 or len(gist) - at - len(speaker.name_ar) < 4:
        return gist
    return gist[at + len(speaker.name_ar):].lstrip(" ،,:")


_ATTACHED = re.compile(r"([بل])ـ(ال)?")


def _attach(text: str) -> str:
    """"بـالرد" -> "بالرد", "لـالحكومة" -> "للحكومة": a one-letter preposition joins its noun."""
    return _ATTACHED.sub(lambda m: m.group(1) + ("ل" if m.group(1) == "ل" and m.group(2) else m.group(2) or ""),
                         text)


@dataclass(frozen=True, slots=True, kw_only=True)
class Genders:
    """Arabic grammatical gender of names: by the actor's kind and by a name's first word."""

    kinds: dict[str, str]
    heads: dict[str, str]


@cache
def default_genders() -> Genders:
    """The bundled gender table (`data/gender.yaml`), loaded once."""
    text = (resources.files("briefings") / "data" / "gender.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return Genders(kinds=data["kinds"], heads={dediac_ar(w): g for g, words in data["heads"].items() for w in words})


def gender_ar(actor: ActorRef, genders: Genders | None = None) -> str:
    """"f" or "m": the actor's own gender, else its name's head, its kind, a feminine role or name.

    An unknown person is masculine, as Arabic news writes one it knows nothing of.
    """
    if actor.gender:
        return actor.gender
    g = genders or default_genders()
    head = dediac_ar(actor.name_ar.split(" ")[0]) if actor.name_ar else ""
    if actor.kind == "person":
        role_head = (actor.role_ar or "").split(" ")[0]
        return "f" if role_head.endswith("ة") or is_feminine_name(head) else "m"
    found = g.heads.get(head) or g.heads.get(head.removeprefix("ال"))
    return found or g.kinds.get(actor.kind) or ("f" if head.endswith("ة") else "m")


def compress_gist(texts: Sequence[str]) -> str:
    """The statement's gist: its longest quotation, else the clause it reports, cut at GIST_WORDS."""
    quotes = [m.group(1).strip() for t in texts for m in _QUOTE.finditer(t)]
    source = max(quotes, key=len) if quotes else _reported(texts[0]) if texts else ""
    source = _TRAILING_SOURCE.sub("", _TRAILING_LINK.sub("", source.strip(_QUOTE_CHARS + " ")))
    words = source.split()
    gist = " ".join(words[:GIST_WORDS])
    return gist + ("…" if len(words) > GIST_WORDS else "")


_CLAUSE_LEADS = frozenset(("،", ",", "لكنه", "لكنها", "ولكنه", "ولكنها", "كما", "ثم"))


def _opens_clause(norms: Sequence[str], i: int) -> bool:
    """A speech verb that starts a new clause: after a comma or "لكنه", or joined by و."""
    return norms[i - 1] in _CLAUSE_LEADS or norms[i][:1] in ("و", "ف")


def _reported(text: str) -> str:
    """What a sentence reports, up to the next finite speech verb: after "إن/أن", else after the
    verb's preposition ("حذّر من …"), else after the verb."""
    matches = word_matches(text)
    norms = [norm_token(w.group()) for w in matches]
    hits = default_lexicon().speech.scan(norms)
    first = hits[0].end if hits else 0
    later = [h.start for h in hits[1:] if not h.values[0].participle and _opens_clause(norms, h.start)]
    stop = matches[later[0]].start() if later else len(text)
    m = _CLAUSE_START.search(text, matches[hits[0].start].start() if hits else 0)
    if m and m.end() < stop:
        return text[m.end():stop]
    if not hits:
        return text
    for i in range(first, min(first + _GOVERNED_REACH, len(norms))):
        if matches[i].group() in _GOVERNING and i + 3 < len(matches) and matches[i + 3].start() < stop:
            return text[matches[i + 1].start():stop]
    return text[matches[first].start():stop] if first < len(matches) else text


# ---- shared --------------------------------------------------------------------------


def _name_en(actor: ActorRef | None) -> str:
    if actor is None:
        return ""
    return actor.name_en if _ascii(actor.name_en) else ""


_OF = re.compile(r"^(?:north|south|east|west|central)\w* of ")  # "south of Baghdad" needs no "in"
# Place names English writes with "the": seas and named zones ("the Red Sea", "the Green Zone").
_THE = re.compile(r"\b(?:Sea|Gulf|Zone|Region|Strip|Bank|Strait|Desert|Valley|Triangle|Belt)$")


def _place_en(place: PlaceRef) -> str:
    name = place.name_en
    if not _ascii(name):
        return "the area"
    if _THE.search(name) and not name.lower().startswith(("the ", "al-", "al ")) and " of " not in name:
        return f"the {name}"
    return name


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
