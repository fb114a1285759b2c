"""Names nobody listed: persons and organisations found by the shape of their names, one rule a test."""

from __future__ import annotations

import re
from datetime import date

import pytest

from briefings.gazetteer import default_gazetteer
from briefings.mentions import parse_article
from briefings.normalize import sentences

_ARABIC = re.compile("[\u0600-\u06ff]")


def _unlisted(text: str) -> list[tuple[str, str, str]]:
    """(Arabic name, English name, kind) of every actor the gazetteer does not know."""
    p = parse_article(sentences("خبر", (text,)), default_gazetteer(), published=date(2024, 3, 10))[1]
    return [(a.actor.name_ar, a.actor.name_en, a.actor.kind) for a in p.actors if a.actor.id is None]


def _arabic_names(text: str) -> list[str]:
    return [ar for ar, _, _ in _unlisted(text)]


# ---- persons: what opens, binds and closes a name ------------------------------------------


@pytest.mark.parametrize(("text", "name_ar", "name_en"), [
    # a given name closed by a family name of origin
    ("قتل المواطن حيدر الكعبي برصاص مجهولين.", "حيدر الكعبي", "Haider al-Kaabi"),
    # a kunya: the joiner binds the next word, a nisba closes the name
    ("قال أبو ياسر الشمري إن الفصائل مستعدة.", "أبو ياسر الشمري", "Abu Yasser al-Shemari"),
    # two foreign name words the name list knows, each spelled as the press spells it
    ("وصل ينس ستولتنبرغ إلى أنقرة.", "ينس ستولتنبرغ", "Jens Stoltenberg"),
    # a preposition on the first word belongs to the sentence, not the name
    ("والتقى الوفد بأنجيلا ميركل في برلين.", "أنجيلا ميركل", "Angela Merkel"),
    # a chain of bin and Al
    ("زار محمد بن راشد آل مكتوم المعرض.", "محمد بن راشد آل مكتوم", "Mohammed bin Rashed Al Maktoum"),
    # a European particle binds a rare word after a given name, and keeps its own case
    ("التقى ستيفان دي ميستورا بالوفد.", "ستيفان دي ميستورا", "Stefan de Mistura"),
    # after a verb of speech a single well-attested name word is a person
    ("وقال ليبرمان إن الحكومة لن تتراجع.", "ليبرمان", "Lieberman"),
    # after a title even a word no name list holds is a name
    ("وصل الجنرال كوفالسكي إلى القاعدة.", "كوفالسكي", "Kufalski"),
    # and after a role noun
    ("وقالت الناشطة ريتاج إن الاعتصام مستمر.", "ريتاج", "Ritaj"),
    # a doubtful given name ("happy") with a word no word list has after it
    ("فاز العداء سعيد كوزمانوفيتش بالسباق.", "سعيد كوزمانوفيتش", "Saeed Kuzmanovic"),
    # a rare family name with the article after a given name
    ("وذكر سمير الطراونة أن المشروع جاهز.", "سمير الطراونة", "Samir al-Tarawneh"),
    # after a verb of speech a family name alone that the name lists hold
    ("وأكد الحريري تمسكه بالحوار.", "الحريري", "Al-Hariri"),
    # "عبد" binds a divine name with the article, and the name goes on after it
    ("ولم يشارك العداء عبد الرحيم الكومري في الملتقى.", "عبد الرحيم الكومري", "Abdul Rahim al-Kumari"),
    # a theophoric name, written as one word in English
    ("قال خير الله الأسدي إن المشروع توقف.", "خير الله الأسدي", "Khairallah al-Assadi"),
])
def test_a_name_nobody_listed_is_a_person(text: str, name_ar: str, name_en: str) -> None:
    assert (name_ar, name_en, "person") in _unlisted(text)


