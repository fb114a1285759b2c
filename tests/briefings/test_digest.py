"""Statement digests: one clean English sentence with no Arabic and nothing invented, and an Arabic line."""

from __future__ import annotations

import re
from datetime import date

import pytest

from briefings.digest import compress_gist, default_phrases, find_topics, statement_digest
from briefings.model import ActorRef, Article, Briefing, Statement
from briefings.normalize import norm_token, tokens
from briefings.pipeline import brief

ARABIC = re.compile("[\u0600-\u06ff]")
DAY = date(2024, 3, 10)


def _brief(*paragraphs: str, published: date = DAY, title: str = "خبر") -> Briefing:
    return brief(Article(key="t", title=title, paragraphs=paragraphs, published=published))


def _one(*paragraphs: str, published: date = DAY) -> Statement:
    b = _brief(*paragraphs, published=published)
    assert len(b.statements) == 1, [s.speaker.name_en for s in b.statements]
    return b.statements[0]


def _topics(text: str) -> tuple[str, ...]:
    return find_topics([norm_token(w) for w in tokens(text)], default_phrases())


PERSON = ActorRef(id="x", name_en="Hadi al-Amiri", name_ar="هادي العامري", kind="person",
                  role_en="leader of the Badr Organization", role_ar="زعيم منظمة بدر")


# ---- English ---------------------------------------------------------------------------


def test_former_prime_minister_reads_as_one_acled_sentence() -> None:
    st = _one("حذر رئيس الوزراء العراقي الأسبق نوري المالكي من توسع الصراع، ودعا إلى ضبط النفس.")
    assert st.digest.en == ("Former Iraqi PM Nouri al-Maliki warned of a wider war "
                            "and called for restraint.")


def test_office_held_that_day_comes_before_the_name() -> None:
    st = _one("بحث مصطفى الكاظمي مع وفد أمريكي الحوار الاستراتيجي.", published=date(2021, 5, 1))
    assert st.digest.en.startswith("Iraqi PM Mustafa al-Kadhimi discussed the strategic dialogue")


def test_same_person_years_later_is_former() -> None:
    st = _one("بحث مصطفى الكاظمي مع وفد أمريكي الحوار الاستراتيجي.", published=date(2024, 5, 1))
    assert st.digest.en.startswith("Former Iraqi PM Mustafa al-Kadhimi")


def test_english_never_contains_arabic_script() -> None:
    b = _brief("قال المحلل السياسي العراقي غالب الدعمي إن الحكومة مطالبة بحسم ملف الرواتب.",
               "وطالب النائب عن دولة القانون ثائر الجبوري بإقرار الموازنة الاتحادية.",
               "وندد قيس الخزعلي بالقصف التركي على دهوك.")
    assert len(b.statements) >= 2
    for st in b.statements:
        assert not ARABIC.search(st.digest.en), st.digest.en
        assert st.digest.en.endswith(".") and st.digest.en[0].isupper()


def test_a_topic_is_never_repeated() -> None:
    st = _one("قال قيس الخزعلي إن خفض التصعيد ضروري، وإن التهدئة مصلحة وطنية، وإن ضبط النفس مطلوب.")
    assert st.digest.en.count("de-escalation") == 1


def test_a_call_is_never_for_a_war() -> None:
    st = _one("دعا هادي العامري إلى وقف الحرب على غزة وإدخال المساعدات الإنسانية.")
    assert "called for the war" not in st.digest.en
    assert "called for humanitarian aid" in st.digest.en


def test_topics_a_verb_cannot_take_are_what_was_spoken_about() -> None:
    st = _one("هدد قيس الخزعلي بالرد على أي هجوم يستهدف الحشد، متحدثا عن قانون الحشد الشعبي.")
    assert "threatened retaliation" in st.digest.en
    assert "threatened the Popular Mobilization Forces law" not in st.digest.en


def test_bare_said_beside_a_specific_act_is_left_out() -> None:
    d = statement_digest(speaker=PERSON, acts=("said", "warned"), topics_by_act=[("warned", "widening_war")],
                         objects={}, gist_ar="")
    assert d.en == "Hadi al-Amiri, leader of the Badr Organization, warned of a wider war."


def test_acts_without_topics_merge_into_one_clause() -> None:
    d = statement_digest(speaker=PERSON, acts=("threatened", "warned"), topics_by_act=[], objects={}, gist_ar="")
    assert d.en == "Hadi al-Amiri, leader of the Badr Organization, issued a threat and a warning."


