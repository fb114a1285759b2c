"""Who each sentence names: offices by date, titles, surnames, unknown persons, anaphora and roles."""

from __future__ import annotations

from datetime import date

import pytest

from briefings.gazetteer import default_gazetteer
from briefings.mentions import Parsed, parse_article, strip_proclitic
from briefings.model import Article
from briefings.normalize import sentences


def _parse(*paragraphs: str, published: date | None = date(2024, 3, 10), title: str = "خبر") -> tuple[Parsed, ...]:
    return parse_article(sentences(title, paragraphs), default_gazetteer(), published=published)


def _names(p: Parsed) -> list[str]:
    return [a.actor.name_en for a in p.actors]


@pytest.mark.parametrize(("day", "holder"), [
    (date(2019, 6, 1), "Mike Pompeo"),
    (date(2023, 6, 1), "Antony Blinken"),
    (date(2025, 6, 1), "Marco Rubio"),
])
def test_an_office_names_its_holder_on_the_publication_day(day: date, holder: str) -> None:
    p = _parse("وصل وزير الخارجية الأمريكي إلى بغداد في زيارة رسمية.", published=day)[1]
    assert _names(p) == [holder]
    assert p.actors[0].via == "office"


def test_a_former_office_names_nobody() -> None:
    p = _parse("انتقد وزير الخارجية الأمريكي السابق سياسة الإدارة.", published=date(2023, 6, 1))[1]
    assert "Antony Blinken" not in _names(p)


def test_an_office_without_a_day_names_nobody() -> None:
    p = _parse("وصل وزير الخارجية الأمريكي إلى بغداد.", published=None)[1]
    assert _names(p) == []


def test_a_title_before_a_known_name_names_that_person() -> None:
    p = _parse("قال وزير الخارجية الأمريكي السابق مايك بومبيو إن الاتفاق فشل.", published=date(2023, 6, 1))[1]
    assert _names(p) == ["Mike Pompeo"]


def test_role_is_the_office_held_on_the_day() -> None:
    early = _parse("التقى مصطفى الكاظمي السفير البريطاني.", published=date(2021, 5, 1))[1].actors[0].actor
    late = _parse("التقى مصطفى الكاظمي السفير البريطاني.", published=date(2024, 5, 1))[1].actors[0].actor
    assert early.role_en == "Prime Minister of Iraq"
    assert late.role_en == "former Prime Minister of Iraq"
    assert late.role_ar is not None and "السابق" in late.role_ar


def test_no_role_from_an_office_not_yet_held() -> None:
    ref = _parse("زار محمد شياع السوداني محافظة ميسان.", published=date(2015, 5, 1))[1].actors[0].actor
    assert ref.role_en is None or "Prime Minister" not in ref.role_en


def test_one_record_per_person_across_the_article() -> None:
    parsed = _parse("وقال وزير الخارجية العراقي فؤاد حسين إن الحوار مستمر.", title="فؤاد حسين في طهران",
                    published=date(2024, 3, 10))
    refs = {a.actor for p in parsed for a in p.actors if a.actor.id == "fuad-hussein"}
    assert len(refs) == 1


def test_unknown_person_after_a_title() -> None:
    p = _parse("وقال الخبير الأمني العراقي فاضل أبو رغيف إن الوضع مستقر.")[1]
    unknown = [a for a in p.actors if a.via == "unknown"]
    assert [a.actor.name_ar for a in unknown] == ["فاضل أبو رغيف"]
    assert unknown[0].actor.role_en == "Iraqi security expert"
    assert unknown[0].actor.name_en.isascii()


def test_a_noun_after_a_title_is_no_person() -> None:
    p = _parse("بحث السفير الإيراني ملف الانتخابات مع المسؤولين.")[1]
    assert [a for a in p.actors if a.via == "unknown"] == []


def test_spokesperson_role_names_the_institution() -> None:
    p = _parse("قال المتحدث باسم وزارة الخارجية العراقية أحمد الصحاف إن بغداد تتابع القضية.")[1]
    person = next(a for a in p.actors if a.actor.kind == "person")
    assert person.actor.name_ar == "أحمد الصحاف"
    assert person.actor.role_en == "spokesperson for the Iraqi Ministry of Foreign Affairs"