@pytest.mark.parametrize("text", [
    "سيطرت القوات على القرى المجاورة.",  # "على" folds to the spelling of "علي"
    "منح المجلس الوزير كامل الصلاحيات.",  # "كامل" is whole before it is Kamil
    "قال سجاد نادر إن الاجتماع تأجل.",  # two everyday words ("carpet", "rare") make no name
    "فان الدورة انتهت أمس.",  # a particle opens no name
    "وذكر بيان صادر عن الوزارة أن الاجتماع انتهى.",  # "بيان" is a statement, not ب + "يان"
    "أعلنت الخارجية أن ديفيد ستزور بغداد.",  # a verb in the future is no family name
    "قتل أسد ونمر في حديقة الحيوان.",  # a conjunction ends a name
    "خط سكة حديد البصرة-الشلامجة جاهز.",  # a hyphenated place pair is no family name
    "زار الوفد أم القرى.",  # a joiner opening a name must bind a name
    "سأل ابني الذي يدرس في الخارج.",  # "asked my son": folded "سأل" spells the name Sal, but is a verb first
    "ال تتابع الأخبار.",  # a bare "ال" is no "آل"
    "واعتبر مراقبون أن الخطوة متأخرة.",  # a plural after a verb of speech
    "أكد الرئيس ستتخذ الحكومة إجراءات.",  # a verb in the future after a title
    "أحمد الله على السلامة.",  # "I thank God"
    "نصر الله المؤمنين.",  # "God gave the believers victory": no family name confirms a name
    "زار الوفد شيروان وسرخس وطبس.",  # a conjunction ends a name
    "وقال الرئيسي إن الاجتماع تأجل.",  # an everyday adjective after a verb of speech is no surname
    "بصفته رئيسا للتشريعي.",  # a definite word with a preposition after a title
])
def test_everyday_words_shaped_like_names_are_nobody(text: str) -> None:
    assert _arabic_names(text) == []


def test_a_possessed_noun_closes_no_name() -> None:
    assert _arabic_names("قالت ماري إن مضيفتها غادرت.") == ["ماري"]  # "her hostess" is no surname


def test_a_doubtful_given_name_is_a_person_when_a_family_name_follows() -> None:
    assert ("كامل الربيعي", "Kamil al-Rabii", "person") in _unlisted("قال الوزير كامل الربيعي إن الموازنة جاهزة.")


def test_a_verb_of_speech_with_a_conjunction_is_no_name() -> None:
    assert _arabic_names("وأكد العامري أن الحشد باق.") == []


def test_unlisted_english_names_carry_no_arabic_letters() -> None:
    text = "والتقى الوفد بأنجيلا ميركل وينس ستولتنبرغ وأبو ياسر الشمري في برلين."
    found = _unlisted(text)
    assert len(found) == 3
    assert not any(_ARABIC.search(en) for _, en, _ in found)


# ---- organisations: a class noun and what completes it ---------------------------------------


@pytest.mark.parametrize(("text", "name_ar", "kind"), [
    ("أعلن حزب العمال البريطاني فوزه.", "حزب العمال البريطاني", "group"),
    ("وقعت شركة أرامكو عقدا جديدا.", "شركة أرامكو", "institution"),  # a rare indefinite word is a name
    ("أصدرت نقابة المعلمين بيانا.", "نقابة المعلمين", "institution"),
    # with the article an institution's class noun needs a definite word after it
    ("أصدرت المحكمة الإدارية العليا قرارا.", "المحكمة الإدارية العليا", "institution"),
    # an army: with a name a militia, with the article and a nationality a state's
    ("أعلن جيش المهدي انسحابه من المدينة.", "جيش المهدي", "group"),
    ("وقال الجيش الأردني إن طائرة مسيرة سقطت.", "الجيش الأردني", "institution"),
    # "إلى" folds like a definite word but ends the name
    ("وصلت الشرطة البريطانية إلى المكان.", "الشرطة البريطانية", "institution"),
    # a government or a parliament with its nationality
    ("وأعلنت الحكومة الكينية أن الانتخابات ستجرى في موعدها.", "الحكومة الكينية", "institution"),
    ("وصادق البرلمان النرويجي على الاتفاق.", "البرلمان النرويجي", "institution"),
    # colleges, schools and academies by their class noun
    ("وتخرج من كلية الآداب عام 1990.", "كلية الآداب", "institution"),
    ("وافتتحت مدرسة الأمل الثانوية أبوابها.", "مدرسة الأمل الثانوية", "institution"),
    # a known place after the class noun names the body
    ("ودرس الطب في جامعة الموصل سنوات.", "جامعة الموصل", "institution"),
    # a relative pronoun ends the name
    ("وقال عضوا لجنة المصالحة اللذان استقالا إن الخلاف عميق.", "لجنة المصالحة", "institution"),
])
def test_a_class_noun_and_its_complement_name_an_organisation(text: str, name_ar: str, kind: str) -> None:
    assert (name_ar, kind) in [(ar, k) for ar, _, k in _unlisted(text)]