def test_an_object_reads_with_its_article() -> None:
    d = statement_digest(speaker=PERSON, acts=("condemned",), topics_by_act=[], objects={"condemned": "United States"},
                         gist_ar="")
    assert d.en.endswith("condemned the United States.")


def test_a_threat_does_not_name_an_object() -> None:
    d = statement_digest(speaker=PERSON, acts=("threatened",), topics_by_act=[], objects={"threatened": "Iran"},
                         gist_ar="")
    assert "Iran" not in d.en


def test_speaker_without_a_role_or_english_name() -> None:
    anon = ActorRef(id=None, name_en="", name_ar="شخص", kind="person")
    d = statement_digest(speaker=anon, acts=("said",), topics_by_act=[], objects={}, gist_ar="")
    assert d.en == "A speaker made a statement."


@pytest.mark.parametrize(("role", "line"), [
    ("Prime Minister of Iraq", "Iraqi PM Hadi al-Amiri"),
    ("former Foreign Minister of Iran", "Former Iranian Foreign Minister Hadi al-Amiri"),
    ("US Secretary of State", "US Secretary of State Hadi al-Amiri"),
    ("Iraqi political analyst", "Iraqi political analyst Hadi al-Amiri"),
    ("leader of the Badr Organization", "Hadi al-Amiri, leader of the Badr Organization,"),
])
def test_role_placement(role: str, line: str) -> None:
    ref = ActorRef(id="x", name_en="Hadi al-Amiri", name_ar="هادي العامري", kind="person", role_en=role)
    d = statement_digest(speaker=ref, acts=("said",), topics_by_act=[], objects={}, gist_ar="")
    assert d.en.startswith(line)


# ---- Arabic ----------------------------------------------------------------------------


def test_arabic_line_names_role_acts_topics_and_gist() -> None:
    st = _one("حذر هادي العامري من عودة داعش، ودعا إلى حصر السلاح بيد الدولة.")
    ar = st.digest.ar
    assert ar.startswith("هادي العامري (")
    assert "حذّر" in ar and "دعا إلى حصر السلاح بيد الدولة" in ar


def test_feminine_speaker_takes_a_feminine_verb() -> None:
    st = _one("قالت السفيرة الأمريكية ألينا رومانوفسكي إن بلادها ملتزمة بدعم الحكومة.")
    assert " قالت" in st.digest.ar
    assert " قال:" not in st.digest.ar


def test_feminine_group_takes_a_feminine_verb() -> None:
    st = _one("هددت كتائب حزب الله بالرد على أي اعتداء.")
    assert "هدّدت" in st.digest.ar


def test_role_in_arabic_carries_no_clitic() -> None:
    st = _one("والرئيس الإيراني مسعود بزشكيان قال إن طهران لا تريد الحرب.", published=date(2025, 1, 1))
    assert "(و" not in st.digest.ar


def test_gist_is_the_reported_clause_without_the_speech_verb() -> None:
    st = _one("وقال هادي العامري خلال مؤتمر صحفي إن الانتخابات المقبلة ستجري في موعدها المحدد.")
    assert st.gist_ar.startswith("الانتخابات المقبلة ستجري")
    assert "قال" not in st.gist_ar


def test_gist_after_the_verb_preposition() -> None:
    st = _one("ودعا قيس الخزعلي أنصاره إلى التظاهر السلمي أمام السفارة.")
    assert st.gist_ar.startswith("التظاهر السلمي")


def test_gist_prefers_the_longest_quotation() -> None:
    assert compress_gist(["قال: «نعم» ثم أضاف «لن نقبل بأي وجود أجنبي على أرضنا»."]) == \
        "لن نقبل بأي وجود أجنبي على أرضنا"


def test_long_gist_is_cut_and_marked() -> None:
    words = " ".join(f"كلمة{i}" for i in range(40))
    gist = compress_gist([f"قال إن {words}"])
    assert gist.endswith("…") and len(gist.split()) <= 23


def test_gist_drops_a_trailing_attribution() -> None:
    assert compress_gist(["قال إن الحكومة ماضية في الإصلاح، بحسب وكالة الأنباء."]) == "الحكومة ماضية في الإصلاح"


