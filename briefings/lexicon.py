"""Speech-verb and incident lexicons, loaded once from data files into phrase indexes."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from briefings.normalize import core, normalize
from briefings.phrases import PhraseIndex
from briefings.place_cues import place_cues


@dataclass(frozen=True, slots=True)
class Verb:
    """One speech-act reading of a verb form."""

    act: str
    needs: frozenset[str] = frozenset()
    exclusive: bool = False
    participle: bool = False
    noun: bool = False


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word reporting an attack-like event."""

    type: str
    physical: bool
    casualty: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class IncidentWords:
    """The word sets the incident stages test one word against (events.yaml `words` and `cores`)."""

    killed: frozenset[str] = frozenset()
    injured: frozenset[str] = frozenset()
    casualties: frozenset[str] = frozenset()
    negations: frozenset[str] = frozenset()
    alternatives: frozenset[str] = frozenset()
    victim_nouns: frozenset[str] = frozenset()
    companions: frozenset[str] = frozenset()
    origins: frozenset[str] = frozenset()
    vicinity: frozenset[str] = frozenset()
    distance: frozenset[str] = frozenset()
    since: frozenset[str] = frozenset()
    period_starts: frozenset[str] = frozenset()
    durations: frozenset[str] = frozenset()
    duration_links: frozenset[str] = frozenset()
    same: frozenset[str] = frozenset()
    works: frozenset[str] = frozenset()
    same_sites: frozenset[str] = frozenset()
    same_towns: frozenset[str] = frozenset()
    site_before: frozenset[str] = frozenset()
    site_adjectives: frozenset[str] = frozenset()
    state_strikes: frozenset[str] = frozenset()
    forces: frozenset[str] = frozenset()
    agent_verbs: frozenset[str] = frozenset()
    launch_verbs: frozenset[str] = frozenset()
    parts: frozenset[str] = frozenset()
    causes: frozenset[str] = frozenset()
    effects: frozenset[str] = frozenset()
    also: frozenset[str] = frozenset()
    against: frozenset[str] = frozenset()
    near: frozenset[str] = frozenset()
    fronted: frozenset[str] = frozenset()
    belongs: frozenset[str] = frozenset()
    between: frozenset[str] = frozenset()
    borders: frozenset[str] = frozenset()
    border_links: frozenset[str] = frozenset()
    complementizers: frozenset[str] = frozenset()
    own_fighters: frozenset[str] = frozenset()
    by: frozenset[str] = frozenset()
    modals: frozenset[str] = frozenset()
    platforms: frozenset[str] = frozenset()  # cores
    was: frozenset[str] = frozenset()  # cores
    any_group: frozenset[str] = frozenset()  # cores
    force_adjectives: frozenset[str] = frozenset()
    agent_links: frozenset[str] = frozenset()
    do_verbs: frozenset[str] = frozenset()
    force_cores: frozenset[str] = frozenset()  # cores of `forces`
    plural_endings: tuple[str, ...] = ()
    possessive_endings: tuple[str, ...] = ()
    object_endings: tuple[str, ...] = ()


def _incident_words(ev: dict[str, Any]) -> IncidentWords:
    fields: dict[str, Any] = {name: frozenset(normalize(w) for w in ws) for name, ws in ev.get("words", {}).items()}
    fields |= {name: _cores(ws) for name, ws in ev.get("cores", {}).items()}
    fields |= {name: tuple(dict.fromkeys(normalize(e) for e in ev.get(name, [])))
               for name in ("plural_endings", "possessive_endings", "object_endings")}
    return IncidentWords(**fields, force_cores=frozenset(core(f) for f in fields.get("forces", ())))