@pytest.mark.parametrize("text", [
    "وهو تحالف فضفاض من المسلحين.",  # a loose alliance: a strict head needs a definite word or a name
    "هاجمت جماعة مسلحة القرية.",  # an armed group
    "وهي شركة مدرجة في البورصة.",  # a feminine adjective agreeing with the head
    "وصلت بعثة أوروبية إلى بغداد.",  # a European mission
    "ارتفعت أسهم الشركة، وسجلت شركة ارتفاعا بنسبة عشرة في المئة.",  # an accusative adverb
    "اجتمع مجلس الإدارة أمس.",  # a board of directors
    "تأثرت حركة المرور بالأمطار.",  # the traffic
    "هاجمت الجماعة المسلحة القرية.",  # a group's class noun with the article names nobody
    "هاجم فصيل مسلح القاعدة.",  # every group's class noun needs a definite word or a name word
    "اشتدت المعارك على جبهة القتال في الجنوب.",  # the battle front
    "وقالت الحكومة الجديدة إنها ستعمل بسرعة.",  # a government, but whose: no nationality after it
    "وأكدت الشركة العملاقة أن أرباحها ارتفعت.",  # an adjective any company can take
    "وقالت اللجنة المنظمة إن السباق تأجل.",  # the organising committee
    "وقال الجهاز الفني للفريق إن اللاعب مصاب.",  # a team's coaching staff
])
def test_an_indefinite_noun_phrase_is_no_organisation(text: str) -> None:
    assert _arabic_names(text) == []


@pytest.mark.parametrize(("text", "name_en"), [
    ("أعلن حزب العمال البريطاني فوزه.", "British Labour Party"),
    ("دعا مجلس الأمن الوطني التركي إلى التهدئة.", "Turkish National Security Council"),
    ("أعلنت وزارة الصحة اللبنانية ارتفاع الحصيلة.", "Lebanese Health Ministry"),
    ("قال حزب الدعوة الإسلامية إن الانتخابات نزيهة.", "Islamic al-Da'ua Party"),  # a word not in the lexicon
    # a quoted name keeps its own order, digits as written
    ("ونقلت صحيفة «صن» البريطانية أن الاجتماع تأجل.", "Sun newspaper"),
    ("وأعلنت الحكومة الكينية أن الانتخابات ستجرى في موعدها.", "Kenyan Government"),
    ("ودرس الطب في جامعة الموصل سنوات.", "Mosul University"),  # a place keeps its English name
])
def test_an_organisation_is_named_in_english_word_order(text: str, name_en: str) -> None:
    assert name_en in [en for _, en, _ in _unlisted(text)]


@pytest.mark.parametrize(("text", "name_ar", "name_en"), [
    ("وأعلن مكتب إف بي آي أن التحقيق مستمر.", "إف بي آي", "FBI"),
    # a weak letter opens a run of three; a lone one after the run is the complementizer
    ("وقالت قناة إن بي سي إن الرئيس غادر.", "إن بي سي", "NBC"),
    ("وذكرت محطة كيه إن إن أن الأمر حسم.", "كيه إن إن", "KNN"),  # a pair of weak letters stays
])
def test_letters_spelled_out_are_an_acronym(text: str, name_ar: str, name_en: str) -> None:
    assert (name_ar, name_en) in [(ar, en) for ar, en, _ in _unlisted(text)]


@pytest.mark.parametrize("text", [
    "وقال إن أي اتفاق سيفشل.",  # "that any": everyday words, one of them no letter as written
    "ورأى أن دي ميستورا تأخر.",  # a particle before a name
])
def test_everyday_words_shaped_like_letters_are_no_acronym(text: str) -> None:
    assert all(kind == "person" for _, _, kind in _unlisted(text))


def test_a_quoted_name_keeps_its_order_and_its_digits() -> None:
    found = _unlisted("وذكرت قناة \"تي في 5\" أن الاجتماع تأجل.")
    assert [(ar, kind) for ar, _, kind in found] == [("قناة تي في 5", "media")]
    assert found[0][1].endswith(" 5 channel")


def test_a_name_after_a_title_stops_at_a_preposition() -> None:
    assert _arabic_names("تنطلق اليوم بطولة كأس الشيخ جاسم لكرة القدم.") == ["جاسم"]  # "for football"