# ---- topics ----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "topic"), [
    ("طالب النواب الكرد بصرف رواتب موظفي الإقليم", "kurdistan_salaries"),
    ("بحث الجانبان ملف مخيم الهول", "al_hol"),
    ("أكد الوزير ضرورة تنفيذ اتفاقية سنجار", "sinjar_agreement"),
    ("حذر الخبراء من شح المياه في الجنوب", "water"),
    ("دعا إلى حصر السلاح بيد الدولة", "state_weapons"),
    ("انتقد القصف التركي على القرى", "turkey_operations"),
    ("أكد أهمية مكافحة الفساد", "corruption"),
    ("ناقش البرلمان قانون الموازنة", "budget"),
    ("بحث أزمة الكهرباء مع الوزير", "electricity"),
    ("شدد على ضرورة إقرار قانون الحشد الشعبي", "pmf_law"),
    ("دعا إلى إنهاء مهمة التحالف", "us_withdrawal"),
    ("حذر من تهديدات إسرائيلية", "israeli_threats"),
    ("نفت الحركة أي علاقة لها بالانفجار", "involvement"),
    ("أعلن الفصيل تعليق عملياته ضد القواعد", "suspension_of_operations"),
    ("طالب بتطبيق القرار 1701 كاملا", "lebanon_ceasefire"),
    ("دعا إلى انسحاب الجيش الإسرائيلي من التلال الخمس", "israeli_withdrawal_lebanon"),
    ("أكد أن المفاوضات تشمل تبادل الأسرى", "hostages"),
    ("بحث الوفد تمويل إعادة الإعمار في الجنوب", "reconstruction"),
    ("شدد على ضرورة حماية المدنيين في المخيمات", "civilian_protection"),
    ("قال إن الحل السياسي هو المخرج الوحيد", "political_solution"),
    ("استنكر الوزير العمل الإرهابي في السوق", "terror_attack"),
    ("أدان المجلس جريمة اغتيال الصحفي", "assassination"),
    ("قال المصدر إن القاعدة استهدفت بطائرة مسيرة", "drone_attack_report"),
    ("قال المتحدث إن 3 صواريخ على الأقل سقطت قرب المطار", "rocket_attack_report"),
    ("أعلنت الجماعة أنها أطلقت صواريخ باليستية على الميناء", "missile_attack_report"),
    ("قال الجيش إن غارات جوية طالت مستودعات", "air_strikes_report"),
    ("أفادت الهيئة بأن ناقلة نفط أصيبت بمقذوف", "ship_attack_report"),
    ("أكدت القيادة أنها تفتح تحقيقا في ملابسات الحادث", "investigation"),
    ("قال المتحدث إن الفرق تجري تقييما لحجم الأضرار في المستودع", "damage_assessment"),
])
def test_recurring_topics_are_found(text: str, topic: str) -> None:
    assert topic in _topics(text)


@pytest.mark.parametrize(("text", "line"), [
    ("نفى أبو علي العسكري أي علاقة للكتائب بالهجوم على القاعدة.", "denied involvement in the attack"),
    ("أعلنت كتائب حزب الله تعليق عملياتها العسكرية ضد القوات الأمريكية.",
     "announced a suspension of military operations"),
    ("أدان قيس الخزعلي العمل الإرهابي الذي استهدف السوق.", "condemned the attack"),
])
def test_a_statement_says_in_english_what_was_said(text: str, line: str) -> None:
    b = brief(Article(key="t", title="خبر", paragraphs=(text,), published=date(2024, 3, 10)))
    assert any(line in s.digest.en for s in b.statements), [s.digest.en for s in b.statements]


def test_every_topic_has_english_an_arabic_label_and_a_kind_some_act_takes() -> None:
    ph = default_phrases()
    taken = {k for spec in ph.acts.values() for k in spec.get("takes", ())}
    for key, en in ph.topic_en.items():
        assert en and not ARABIC.search(en), key
        assert ARABIC.search(ph.topic_ar[key]), key
        assert ph.topic_kind[key] in taken, key


@pytest.mark.parametrize(("name", "kind", "shown"), [
    ("Red Sea", "sea", "in the Red Sea"), ("Green Zone", "site", "at the Green Zone"),
    ("Kurdistan Region", "region", "in the Kurdistan Region"), ("Erbil", "city", "in Erbil"),
    ("western Iraq", "region", "in western Iraq"), ("south of Baghdad", "area", "struck south of Baghdad")])
