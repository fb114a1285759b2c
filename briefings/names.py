"""Names nobody listed: people and organisations found by the shape of their names and their cues.

The gazetteer knows a few hundred actors; news names thousands. This stage reads the
words the gazetteer left alone and finds
- persons, as runs of name words ("أنجيلا ميركل", "محمد بن سلمان", "أبو محمد الجولاني"):
  a given name or a well-attested foreign name opens the run, joiners (عبد، بن، أبو، آل)
  bind it, a family name of origin (ال…ي) or a rare word after a given name closes it;
  a single name word is a person only after a person cue (السيد، المدعو) or when it is a
  well-attested name that is no common word;
- organisations, as a class noun (حزب، حركة، وزارة، مجلس …) and the definite or name
  words that complete it ("حزب العمال", "وزارة الدفاع الأميركية").

Hand-written: no Arabic NER model may be loaded here, and the rules need only word lists.
What counts as a name word comes from data (`name_words.tsv`: Wikidata personal-name
tokens, CC0, and google/transliteration, Apache-2.0), what counts as a common word from
`common_words.tsv` (wordfreq, CC BY-SA 4.0); see `data/SOURCES.md`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from camel_tools.utils.dediac import dediac_ar

# A word this frequent in general Arabic (Zipf scale: 4.5 is about 30 per million words)
# is a common word first ("أمل" hope, "كريم" generous) unless the curated list calls it a
# given name. Chosen so that news-famous foreign surnames (about 3.9) stay names while
# everyday nouns and verbs (5 and over) do not.
COMMON_ZIPF = 4.5
# Above this even a name attested hundreds of times is read as a word ("من", "كان").
VERY_COMMON_ZIPF = 5.2
# Wikidata spellings seen fewer times than this are too often transliteration noise.
MIN_NAME_COUNT = 2
# A name attested this often in Wikidata's person names is a name though common in text ("جورج").
FAMOUS_COUNT = 200
# A word rarer than this in general text may close a name after a given name ("كورت كفيورد").
RARE_ZIPF = 3.2
# A nisba more frequent than this is an everyday adjective or verbal noun ("الدولي",
# "التصدي") unless the name list has it ("الشمري"). Nationality adjectives ("العراقي")
# never get here: the gazetteer claims them first.
NISBA_ZIPF = 4.0
# After a title a word rarer than this is a name though no name list has it ("الرئيس شافيز").
TITLED_ZIPF = 3.5
MAX_NAME_WORDS = 6  # "محمد بن راشد آل مكتوم"
MAX_ORG_WORDS = 4  # words after the class noun ("منظمة التحرير الفلسطينية")


@dataclass(frozen=True, slots=True, kw_only=True)
class NameLexicon:
    """Name words, common words and the cue words of names, all in folded spelling; empty by default."""

    spelling: dict[str, str] = field(default_factory=dict)  # name word -> its usual English spelling
    count: dict[str, int] = field(default_factory=dict)  # name word -> how often person names carry it
    common: dict[str, float] = field(default_factory=dict)  # word -> Zipf frequency in general Arabic text
    given: frozenset[str] = frozenset()  # curated given names, names whatever their frequency
    not_names: frozenset[str] = frozenset()  # never part of a name: months, ordinals, honorifics, role nouns
    joiners: frozenset[str] = frozenset()  # عبد، بن، أبو، آل: bind the next word into the name
    particles: frozenset[str] = frozenset()  # دي، فون، فان: bind a following name word, open nothing
    function_words: frozenset[str] = frozenset()  # written spellings that fold into a name's ("على" -> "علي")
    ambiguous: frozenset[str] = frozenset()  # given names that are everyday words first ("كامل", "أمين")
    theophoric: frozenset[str] = frozenset()  # words that take "الله" into a name: "نصر الله", "خير الله"
    person_cues: frozenset[str] = frozenset()  # السيد، المدعو، الفنان: the next words are a name
    group_anaphors: frozenset[str] = frozenset()  # الحركة، التنظيم: alone, the group named with them before
    settlements: frozenset[str] = frozenset()  # بلدة، قرية (cores): the words after them name a place, not a person
    weak_place_cues: frozenset[str] = frozenset()  # في: before an everyday-word place, needs `place_followers`
    place_followers: frozenset[str] = frozenset()  # what may follow such a place: جنوب، أمس، من
    speech_cues: frozenset[str] = frozenset()  # قال، أكد: a listed name word after them is a person
    org_heads: dict[str, tuple[str, str]] = field(default_factory=dict)  # class noun -> (kind, English head)
    org_stops: frozenset[str] = frozenset()  # words that end an organisation's name
    org_words: dict[str, str] = field(default_factory=dict)  # "الدفاع" -> "Defence": English of name words
    not_organisations: frozenset[str] = frozenset()  # "مجلس الادارة": a class noun and a complement naming nobody
    strict_heads: frozenset[str] = frozenset()  # class nouns that are also verbal nouns: need a definite or a name
    letters: dict[str, str] = field(default_factory=dict)  # "سي" -> "C": Latin letters spelled out
    weak_letters: frozenset[str] = frozenset()  # letter names that are everyday words ("إن", "أو")
    national_heads: frozenset[str] = frozenset()  # حكومة، منتخب: name a body only with a nationality after them
    definite_heads: dict[str, tuple[str, str]] = field(default_factory=dict)  # "جيش": with the article, a state's
    forms: dict[str, tuple[str, int] | None] = field(default_factory=dict, compare=False, repr=False)  # memo
    # Derived at construction: the words that may open a name though no name word
    # ("أبو", "وآل", "خير"), and every written form of a class noun ("وزارة", "والوزارة").
    openers: frozenset[str] = field(init=False, compare=False, repr=False)
    head_forms: frozenset[str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        conj = [c + j for j in self.joiners for c in ("و", "ف")]
        object.__setattr__(self, "openers", self.joiners | self.particles | self.theophoric | frozenset(conj))
        heads = [*self.org_heads, *self.definite_heads]
        forms = [p + h for h in heads for p in ("", *_PROCLITICS, "ال", "وال", "فال", "بال")]
        object.__setattr__(self, "head_forms", frozenset(forms))


@dataclass(frozen=True, slots=True)
class Found:
    """Words [start, end) name a person or an organisation; `skip` letters of words[start] are a clitic."""

    start: int
    end: int
    kind: str  # person | group | institution | media
    skip: int = 0
    head_en: str = ""
    quoted: bool = False  # the name after the class noun is in quotes: a proper name in its own order
    acronym: bool = False  # letters spelled out ("سي إن إن"): head_en is the whole English name


_PROCLITICS = ("و", "ف", "ب", "ل", "ك")


def name_form(lex: NameLexicon, norm: str) -> tuple[str, int] | None:
    """The name word a token spells, and how many clitic letters precede it ("وميركل" -> ميركل, 1)."""
    try:
        return lex.forms[norm]  # news vocabulary repeats: each word is read once per lexicon
    except KeyError:
        form = lex.forms[norm] = _name_form(lex, norm)
        return form


def _name_form(lex: NameLexicon, norm: str) -> tuple[str, int] | None:
    if not norm.isalpha() or _cue(lex, norm):
        return None  # "البصرة-الشلامجة", "G7", "وأكد" (not "Wakid"): no name word
    if is_name(lex, norm):
        return norm, 0
    if norm in lex.not_names or len(norm) < 4 or norm[0] not in _PROCLITICS:
        return None
    skips = (1, 2) if norm[0] in ("و", "ف") and norm[1] in _PROCLITICS[2:] else (1,)
    for skip in skips:
        rest = norm[skip:]
        if len(rest) > 2 and is_name(lex, rest) and lex.common.get(rest, 0.0) >= lex.common.get(norm, 0.0):
            return rest, skip  # but "بيان" is a statement, not ب + "يان": the commoner reading wins
    return None


def is_name(lex: NameLexicon, w: str) -> bool:
    """Whether a folded word is a name word rather than a common one."""
    if w in lex.not_names:
        return False
    if w in lex.given:
        return True
    n = lex.count.get(w, 0)
    if n < MIN_NAME_COUNT:
        return False
    return lex.common.get(w, 0.0) < _ceiling(n)


def _ceiling(n: int) -> float:
    """How common in general text a word may be and still be a name, by how many names carry it.

    Folding merges spellings ("سأل" asked, "سال" Sal): a name seen a few times must be rare.
    """
    if n >= FAMOUS_COUNT:
        return VERY_COMMON_ZIPF
    return COMMON_ZIPF if n >= 20 else 4.3 if n >= 5 else 4.0


def _strong(lex: NameLexicon, w: str) -> bool:
    """A word that opens a name: a curated given name or a name seen in many person names."""
    n, z = lex.count.get(w, 0), lex.common.get(w, 0.0)
    return w in lex.given or n >= 5 and z < COMMON_ZIPF or n >= FAMOUS_COUNT and z < VERY_COMMON_ZIPF


def find_people(words: Sequence[str], norms: Sequence[str], free: Sequence[bool], lex: NameLexicon, *,
                cued: frozenset[int] = frozenset(), nisbas: frozenset[int] = frozenset()) -> list[Found]:
    """Persons the gazetteer does not know, among the words marked free; `cued` words follow a title.

    `nisbas` are nationality adjectives of the form a family name takes ("المصري", "كندي"):
    right after a given name they close it ("أحمد المصري"), elsewhere they stay adjectives.
    """
    out: list[Found] = []
    end = 0
    for i in [i for i in range(len(norms)) if free[i] and _may_open(lex, norms, i, cued)]:
        span = _person_at(words, norms, free, lex, i, cued, nisbas) if i >= end else None
        if span:
            out.append(span)
            end = span.end
    return out


def person_after_title(words: Sequence[str], norms: Sequence[str], free: Sequence[bool], lex: NameLexicon,
                       i: int, *, nisbas: frozenset[int] = frozenset()) -> Found | None:
    """The name a title or an office opens at word i ("الرئيس شافيز", "وزير الخارجية X Y")."""
    return _person_at(words, norms, free, lex, i, frozenset({i}), nisbas) if i < len(norms) and free[i] else None


def _may_open(lex: NameLexicon, norms: Sequence[str], i: int, after_title: frozenset[int]) -> bool:
    """The cheap test most words fail: no name word, no joiner, no title before."""
    w = norms[i]
    return name_form(lex, w) is not None or w in lex.openers or _titled(lex, i, norms[i - 1] if i else "", after_title)


def _function_word(lex: NameLexicon, word: str) -> bool:
    """"على" folds to the spelling of "علي"; the written word tells the preposition from the name."""
    w = dediac_ar(word)
    return w in lex.function_words or len(w) > 3 and w[0] in ("و", "ف") and w[1:] in lex.function_words


def _ambiguous(lex: NameLexicon, w: str) -> bool:
    """A name that is also an everyday word ("كامل" whole, "أمين" secretary, "نادر" rare)."""
    if w in lex.ambiguous:
        return True
    return w not in lex.given and lex.count.get(w, 0) < FAMOUS_COUNT and lex.common.get(w, 0.0) >= COMMON_ZIPF


def _person_at(words: Sequence[str], norms: Sequence[str], free: Sequence[bool], lex: NameLexicon,
               i: int, after_title: frozenset[int], nisbas: frozenset[int] = frozenset()) -> Found | None:
    """A person's name at word i; after a title or a role noun a rare word may open it, after
    a verb of speech a single listed name word is one ("وقال ليبرمان")."""
    first = norms[i]
    prev = norms[i - 1] if i else ""
    if first in lex.particles:
        return None  # "دي", "فان" open no name: "فان" is also "then", "دي" a letter
    if _before_place(lex, prev) and not _titled(lex, i, prev, after_title):
        return None  # "قصف موقعا في بركة ريشا": a name right after "in" is a place, not a person
    if first in lex.theophoric and i + 2 < len(norms) and norms[i + 1] == "الله" and free[i + 1]:
        return _theophoric(words, norms, free, lex, i)
    if first in lex.joiners and i + 1 < len(norms) or first[1:] in lex.joiners and first[:1] in ("و", "ف"):
        if _function_word(lex, words[i]):
            return None  # a bare "ال" is no "آل"
        skip = 0 if first in lex.joiners else 1
        opened, picky = True, True  # "أبو مهدي", not "أم القرى" or "أبي الذي"
    else:
        form = name_form(lex, first)
        if form is None:
            if not (_titled(lex, i, prev, after_title) and _titled_name(lex, first)):
                return None
            skip, opened, picky = 0, True, False  # "الرئيس شافيز": a rare word after a title
            nisbas = frozenset()  # "الرئيس شافيز الفنزويلي": a nisba after a surname is his nationality
        elif form[0].startswith("ال"):  # "وأكد الحريري": after a verb of speech a family name alone
            spoken = _cue(lex, prev) and form[1] == 0 and _nisba_family(lex, words[i], first, after_name=False)
            return Found(i, i + 1, "person") if spoken and not _continues_any(lex, words, norms, free, i) else None
        elif _function_word(lex, words[i]):
            return None
        else:
            skip = form[1]
            opened, picky = _strong(lex, form[0]), _ambiguous(lex, form[0])
    j = i + 1
    while j < len(norms) and j - i < MAX_NAME_WORDS and free[j] and _continues(lex, words, norms, j, opened, picky):
        j += 1
        picky = False
        if norms[j - 1].startswith("ال") and norms[j - 1] not in lex.joiners and norms[j - 2] not in lex.joiners:
            break  # a family name with the article closes the name
    if j in nisbas and not picky and (j == i + 1 and first[skip:] in lex.given
                                      or j == i + 2 and (first[skip:] in lex.joiners or
                                                         first[skip:] in lex.given and norms[i + 1] in lex.given)):
        j += 1  # "أحمد المصري", "أبو حمزة الهندي": after given names a nisba is the family name
    while j > i + 1 and (norms[j - 1] in lex.joiners or norms[j - 1] in lex.particles):
        j -= 1  # "محمد بن" with nothing after the joiner
    if j - i >= 2:
        return Found(i, j, "person", skip)
    if first in lex.openers:
        return None  # "عبد" or "أبو" alone names nobody
    if (_titled(lex, i, prev, after_title) or _cue(lex, prev)) and not _ambiguous(lex, first[skip:]):
        return Found(i, j, "person", skip)  # "الرئيس شافيز", "وقال ليبرمان"
    return None


def _before_place(lex: NameLexicon, w: str) -> bool:
    """"في", "وفي": the bare preposition a place follows."""
    return w in lex.weak_place_cues or w[:1] == "و" and w[1:] in lex.weak_place_cues


def _continues_any(lex: NameLexicon, words: Sequence[str], norms: Sequence[str], free: Sequence[bool],
                   i: int) -> bool:
    """Whether a name word follows word i: then word i is no surname standing alone."""
    return i + 1 < len(norms) and free[i + 1] and is_name(lex, norms[i + 1]) and not norms[i + 1].startswith("ال")


def _titled(lex: NameLexicon, i: int, prev: str, after_title: frozenset[int]) -> bool:
    return i in after_title or prev in lex.person_cues


def _theophoric(words: Sequence[str], norms: Sequence[str], free: Sequence[bool], lex: NameLexicon,
                i: int) -> Found | None:
    """"خير الله الأسدي": a name opening with a word and "الله", which a family name must confirm."""
    j = i + 2
    if not free[j] or not (_nisba_family(lex, words[j], norms[j]) or is_name(lex, norms[j])):
        return None  # "نصر الله" alone: God's victory, or a surname the gazetteer knows
    return Found(i, j + 1, "person")


def doubtful_start(lex: NameLexicon, words: Sequence[str], norms: Sequence[str], i: int) -> bool:
    """Word i is a given name that is also an everyday word, and nothing after it confirms a name.

    "الوزير كامل الصلاحيات" gives the minister full powers; "الوزير كامل الربيعي" is a person.
    """
    if i + 1 >= len(norms) or not _ambiguous(lex, norms[i]):
        return False
    w = norms[i + 1]
    confirmed = w in lex.joiners or _nisba_family(lex, words[i + 1], w) \
        or is_name(lex, w) and not _ambiguous(lex, w)
    return not confirmed


def _titled_name(lex: NameLexicon, w: str) -> bool:
    """A word no name list holds that a title before it makes a name: rare, bare and no adjective."""
    if not w.isalpha() or w.startswith(("ال", "لل", "بال", "وال", "فال", "كال")) or w in lex.not_names \
            or _future(lex, w):
        return False  # "رئيس للتشريعي": a definite word; "الرئيس ستتخذ": a verb in the future
    if w.endswith(("ون", "ين", "ات", "وا")) and w[:-2] in lex.common:
        return False  # "اعتبر مراقبون": a plural
    return lex.common.get(w, 0.0) < TITLED_ZIPF and _foreign(lex, w) and not _cliticised(lex, w)


def _cue(lex: NameLexicon, w: str) -> bool:
    """"السيد", "المدعو", "قال", "وأضاف": after these a single name word is a person."""
    if w in lex.person_cues or w in lex.speech_cues:
        return True
    return len(w) > 3 and w[0] in ("و", "ف") and (w[1:] in lex.person_cues or w[1:] in lex.speech_cues)


def _continues(lex: NameLexicon, words: Sequence[str], norms: Sequence[str], j: int, opened: bool,
               picky: bool) -> bool:
    w, prev = norms[j], norms[j - 1]
    if not w.isalpha() or not ("\u0621" <= w[0] <= "\u064a") or _function_word(lex, words[j]) or w in lex.not_names:
        return False
    if prev in lex.joiners:
        if picky:  # the joiner opened the name: what it binds must be a name ("عبد الرحيم", "أبو مهدي")
            return is_name(lex, w) and not w.startswith("ال") or w in lex.given \
                or _nisba_family(lex, words[j], w, after_name=False)
        return w.startswith("ال") or is_name(lex, w) or lex.common.get(w, 0.0) < VERY_COMMON_ZIPF
    if w == "الله" and prev not in lex.theophoric:
        return prev in lex.joiners  # "عبد الله", "نصر الله"; not "أحمد الله" (I thank God)
    if w[0] == "و" and lex.count.get(w, 0) < 5 and w not in lex.given:
        return False  # "وسرخس": a conjunction, not a name (وليد، وائل are names)
    if prev in lex.particles:
        return not w.startswith("ال") and (is_name(lex, w) or _family(lex, w))  # "دي ميستورا"
    if w in lex.joiners or w in lex.particles:
        return j + 1 < len(norms)
    if _cliticised(lex, w):
        return False  # "ونمر", "بقطار": a conjunction or preposition ends the name
    if w.startswith("ال"):  # "الربيعي", "السنيورة"; after a doubtful first word only a nisba
        return _nisba_family(lex, words[j], w, after_name=opened) \
            or not picky and (is_name(lex, w) or opened and _family(lex, w[2:], ceiling=TITLED_ZIPF))
    if _his(lex, w):
        return False  # "سامح شكري نظيره": "his counterpart" closes the name before it
    if is_name(lex, w):
        return not (picky and _ambiguous(lex, w))  # "سجاد نادر", "كامل تراب": two everyday words
    # a rare word closes a name; after a doubtful first word only one no word list has ("سعيد عويطة")
    return opened and _family(lex, w) and (not picky or w not in lex.common)


def _his(lex: NameLexicon, w: str) -> bool:
    """"نظيره", "شقيقه": a common noun with "his", which the name lists hold only by accident.

    Written ه, the pronoun folds to the same letter as the feminine ة, so only a word whose
    stem is a common word and which few names carry is read as possessed ("جمعه" stays a name).
    """
    return w.endswith("ه") and lex.count.get(w, 0) < 5 and w not in lex.given \
        and lex.common.get(w[:-1], 0.0) >= TITLED_ZIPF


def ends_name(lex: NameLexicon, w: str) -> bool:
    """A word that cannot continue a name: a word with a proclitic ("لكرة"), a future verb ("ستزور")."""
    return _cliticised(lex, w) or _future(lex, w)


def _cliticised(lex: NameLexicon, w: str) -> bool:
    """A proclitic on a word that is a word or a name without it, and no name itself ("ونمر")."""
    if len(w) < 4 or w[0] not in _PROCLITICS or lex.count.get(w, 0) >= 5 or w in lex.given:
        return False
    rest = w[1:]
    if rest in lex.common or rest in lex.count:
        return True
    return rest.endswith(_NUMBER_ENDINGS) and rest[:-2] in lex.common  # "باتصالين": with two calls


_NUMBER_ENDINGS = ("ين", "ان", "ون", "ات")  # dual and plural endings


def _nisba_family(lex: NameLexicon, word: str, w: str, *, after_name: bool = True) -> bool:
    """"الربيعي", "الشمري": a family name of origin, written with ي, and no everyday adjective.

    After a given name a nisba as common as "الشمري" is still a family name; after a word
    that is not surely a name only a rare one is ("ليفربول التصدي" is no person).
    """
    if not (len(w) >= 5 and w.endswith("ي") and dediac_ar(word).endswith("ي")) or w in lex.not_names:
        return False
    return lex.common.get(w, 0.0) < (COMMON_ZIPF if after_name else NISBA_ZIPF) or is_name(lex, w)


_SUFFIXED = ("ها", "هم", "هما", "كم", "هن", "نا")  # "أجهزتها", "ناديه": a possessed noun, no name


def _family(lex: NameLexicon, w: str, *, ceiling: float = RARE_ZIPF) -> bool:
    """A word that may close a name after a given name: a word rare in general text."""
    if w in lex.not_names or w in lex.joiners or len(w) < 3 or w.startswith("ال"):
        return False
    if w.endswith(_SUFFIXED) and len(w) > 4 or _future(lex, w) or w.endswith("ا") and w[:-1] in lex.common:
        return False  # "مضيفتها", "ستزور", "سادسا": a possessed noun, a verb, an accusative
    return lex.common.get(f"ال{w}", 0.0) < ceiling and lex.common.get(w, 0.0) < ceiling


def _future(lex: NameLexicon, w: str) -> bool:
    """"ستزور", "سيلتقي": a verb in the future, rare as written but common without its س."""
    return len(w) > 4 and w[0] == "س" and w[1] in "يتنا" and w[1:] in lex.common


def find_organisations(words: Sequence[str], norms: Sequence[str], free: Sequence[bool],
                       lex: NameLexicon, *, nationals: dict[int, int] | None = None,
                       places: dict[int, int] | None = None) -> list[Found]:
    """Organisations named by a class noun and what completes it ("حزب العمال", "وزارة المالية");
    `nationals` and `places` map the word where a nationality adjective or a known place
    begins to where it ends ("الحكومة اللبنانية", "جامعة بغداد")."""
    out: list[Found] = []
    i = 0
    heads = lex.head_forms
    if heads.isdisjoint(norms):
        return out  # most sentences: no class noun, no organisation
    while i < len(norms):
        found = _organisation_at(norms, free, lex, i, nationals or {}, places or {}) \
            if free[i] and norms[i] in heads else None
        if found:
            out.append(found)
            i = found.end
        else:
            i += 1
    return out


def _organisation_at(norms: Sequence[str], free: Sequence[bool], lex: NameLexicon, i: int,
                     nationals: dict[int, int], places: dict[int, int]) -> Found | None:
    w = norms[i]
    if w not in lex.org_heads and w[1:] not in lex.org_heads and "ال" not in w[:4]:
        return None  # most words: no class noun, bare or with the article
    skip = 0
    head = lex.org_heads.get(w)
    if head is None and len(w) > 3 and w[0] in _PROCLITICS:
        head, skip = lex.org_heads.get(w[1:]), 1
    definite = False
    if head is None:
        head, skip = _definite_head(lex, w)
        definite = True
    if head is None:
        return None
    if w[skip:].removeprefix("ال") in lex.national_heads:  # "الحكومة الجديدة": a government, but whose?
        return Found(i, nationals[i + 1], head[0], skip, head[1]) if i + 1 in nationals else None
    quoted = _quoted(norms, free, i + 1)
    if quoted:
        return Found(i, quoted, head[0], skip, head[1], quoted=True)  # صحيفة «صن», قناة "تي في 5"
    strict = w[skip:] in lex.strict_heads or head[0] == "group"  # a group's name is precision-critical
    j = i + 1
    if i + 1 in places and not definite and not strict:
        j = places[i + 1]  # "جامعة بغداد", "بنك فرنسا المركزي": a known place names the body
        if j - i > MAX_ORG_WORDS:
            return None
    while j < len(norms) and j - i <= MAX_ORG_WORDS and free[j] \
            and _completes(lex, norms[j], j == i + 1 and not definite):
        j += 1
    if j == i + 1 or definite and not norms[i + 1].startswith("ال"):
        return None  # "قوات" alone is nobody; "المجلس" needs its adjective ("المجلس الأعلى")
    if f"{w[skip:].removeprefix('ال')} {norms[i + 1]}" in lex.not_organisations:
        return None  # "مجلس الإدارة", "حركة المرور": a board, the traffic
    if strict and not norms[i + 1].startswith("ال") and not is_name(lex, norms[i + 1]):
        return None  # "تحالف فضفاض", "فصيل مسلح": a loose alliance, an armed faction
    return Found(i, j, head[0], skip, head[1])


_OPEN_QUOTES = {"\"": "\"", "«": "»", "“": "”", "'": "'"}
MAX_QUOTED_WORDS = 5


def _quoted(norms: Sequence[str], free: Sequence[bool], j: int) -> int:
    """The end (after the closing quote) of a quoted name starting at word j, or 0."""
    close = _OPEN_QUOTES.get(norms[j]) if j < len(norms) else None
    if close is None:
        return 0
    for k in range(j + 1, min(j + 2 + MAX_QUOTED_WORDS, len(norms))):
        if norms[k] == close:
            return k + 1 if k > j + 1 and all(free[j:k + 1]) else 0
        if not norms[k].isalnum():
            return 0  # a sentence inside quotes, not a name
    return 0


def _definite_head(lex: NameLexicon, w: str) -> tuple[tuple[str, str] | None, int]:
    """"المحكمة الاتحادية", "والجامعة العربية": an institution's class noun with the article."""
    skip = 1 if w[:1] in ("و", "ف", "ب") and w[1:3] == "ال" else 0
    if w[skip:skip + 2] != "ال":
        return None, 0
    head = lex.definite_heads.get(w[skip + 2:]) or lex.org_heads.get(w[skip + 2:])
    return (head, skip) if head and head[0] != "group" else (None, 0)