def test_a_kunya_stops_before_a_noun_with_a_preposition() -> None:
    assert _arabic_names("أنذر الجيش عائلة أبو حميد باتصالين هاتفيين.") == ["أبو حميد"]  # "with two calls"


def _roles(text: str) -> list[tuple[str, str | None]]:
    p = parse_article(sentences("خبر", (text,)), default_gazetteer(), published=date(2024, 3, 10))[1]
    return [(a.actor.name_en, a.actor.role_en) for a in p.actors if a.actor.id is None]


@pytest.mark.parametrize(("text", "name_en", "role_en"), [
    # a foreign given name the name lists hold, after an office and its nationality, which the role reads
    ("قال وزير الخارجية الفنلندي بيكا هافيستو إن بلاده قلقة.", "Pekka Haavisto", "Finnish Foreign Minister"),
    ("وصرح السفير الياباني كوجي تاكاهاشي للصحفيين.", "Koji Takahashi", "Japanese Ambassador"),
])
def test_a_name_after_a_title_takes_the_title_as_its_role(text: str, name_en: str, role_en: str) -> None:
    assert _roles(text) == [(name_en, role_en)]


@pytest.mark.parametrize(("text", "name_ar", "name_en"), [
    ("قال الفنان جاسم التونسي إن الحفل تأجل.", "جاسم التونسي", "Jassim al-Tounsi"),
    ("وأكد أبو خالد العراقي أن المشروع توقف.", "أبو خالد العراقي", "Abu Khaled al-Iraqi"),
    ("وزار الرئيس فراس المصري المعرض.", "فراس المصري", "Firas al-Masri"),
])
def test_a_nationality_after_a_given_name_is_his_family_name(text: str, name_ar: str, name_en: str) -> None:
    assert [(ar, en) for ar, en, _ in _unlisted(text)] == [(name_ar, name_en)]
    p = parse_article(sentences("خبر", (text,)), default_gazetteer(), published=date(2024, 3, 10))[1]
    assert p.nationalities == ()  # the adjective went into the name


@pytest.mark.parametrize(("text", "name_ar", "country"), [
    ("التقى وزير الخارجية اللبناني وليد حمدان بالوفد.", "وليد حمدان", "LB"),
    ("وقال السفير الكيني جوزيف موانغي إن الطريق مغلق.", "جوزيف موانغي", "KE"),
])
def test_a_nationality_after_a_title_stays_an_adjective(text: str, name_ar: str, country: str) -> None:
    p = parse_article(sentences("خبر", (text,)), default_gazetteer(), published=date(2024, 3, 10))[1]
    assert [(a.actor.name_ar, a.country) for a in p.actors] == [(name_ar, country)]


def test_a_nationality_after_a_surname_or_a_place_is_no_family_name() -> None:
    assert _arabic_names("وصل الرئيس شافيز الفنزويلي إلى المطار.") == ["شافيز"]
    assert _arabic_names("فاز نادي ميلانو الإيطالي بالمباراة.") == ["نادي ميلانو الإيطالي"]


def test_a_noun_with_his_closes_the_name_before_it() -> None:
    assert _arabic_names("التقى وزير الخارجية الأردني سمير الطراونة نظيره.") == ["سمير الطراونة"]
    assert _arabic_names("وقال الناشط هاني بشاره إن الاعتصام مستمر.") == ["هاني بشاره"]  # a name, not "his good news"


@pytest.mark.parametrize(("text", "name_ar"), [
    ("وبحث الرئيس عبد المجيد كركوكلي الملف مع الوفد.", "عبد المجيد كركوكلي"),
    ("وقال عبد الكريم الطراونة إن الطريق مغلق.", "عبد الكريم الطراونة"),
    ("وذكر عبد السلام كوفالسكي أن الوفد وصل.", "عبد السلام كوفالسكي"),
])
def test_abd_binds_any_divine_name(text: str, name_ar: str) -> None:
    assert _arabic_names(text) == [name_ar]


def test_acronyms_and_class_nouns_are_read_only_where_they_stand() -> None:
    found = _unlisted("وبثت قناة إي بي سي تقريرا عن جمعية الصيادين الأحرار في الميناء.")
    assert [(ar, kind) for ar, _, kind in found] == [("إي بي سي", "institution"),
                                                    ("جمعية الصيادين الأحرار", "institution")]
    assert _unlisted("وبثت القناة تقريرا عن الصيادين في الميناء.") == []