def test_english_places_take_the_article_english_gives_them(name: str, kind: str, shown: str) -> None:
    from briefings.digest import incident_digest
    from briefings.model import PlaceRef

    place = PlaceRef(id=None, name_en=name, name_ar="مكان", kind=kind)
    line = incident_digest(type="rocket_attack", place=place, date=None, perpetrator=None, claimed=False,
                           target_en=None, target_ar=None, killed=None, injured=None).en
    assert shown in line, line


@pytest.mark.parametrize(("country", "forces"), [("Turkey", "Turkish forces"), ("United States", "US forces"),
                                                 ("Israel", "Israeli forces")])
def test_a_states_airstrike_names_its_forces_by_adjective(country: str, forces: str) -> None:
    from briefings.digest import incident_digest
    from briefings.model import ActorRef, PlaceRef

    line = incident_digest(type="airstrike", place=PlaceRef(id=None, name_en="Zakho", name_ar="زاخو", kind="town"),
                           date="2024-05-02", perpetrator=ActorRef(id=None, name_en=country, name_ar="دولة",
                                                                   kind="country"),
                           claimed=False, target_en=None, target_ar=None, killed=None, injured=None).en
    assert line.startswith(f"On 2 May 2024, {forces} carried out airstrikes in Zakho"), line


# ---- what was said, from the statement's own clause -----------------------------------


@pytest.mark.parametrize(("arabic", "english"), [
    ("وشدد الرئيس السوري بشار الأسد على ضرورة خروج القوات الأجنبية من البلاد.",
     "stressed the withdrawal of foreign forces"),
    ("ونفت كتائب حزب الله أي صلة لها بقصف قاعدة التنف.", "denied involvement in the attack"),
    ("وأعلنت المقاومة الإسلامية في العراق تعليق عملياتها ضد القوات الأمريكية.",
     "announced a suspension of military operations"),
    ("وحذر نعيم قاسم من توسع الحرب إلى المنطقة كلها.", "warned of a wider war"),
    ("وندد حزب الله بالغارة الإسرائيلية على مدينة صور.", "condemned the Israeli strikes"),
    ("وأدانت الحكومة العراقية الضربات الأمريكية على منطقة القائم.", "condemned the US strikes"),
    ("وتوعد عبد الملك الحوثي برد قاس على أي عدوان.", "threatened retaliation"),
    ("ودعت الأمم المتحدة الأطراف كافة إلى التحلي بضبط النفس.", "called for restraint"),
    ("وطالبت وزارة الخارجية العراقية بإجراء تحقيق في الضربة التي طالت جرف الصخر.", "called for an investigation"),
    ("وأكد الحرس الثوري الإيراني حقه في الرد على ما وصفه بالعدوان.", "stressed the right to respond"),
    ("ورفضت طهران الاتهامات الأمريكية بتسليح الجماعات في اليمن.", "denied the accusations"),
    ("وحذر الحوثيون من استهداف أي سفينة تتجه إلى موانئ إسرائيل.", "warned of attacks on shipping"),
    ("وشددت حركة النجباء على مواصلة العمليات حتى خروج آخر جندي.", "stressed the continuation of operations"),
    ("وأعلن الجيش اللبناني إعادة الانتشار في القطاع الغربي.", "announced the deployment of troops"),
    ("وقالت وزارة الصحة اللبنانية إن حصيلة الضحايا ارتفعت.", "spoke about casualties"),
    ("وأعرب حزب الله عن تضامنه مع الشعب اليمني في وجه الحصار.", "expressed support for the Yemeni people"),
    ("وشدد رئيس الحكومة اللبنانية نجيب ميقاتي على احترام سيادة لبنان.", "stressed Lebanese sovereignty"),
])
def test_a_statement_says_in_english_what_its_clause_says(arabic: str, english: str) -> None:
    b = brief(Article(key="t", title="خبر", paragraphs=(arabic,), published=date(2024, 3, 10)))
    assert b.statements, arabic
    assert english in b.statements[0].digest.en


def test_a_bare_strike_noun_is_condemned_but_never_spoken_about() -> None:
    b = brief(Article(key="t", title="خبر", published=date(2024, 3, 10),
                      paragraphs=("وقالت منظمة العفو الدولية إن الغارة على القرية تستدعي تحقيقا.",)))
    assert "the strike" not in b.statements[0].digest.en
    c = brief(Article(key="t", title="خبر", published=date(2024, 3, 10),
                      paragraphs=("وأدان مقتدى الصدر القصف على مدينة كربلاء.",)))
    assert "condemned the strike" in c.statements[0].digest.en