@dataclass(frozen=True, slots=True, kw_only=True)
class SpeechWords:
    """The function words a speech verb's clause is read with (speech_grammar.yaml), normalized."""

    prepositions: frozenset[str] = frozenset()
    subjectless: frozenset[str] = frozenset()
    openers: frozenset[str] = frozenset()
    negations: frozenset[str] = frozenset()
    not_verb: frozenset[str] = frozenset()
    attribution: frozenset[str] = frozenset()
    source_links: frozenset[str] = frozenset()
    one_of: frozenset[str] = frozenset()
    pronoun_subjects: frozenset[str] = frozenset()
    aside_openers: frozenset[str] = frozenset()
    first_person_leads: frozenset[str] = frozenset()
    complementizers: frozenset[str] = frozenset()
    impersonal: frozenset[str] = frozenset()
    adverbs: frozenset[str] = frozenset()
    before_particles: frozenset[str] = frozenset()
    relatives: frozenset[str] = frozenset()
    relay: frozenset[str] = frozenset()
    clause_breaks: frozenset[str] = frozenset()
    during: frozenset[str] = frozenset()
    latter: frozenset[str] = frozenset()
    partner_links: frozenset[str] = frozenset()
    caller_links: frozenset[str] = frozenset()
    meetings: frozenset[str] = frozenset()  # cores
    sources: frozenset[str] = frozenset()  # cores
    group_leads: frozenset[str] = frozenset()  # cores
    masdar: frozenset[str] = frozenset()  # past stems spelled like their verbal noun (دعم, بحث)
    cues: PhraseIndex[str] = field(default_factory=PhraseIndex)  # modal phrases that add an act ("يجب")


@dataclass(frozen=True, slots=True, kw_only=True)
class Lexicon:
    """Every lexicon the extraction stages use."""

    speech: PhraseIndex[Verb]
    triggers: PhraseIndex[Trigger]
    means: PhraseIndex[str]
    means_rank: dict[str, int]
    targets: PhraseIndex[str]
    irrealis: PhraseIndex[bool]
    aggregate: PhraseIndex[bool]
    metaphor: PhraseIndex[bool]
    claim: PhraseIndex[bool]
    cancel: PhraseIndex[bool]
    plural: PhraseIndex[bool]
    attribution: PhraseIndex[bool]
    verbs: PhraseIndex[bool]
    frames: PhraseIndex[bool]
    nonviolent: PhraseIndex[bool]
    place_cues: frozenset[str]  # cores: "قرية", "منطقة" name the place after them (data/place_cues.yaml)
    place_lists: frozenset[str]  # cores: "بلدات", "منطقتي": several places follow, joined by "و"
    list_openers: frozenset[str] = frozenset()  # cores: "من بينها" after such a plural opens its list
    within: frozenset[str]  # "في", "قرب": a place no list holds, then the known one it lies in
    not_names: PhraseIndex[bool]
    place_closers: PhraseIndex[bool]
    time_words: frozenset[str] = frozenset()
    source_asides: frozenset[str] = frozenset()
    claim_verbs: PhraseIndex[bool] = field(default_factory=PhraseIndex)
    updates: PhraseIndex[bool] = field(default_factory=PhraseIndex)
    intercepts: PhraseIndex[bool] = field(default_factory=PhraseIndex)
    headline_present: PhraseIndex[bool] = field(default_factory=PhraseIndex)
    group_nouns: frozenset[str] = frozenset()
    fighters: frozenset[str] = frozenset()
    claimed_acts: frozenset[str] = frozenset()  # normalized, as written
    relatives: frozenset[str] = frozenset()  # normalized: connectives that relate one event to another
    whiles: frozenset[str] = frozenset()  # normalized: connectives of what happens meanwhile
    temporal_openers: frozenset[str] = frozenset()  # normalized
    relative_pronouns: frozenset[str] = frozenset()  # normalized
    event_counts: frozenset[str] = frozenset()  # cores
    periods: PhraseIndex[bool] = field(default_factory=PhraseIndex)
    toll_qualifiers: PhraseIndex[bool] = field(default_factory=PhraseIndex)
    unharmed: PhraseIndex[bool] = field(default_factory=PhraseIndex)
    drills: PhraseIndex[bool] = field(default_factory=PhraseIndex)
    relative_auxiliaries: frozenset[str] = frozenset()  # normalized
    incident: IncidentWords = field(default_factory=IncidentWords)
    accusations: PhraseIndex[bool] = field(default_factory=PhraseIndex)
    charges: PhraseIndex[bool] = field(default_factory=PhraseIndex)
    responsibility: PhraseIndex[bool] = field(default_factory=PhraseIndex)
    ascribed: PhraseIndex[bool] = field(default_factory=PhraseIndex)
    behind: PhraseIndex[bool] = field(default_factory=PhraseIndex)
    undergo: frozenset[str] = frozenset()  # normalized
    speech_words: SpeechWords = field(default_factory=SpeechWords)