def test_surname_alone_after_the_full_name() -> None:
    parsed = _parse("استقبل هادي العامري وفدا من الحشد.", "وأكد العامري أن الحشد باق.")
    assert _names(parsed[2]) == ["Hadi al-Amiri"]
    assert parsed[2].actors[0].via == "surname"


def test_surname_alone_before_the_full_name_is_nobody() -> None:
    parsed = _parse("وأكد العامري أن الحشد باق.", "استقبل هادي العامري وفدا.")
    assert _names(parsed[1]) == []


def test_surname_of_an_office_holder_after_the_office() -> None:
    parsed = _parse("وصل رئيس الوزراء العراقي إلى أنقرة.", "وقال السوداني إن الزيارة مهمة.",
                    published=date(2024, 3, 10))
    assert _names(parsed[2]) == ["Mohammed Shia al-Sudani"]


def test_an_agreeing_adjective_is_no_surname() -> None:
    parsed = _parse("زار محمد شياع السوداني عمان.", "وقاتل الجيش السوداني قوات الدعم السريع.")
    assert "Mohammed Shia al-Sudani" not in _names(parsed[2])


def test_the_iranian_official_points_back() -> None:
    parsed = _parse("وصل وزير الخارجية الإيراني عباس عراقجي إلى بغداد.", "وأكد المسؤول الإيراني دعم بلاده للعراق.",
                    published=date(2025, 2, 1))
    anaphor = [a for a in parsed[2].actors if a.via == "anaphor"]
    assert [a.actor.name_en for a in anaphor] == ["Abbas Araghchi"]


def test_the_iranian_official_with_nobody_before_is_nobody() -> None:
    p = _parse("وأكد المسؤول الإيراني دعم بلاده للعراق.")[1]
    assert [a for a in p.actors if a.via == "anaphor"] == []


def test_compass_word_composes_a_place() -> None:
    p = _parse("سقط صاروخ غرب العراق.")[1]
    assert [x.place.name_en for x in p.places] == ["western Iraq"]


@pytest.mark.parametrize(("word", "shown"), [
    ("والرئيس", "الرئيس"), ("للرئيس", "الرئيس"), ("بالمتحدث", "المتحدث"), ("فالوزير", "الوزير"),
    ("وزير", "وزير"), ("ولي", "ولي"), ("الرئيس", "الرئيس"),
])
def test_roles_are_shown_without_their_clitic(word: str, shown: str) -> None:
    assert strip_proclitic(word) == shown


def test_a_role_in_the_article_carries_no_clitic() -> None:
    p = _parse("والرئيس الإيراني مسعود بزشكيان قال إن طهران لا تريد الحرب.", published=date(2025, 1, 1))[1]
    person = next(a for a in p.actors if a.actor.kind == "person")
    assert not (person.actor.role_ar or "").startswith("و")


def test_an_indefinite_official_does_not_point_back() -> None:
    parsed = _parse("وصل فؤاد حسين إلى طهران.", "وقال مسؤول عراقي إن الزيارة ناجحة.")
    assert [a for a in parsed[2].actors if a.via == "anaphor"] == []


def test_headline_surname_resolved_from_the_body() -> None:
    parsed = parse_article(sentences("الخزعلي يهاجم واشنطن", ("قال قيس الخزعلي إن القوات يجب أن تغادر.",)),
                           default_gazetteer(), published=date(2024, 3, 10))
    assert "Qais al-Khazali" in _names(parsed[0])


def test_the_name_basim_after_a_spokespersons_title_is_a_name() -> None:
    from briefings.pipeline import brief

    article = Article(key="k", title="عنوان", published=date(2024, 6, 11), paragraphs=(
        "ونفى المتحدث باسم وزارة الكهرباء باسم الشمري وجود أي تقنين في بغداد.",))
    speakers = {s.speaker.name_ar: s.speaker.role_ar for s in brief(article).statements}
    assert "باسم الشمري" in speakers and "الشمري" not in (speakers["باسم الشمري"] or "")