def test_no_topic_the_clause_does_not_carry() -> None:
    b = brief(Article(key="t", title="خبر", published=date(2024, 3, 10),
                      paragraphs=("وأكد الرئيس السوري بشار الأسد أن الحوار هو الطريق الوحيد.",)))
    assert "withdrawal" not in b.statements[0].digest.en and "strike" not in b.statements[0].digest.en


def test_a_warning_of_escalation_says_so() -> None:
    b = brief(Article(key="t", title="خبر", published=date(2024, 3, 10),
                      paragraphs=("وحذر وزير الخارجية العراقي فؤاد حسين من عواقب التصعيد على الحدود السورية.",)))
    assert "warned of escalation" in b.statements[0].digest.en


# ---- Arabic agreement: the claim verb with its claimant, its pronoun with the incident noun ----


def _claim_ar(type: str, name_ar: str, kind: str, gender: str | None = None) -> str:
    from briefings.digest import incident_digest
    from briefings.model import ActorRef

    who = ActorRef(id=None, name_en="Someone", name_ar=name_ar, kind=kind, gender=gender)
    return incident_digest(type=type, place=None, date=None, perpetrator=who, claimed=True,
                           target_en=None, target_ar=None, killed=None, injured=None).ar


@pytest.mark.parametrize(("type", "name_ar", "kind", "claim"), [
    ("rocket_attack", "كتائب الفجر الجديد", "group", "، وتبنّته كتائب الفجر الجديد"),
    ("rocket_attack", "تنظيم الرايات السود", "group", "، وتبنّاه تنظيم الرايات السود"),
    ("drone_attack", "حزب النهضة المسلح", "group", "، وتبنّاه حزب النهضة المسلح"),
    ("armed_attack", "الجيش الوطني الحر", "institution", "، وتبنّاه الجيش الوطني الحر"),
    ("armed_attack", "لواء الشهيد الأول", "group", "، وتبنّاه لواء الشهيد الأول"),
    ("airstrike", "إسرائيل", "country", "، وتبنّتها إسرائيل"),
    ("airstrike", "فيلق الساحل", "institution", "، وتبنّاها فيلق الساحل"),
    ("airstrike", "اليابان", "country", "، وتبنّتها اليابان"),  # a country: feminine by default
    ("airstrike", "العراق", "country", "، وتبنّاها العراق"),  # a country the table names masculine
    ("abduction", "جماعة الوادي", "group", "، وتبنّتها جماعة الوادي"),
    ("abduction", "سرايا الجبل", "group", "، وتبنّتها سرايا الجبل"),
    ("bombing", "الحشد العشائري", "group", "، وتبنّاه الحشد العشائري"),
    ("bombing", "سمير الناصري", "person", "، وتبنّاه سمير الناصري"),  # an unknown person: masculine
])
def test_claim_verb_agrees_with_claimant_and_incident_noun(type: str, name_ar: str, kind: str, claim: str) -> None:
    assert claim in _claim_ar(type, name_ar, kind)


def test_gender_given_for_an_actor_wins_over_its_first_word() -> None:
    assert "، وتبنّته أنصار الهدى" in _claim_ar("attack", "أنصار الهدى", "group", gender="f")
    assert "، وتبنّاه أنصار الهدى" in _claim_ar("attack", "أنصار الهدى", "group")


def test_gazetteer_gender_reaches_the_digest() -> None:
    from briefings.gazetteer import _actor

    ref = _actor({"id": "x", "kind": "group", "en": "X", "ar": "أنصار الهدى", "gender": "f"}).ref()
    assert ref.gender == "f"


def test_claim_line_keeps_its_english() -> None:
    from briefings.digest import incident_digest
    from briefings.model import ActorRef

    who = ActorRef(id=None, name_en="Dawn Brigades", name_ar="كتائب الفجر", kind="group")
    d = incident_digest(type="airstrike", place=None, date=None, perpetrator=who, claimed=True,
                        target_en=None, target_ar=None, killed=None, injured=None)
    assert d.en == "Dawn Brigades carried out airstrikes."


def test_every_incident_noun_has_a_grammatical_gender() -> None:
    assert all(t.get("gender") in ("f", "m") for t in default_phrases().types.values())