def _data(name: str) -> Any:
    return yaml.safe_load((resources.files("briefings") / "data" / name).read_text(encoding="utf-8"))


def _past_forms(stem: str) -> list[str]:
    """قال -> قالت قالوا قالا قالتا قلنا-less: the written third-person and first-plural forms."""
    s = normalize(stem)
    if s.endswith(("ا", "ي")):  # دعا/نفى: the weak final letter drops before endings
        base = s[:-1]
        return [s, base + "ت", base + "وا", base + "تا", s + "نا" if s.endswith("ا") else base + "ينا"]
    return [s, s + "ت", s + "وا", s + "ا", s + "تا", s + "نا", s + "تم"]


def _attack_forms(stem: str) -> list[str]:
    """قصف -> قصفت قصفوا قصفتا قصفنا: the past forms without the masculine dual ("قصفا" is also the noun)."""
    s = normalize(stem)
    return [f for f in _past_forms(stem) if f not in (s + "ا", s + "تم")]


def _present_forms(stem: str) -> list[str]:
    s = normalize(stem)
    body = s[1:] if s[:1] in ("ي", "ت") else s
    out = []
    for prefix in ("ي", "ت", "ن"):
        form = prefix + body
        out.append(form)
        if form.endswith(("و", "ي")):
            out.append(form[:-1] + "ون")
        else:
            out += [form + "ون", form + "ان"]
    return out


def _participle_forms(stem: str) -> list[str]:
    s = normalize(stem)
    base = s[:-1] if s.endswith("ا") else s
    return [s, base, base + "ه", base + "ين", base + "ون"]


def _speech() -> PhraseIndex[Verb]:
    index: PhraseIndex[Verb] = PhraseIndex()
    for group in _data("speech.yaml"):
        for v in group["verbs"]:
            needs = frozenset(core(normalize(w)) for w in v.get("needs", ()))
            exclusive = bool(v.get("exclusive"))
            for stem in v.get("past", ()):
                for form in _past_forms(stem):
                    index.add(form, Verb(group["act"], needs, exclusive))
            for stem in v.get("present", ()):
                for form in _present_forms(stem):
                    index.add(form, Verb(group["act"], needs, exclusive))
            for stem in v.get("participle", ()):
                for form in _participle_forms(stem):
                    index.add(form, Verb(group["act"], needs, exclusive, participle=True))
            for noun in v.get("noun", ()):
                index.add(noun, Verb(group["act"], needs | frozenset({"علي", "ان", "الي", "عن"}), exclusive,
                                     noun=True))
    return index


def _speech_words() -> SpeechWords:
    grammar = _data("speech_grammar.yaml")
    verbs = _data("speech.yaml")
    cues: PhraseIndex[str] = PhraseIndex()
    for g in verbs:
        for cue in g.get("clause_cues", ()):
            cues.add(cue, g["act"])
    masdar = frozenset(normalize(stem) for g in verbs for v in g["verbs"] if v.get("masdar") for stem in v["past"])
    sets = {k: frozenset(normalize(w) for w in ws) for k, ws in grammar["normalized"].items()}
    sets |= {k: _cores(ws) for k, ws in grammar["cores"].items()}
    return SpeechWords(**sets, masdar=masdar, cues=cues)