@pytest.mark.parametrize("village", ["مجدل حسان", "قرية عادل فؤاد"])
def test_what_a_settlement_noun_names_is_no_person(village: str) -> None:
    p = _parse(f"وقالت الوكالة إن القصف استهدف منزلا في بلدة {village} في الجنوب.")[1]
    assert _names(p) == []


@pytest.mark.parametrize("site", ["موقع سمير خليل", "مستوطنة نادر سليم", "ثكنة كامل يوسف"])
def test_what_a_military_site_noun_names_is_no_person(site: str) -> None:
    p = _parse(f"وأعلن الحزب أنه استهدف {site} بالأسلحة الصاروخية.")[1]
    assert _names(p) == []


@pytest.mark.parametrize("place", ["بركة سليم", "سمير خليل"])
def test_a_name_right_after_in_is_a_place_not_a_person(place: str) -> None:
    p = _parse(f"وقصفت المدفعية تجمعا في {place} قرب الحدود.")[1]
    assert _names(p) == []


def test_a_person_after_in_and_a_title_is_still_a_person() -> None:
    p = _parse("وأعرب عن ثقته في الرئيس سمير خليل أمس.")[1]
    assert _names(p) == ["Samir Khalil"]


def test_a_settlement_noun_with_a_proclitic_still_names_a_place() -> None:
    p = _parse("ونزحت عائلات من مخيم سمير خليل وبقرية نادر سليم إلى المدينة.")[1]
    assert _names(p) == []


@pytest.mark.parametrize(("text", "role"), [
    ("وقال الكولونيل جون سميث إن التحقيق جار.", "Colonel"),
    ("وقال البريغادير جنرال جون سميث إن التحقيق جار.", "Brigadier General"),
])
def test_a_western_rank_written_out_in_arabic_is_the_persons_role(text: str, role: str) -> None:
    p = _parse(text)[1]
    assert [(a.actor.name_en, a.actor.role_en) for a in p.actors] == [("John Smith", role)]


def test_two_titles_before_one_name_make_one_person() -> None:
    (p,) = _parse("وقال المتحدث باسم التحالف الكولونيل جون ماروتو إن القاعدة تعرضت لهجوم.", title="")
    assert [a.actor.name_ar for a in p.actors if a.actor.kind == "person"] == ["جون ماروتو"]


@pytest.mark.parametrize(("text", "given"), [
    ("وقال الكولونيل واين ماروتو إن القاعدة تعرضت لهجوم.", "Wayne"),  # not و + "أين"
    ("وقال الجنرال وليام كيلي إن القوات ستبقى.", "William"),
])
def test_a_foreign_given_name_that_reads_as_wa_and_a_word(text: str, given: str) -> None:
    (p,) = _parse(text, title="")
    assert [a.actor.name_en.split()[0] for a in p.actors if a.actor.kind == "person"] == [given]


@pytest.mark.parametrize(("text", "name"), [
    ("وأكد السوداني أن الحكومة ماضية في الإصلاح.", "Mohammed Shia al-Sudani"),  # a surname the press uses alone
    ("وقال الجيش السوداني إن قواته صدت هجوما.", "Sudanese Army"),  # the adjective after a definite noun
])
def test_a_surname_the_press_uses_alone_names_its_person_where_a_name_may_stand(text: str, name: str) -> None:
    (p,) = _parse(text, title="")
    assert _names(p) == [name]


def test_a_surname_with_a_preposition_names_the_person_named_before() -> None:
    p = _parse("وقال المهندس كريم ناصيف إن المشروع سينجز.", "وأضاف أن لناصيف خبرة طويلة في البناء.")[2]
    assert [(a.actor.name_ar, a.via, a.start) for a in p.actors] == [("كريم ناصيف", "surname", 2)]


@pytest.mark.parametrize(("text", "names"), [
    ("قصف جيش الاحتلال الأمريكي قرية في ريف دير الزور.", []),  # another country's occupation army
    ("قصف جيش الاحتلال قرية في جنوب لبنان.", ["Israeli army"]),
    ("قصف جيش الاحتلال الإسرائيلي قرية في جنوب لبنان.", ["Israeli army"]),
])
def test_an_armys_alias_with_another_countrys_adjective_is_not_that_army(text: str, names: list[str]) -> None:
    [_, p] = _parse(text)
    assert _names(p) == names