def _completes(lex: NameLexicon, w: str, first: bool) -> bool:
    """A word that belongs to an organisation's name: definite nouns and adjectives, or a proper name."""
    if not w.isalpha() or not ("\u0621" <= w[0] <= "\u064a") or w in lex.org_stops:
        return False
    if w.startswith("ال"):
        return True
    if w.startswith("لل") and len(w) > 4:
        return not first  # "الاتحاد الدولي للشرطة": a complement after the name has begun
    return first and w not in lex.not_names and (is_name(lex, w) or _foreign(lex, w))


def _foreign(lex: NameLexicon, w: str) -> bool:
    """An indefinite word that can only be a proper name: rare, and no agreeing adjective or adverb.

    "شركة أرامكو" is a name; "شركة مدرجة" (a listed company), "بعثة أوروبية" (a European
    mission) and "شركة ارتفاعا" (a company [rose] by) are not.
    """
    if lex.common.get(w, 0.0) >= COMMON_ZIPF:
        return False
    if w.endswith(("ه", "يه")) or w.endswith("ا") and w[:-1] in lex.common:
        return False  # a feminine adjective agreeing with the head, an accusative adverb
    return not (w[0] in _PROCLITICS and w[1:] in lex.common)  # "ودعوا"


MIN_ACRONYM = 2  # letters in an acronym; one opening with a weak letter needs one more
_written = lru_cache(maxsize=200_000)(dediac_ar)  # every word of every sentence passes here: news repeats its words