def _verbs(ev: dict[str, Any]) -> PhraseIndex[bool]:
    return _flags([*ev["verbs"], *(f for v in ev["verb_stems"] for f in _attack_forms(v))])


def _flags(words: list[str]) -> PhraseIndex[bool]:
    index: PhraseIndex[bool] = PhraseIndex()
    for w in words:
        index.add(w, True)
    return index


@cache
def default_lexicon() -> Lexicon:
    """The bundled lexicons, loaded once per process."""
    ev = _data("events.yaml")
    triggers: PhraseIndex[Trigger] = PhraseIndex()
    for t in ev["triggers"]:
        for w in t["words"]:
            triggers.add(w, Trigger(t["type"], bool(t.get("physical")), bool(t.get("casualty"))))
    means: PhraseIndex[str] = PhraseIndex()
    rank: dict[str, int] = {}
    for i, m in enumerate(ev["means"]):
        rank.setdefault(m["type"], i)
        for w in m["words"]:
            means.add(w, m["type"])
    targets: PhraseIndex[str] = PhraseIndex()
    for t in ev["targets"]:
        for w in t["words"]:
            targets.add(w, t["en"])
    return Lexicon(speech=_speech(), speech_words=_speech_words(),
                   triggers=triggers, means=means, means_rank=rank, targets=targets,
                   irrealis=_flags(ev["irrealis"]), aggregate=_flags(ev["aggregate"]),
                   metaphor=_flags(ev["metaphor"]), claim=_flags(ev["claim"]),
                   cancel=_flags(ev.get("cancel", [])), plural=_flags(ev.get("plural", [])),
                   attribution=_flags(ev.get("attribution", [])), verbs=_verbs(ev),
                   frames=_flags(ev.get("frames", [])), nonviolent=_flags(ev.get("nonviolent", [])),
                   place_cues=place_cues().class_nouns, place_lists=place_cues().lists,
                   list_openers=place_cues().list_openers,
                   within=frozenset(normalize(w) for w in ev.get("within", [])),
                   not_names=_flags(ev.get("not_names", [])), place_closers=_flags(ev.get("place_closers", [])),
                   time_words=_cores(ev.get("time_words", [])), source_asides=_cores(ev.get("source_asides", [])),
                   claim_verbs=_flags(ev.get("claim_verbs", [])), updates=_flags(ev.get("updates", [])),
                   intercepts=_flags(ev.get("intercepts", [])), group_nouns=_cores(ev.get("group_nouns", [])),
                   fighters=_cores(ev.get("fighters", [])), headline_present=_flags(ev.get("headline_present", [])),
                   claimed_acts=frozenset(normalize(w) for w in ev.get("claimed_acts", [])),
                   relatives=frozenset(normalize(w) for w in ev.get("relative_connectives", [])),
                   whiles=frozenset(normalize(w) for w in ev.get("while_connectives", [])),
                   temporal_openers=frozenset(normalize(w) for w in ev.get("temporal_openers", [])),
                   periods=_flags(ev.get("periods", [])), toll_qualifiers=_flags(ev.get("toll_qualifiers", [])),
                   unharmed=_flags(ev.get("unharmed", [])),
                   drills=_flags(ev.get("drills", [])),
                   event_counts=_cores(ev.get("event_counts", [])),
                   relative_pronouns=frozenset(normalize(w) for w in ev.get("relative_pronouns", [])),
                   relative_auxiliaries=frozenset(normalize(w) for w in ev.get("relative_auxiliaries", [])),
                   incident=_incident_words(ev), accusations=_flags(ev.get("accusations", [])),
                   charges=_flags(ev.get("charges", [])),
                   responsibility=_flags(ev.get("responsibility", [])), ascribed=_flags(ev.get("ascribed", [])),
                   behind=_flags(ev.get("behind", [])), undergo=frozenset(normalize(w) for w in ev.get("undergo", [])))


def _cores(words: list[str]) -> frozenset[str]:
    return frozenset(core(normalize(w)) for w in words)