def find_acronyms(words: Sequence[str], free: Sequence[bool], lex: NameLexicon) -> list[Found]:
    """Acronyms written as Arabic letter names ("سي إن إن" -> CNN, "إف بي آي" -> FBI)."""
    out: list[Found] = []
    written = list(map(_written, words))
    if lex.letters.keys().isdisjoint(written):
        return out  # most sentences: no letter name, no acronym
    i = 0
    while i < len(words):
        if not (free[i] and written[i] in lex.letters):  # most words: no letter name, no acronym here
            i += 1
            continue
        j = i
        while j < len(words) and free[j] and written[j] in lex.letters:
            j += 1
        letters = list(range(i, j))
        letters = letters[:len(letters) - _unpaired_weak_end(written, letters, lex)]
        if len(letters) >= MIN_ACRONYM + (written[i] in lex.weak_letters):
            latin = "".join(lex.letters[written[k]] for k in letters)
            out.append(Found(i, letters[-1] + 1, "institution", head_en=latin, acronym=True))
            i = letters[-1] + 1
        else:
            i = max(j, i + 1)
    return out


def _unpaired_weak_end(written: Sequence[str], letters: Sequence[int], lex: NameLexicon) -> int:
    """1 when the run ends in an odd number of one weak letter ("بي بي سي إن": BBC, then "that")."""
    if not letters or written[letters[-1]] not in lex.weak_letters:
        return 0
    last = lex.letters[written[letters[-1]]]
    same = 0
    for k in reversed(letters):
        if lex.letters[written[k]] != last:
            break
        same += 1
    return same % 2
