"""Incident detection as a reader of the briefing sees it: what happened, where, when, who, and the toll."""

from __future__ import annotations

from datetime import date

import pytest

from briefings.gazetteer import default_gazetteer
from briefings.incidents.found import Found
from briefings.incidents.merge import merge_into
from briefings.model import ActorRef, Article, Incident
from briefings.pipeline import brief

PUBLISHED = date(2024, 3, 10)  # a Sunday


def incidents(*paragraphs: str, title: str = "") -> tuple[Incident, ...]:
    article = Article(key="t", title=title or paragraphs[0], paragraphs=paragraphs[1:] if not title else paragraphs,
                      published=PUBLISHED)
    return brief(article).incidents


def one(text: str) -> Incident:
    found = incidents(text)
    assert len(found) == 1, [(i.type, i.place) for i in found]
    return found[0]


# ---- what happened -------------------------------------------------------------------


@pytest.mark.parametrize(("text", "kind"), [
    ("سقطت ثلاثة صواريخ كاتيوشا على مطار بغداد الدولي مساء السبت.", "rocket_attack"),
    ("أطلقت إيران صواريخ باليستية على أربيل فجر الاثنين الماضي.", "missile_attack"),
    ("استهدف هجوم بطائرة مسيرة مفخخة قاعدة حرير في أربيل أمس.", "drone_attack"),
    ("سقطت قذيفتا هاون قرب مطار بغداد مساء السبت دون أن تسفر عن إصابات.", "mortar_attack"),
    ("قصفت المدفعية التركية قرى في قضاء زاخو أمس.", "shelling"),
    ("انفجرت عبوة ناسفة على رتل للجيش في الطارمية صباح اليوم، ما أدى إلى إصابة جنديين.", "ied"),
    ("فجر انتحاري نفسه في سوق شعبي بمدينة الصدر أمس، ما أسفر عن مقتل 12 شخصا.", "bombing"),
    ("اغتال مسلحون مجهولون ناشطا بإطلاق النار عليه في البصرة مساء الخميس.", "armed_attack"),
    ("اندلعت اشتباكات مسلحة بين قوات الأمن ومسلحين في كركوك أمس وقتل فيها ثلاثة.", "armed_clash"),
    ("اختطف مسلحون مهندسا أجنبيا في كركوك يوم الثلاثاء.", "abduction"),
    ("تعرضت قاعدة عين الأسد لهجوم أمس.", "attack"),
    ("نجا قائد الشرطة من محاولة اغتيال في كركوك أمس.", "armed_attack"),
    ("فجرت انتحارية نفسها قرب حاجز للشرطة في ديالى أمس.", "bombing"),
])
def test_each_type_of_incident(text: str, kind: str) -> None:
    assert one(text).type == kind


def test_an_air_strike_by_a_state_names_the_state() -> None:
    inc = one("شنت الطائرات الأمريكية غارة جوية على مواقع في القائم فجر اليوم.")
    assert inc.type == "airstrike"
    assert inc.perpetrator is not None and inc.perpetrator.kind == "country"


# ---- where ---------------------------------------------------------------------------


def test_a_known_place() -> None:
    inc = one("سقط صاروخ على المنطقة الخضراء في بغداد مساء السبت.")
    assert inc.place is not None and inc.place.id is not None


def test_a_composed_place() -> None:
    inc = one("استهدف هجوم صاروخي قاعدة عسكرية غرب العراق يوم الجمعة.")
    assert inc.place is not None and inc.place.name_en == "western Iraq"


@pytest.mark.parametrize(("text", "name_ar"), [
    ("قتل ثلاثة مدنيين في هجوم مسلح على قرية الخضيرات أمس.", "الخضيرات"),
    ("انفجرت سيارة مفخخة في بلدة كفر نبوت صباح اليوم وأصيب خمسة.", "كفر نبوت"),
    ("قتل أربعة جنود في انفجار عبوة ناسفة في زنكابار أمس.", "زنكابار"),
    # military posts, settlements and barracks by their class noun
    ("استهدف مقاتلو الحزب أمس تجمعا لجنود في محيط موقع الراهب بالأسلحة المناسبة.", "الراهب"),
    ("سقطت قذائف أمس على مستوطنة كفار بلوم في الجليل.", "كفار بلوم"),
    ("أطلقت صواريخ موجهة أمس على ثكنة زرعيت قبالة الحدود.", "زرعيت"),
    # a dual class noun introduces two names, the first of which is the place
    ("قصف مقاتلو الحزب أمس ثكنتي برانيت ودوفيف بالصواريخ.", "برانيت"),
    ("قصفت المقاومة أمس مستوطنتي نطوعا وزرعيت بالصواريخ.", "نطوعا"),
    ("استهدفت المقاومة أمس موقعي السماقة والرمثا بقذائف المدفعية.", "السماقة"),
])
def test_a_place_the_gazetteer_does_not_know(text: str, name_ar: str) -> None:
    inc = one(text)
    assert inc.place is not None and inc.place.id is None and inc.place.kind == "area"
    assert inc.place.name_ar == name_ar
    assert inc.place.name_en.isascii() and inc.place.name_en


def test_a_raid_on_several_towns_undated_is_one_report_at_each_town_it_names() -> None:
    found = incidents("وشنت المقاتلات الإسرائيلية غارات على عدة بلدات في الجنوب من بينها الخيام وكفركلا.")
    assert [i.place.name_en for i in found if i.place] == ["Khiam", "Kfar Kila"]


def test_unlisted_towns_named_after_among_them_are_each_raided() -> None:
    found = incidents("وشن الطيران غارات على عدة بلدات في الجنوب من بينها الخيام وكفر سليم وتلة حمدان.")
    assert [i.place.name_ar for i in found if i.place] == ["الخيام", "كفر سليم", "تلة حمدان"]


def test_among_them_without_a_plural_of_towns_names_no_place() -> None:
    found = incidents("وأسفرت الغارة على بلدة الخيام عن سقوط عشرة جرحى من بينهم مسعفون وصحفيون.")
    assert [i.place.name_ar for i in found if i.place] == ["الخيام"]


def test_a_count_after_an_unlisted_town_is_not_part_of_its_name() -> None:
    inc = one("وقصفت المدفعية بلدة عيناتا بأربع قذائف أمس.")
    assert inc.place is not None and inc.place.name_ar == "عيناتا"


def test_one_strike_at_a_known_place_and_an_unlisted_spot_is_one_incident() -> None:
    found = incidents("وأفادت بأن غارتين استهدفتا مطار الحديدة ومنطقة الرملة الشمالية أمس.")
    assert [i.place.name_en for i in found if i.place] == ["Hodeidah"]


def test_a_raid_told_with_wa_and_the_short_verb_shanna_is_new() -> None:
    inc = one("وشن الطيران الإسرائيلي غارة على بلدة الخيام.")
    assert inc.place is not None and inc.place.name_en == "Khiam"


def test_a_raid_told_with_aghara_is_an_air_strike_by_its_subject() -> None:
    inc = one("أغارت المقاتلات الإسرائيلية على بلدة الخيام فجر اليوم.")
    assert inc.type == "airstrike"
    assert inc.place is not None and inc.place.name_en == "Khiam"
    assert inc.perpetrator is not None and inc.perpetrator.id == "israel"


def test_an_attack_an_agency_for_the_press_reports_is_no_figure_of_speech() -> None:
    inc = one("وذكرت الوكالة الوطنية للإعلام أن طائرة مسيرة استهدفت سيارة قرب مستشفى في بنت جبيل.")
    assert inc.type == "drone_attack" and inc.place is not None and inc.place.name_en == "Bint Jbeil"


def test_an_attack_on_buildings_in_unlisted_settlements_happened() -> None:
    inc = one("واستهدف حزب الله مبنيين في مستوطنتي كفار يوسف وعين سليم أمس.")
    assert inc.target_en == "a building"
    assert inc.place is not None and inc.place.name_ar == "كفار يوسف"


def test_a_report_told_without_a_date_is_of_the_day_the_lead_gives() -> None:
    found = incidents("قتل شخصان، الخميس، في غارة إسرائيلية على بلدة الخيام جنوب لبنان.",
                      "وتزامن ذلك مع قصف مدفعي على أطراف بلدة عيتا الشعب.")
    assert [(i.place.name_en, i.date) for i in found if i.place] == [
        ("Khiam", "2024-03-07"), ("Aita al-Shaab", "2024-03-07")]


def test_with_no_dated_lead_a_report_stays_undated() -> None:
    found = incidents("غارة على جنوب لبنان", "وتزامن ذلك مع قصف مدفعي على أطراف بلدة عيتا الشعب.", title="")
    assert [(i.place.name_en, i.date) for i in found if i.place] == [("Aita al-Shaab", None)]


def test_raids_on_several_villages_over_months_are_no_report() -> None:
    assert incidents("شن الطيران الحربي غارات على عدة قرى خلال الأشهر الماضية.") == ()


def test_each_village_a_plural_class_noun_lists_is_an_incident() -> None:
    found = incidents("شن الطيران الإسرائيلي أمس غارات على بلدات الخيام وكفركلا وعيترون وطيرحرفا في جنوب لبنان.")
    assert [i.place.name_ar for i in found if i.place] == ["الخيام", "كفركلا", "عيترون", "طيرحرفا"]
    assert {i.perpetrator.name_en for i in found if i.perpetrator} == {"Israel"}


def test_villages_nobody_listed_take_the_coordinates_of_the_countryside_they_lie_in() -> None:
    found = incidents("قصفت المدفعية قرى البويضة والمشيرفة والحمرا في ريف حماة أمس.")
    assert [(i.place.name_ar, i.place.lat) for i in found if i.place] == [
        ("البويضة", 35.13), ("المشيرفة", 35.13), ("الحمرا", 35.13)]


def test_the_countries_a_border_is_shared_with_are_not_where_it_happened() -> None:
    found = incidents("استهدفت طائرة مسيرة أمس قاعدة التنف الواقعة قرب الحدود مع العراق والأردن.")
    assert [i.place.name_en for i in found if i.place] == ["Al-Tanf Garrison"]


def test_the_base_an_attack_hit_is_the_one_named_earlier_in_the_sentence() -> None:
    inc = one("وأفاد شهود بأن انفجارا هز قاعدة عين الأسد في الأنبار أمس، ناتجا عن هجوم بالصواريخ استهدف القاعدة.")
    assert inc.place is not None and inc.place.name_en == "Ain al-Asad Air Base"


def test_one_place_told_by_two_names_is_one_incident() -> None:
    assert len(incidents("وسقطت صواريخ أمس في محيط السفارة الأمريكية داخل المنطقة الخضراء وسط بغداد.")) == 1


def test_the_scene_of_an_explosion_is_not_a_place_name() -> None:
    inc = one("قتل ثلاثة أشخاص بانفجار سيارة مفخخة في كركوك أمس، ووصلت فرق الإسعاف إلى موقع الانفجار.")
    assert inc.place is not None and inc.place.name_en == "Kirkuk"


def test_an_unknown_place_name_stops_where_a_new_phrase_begins() -> None:
    inc = one("قتل خمسة أشخاص بانفجار سيارة مفخخة في منطقة ديرخان بولاية زابل أمس.")
    assert inc.place is not None and inc.place.name_ar == "ديرخان"


def test_a_month_after_في_is_no_place() -> None:
    inc = one("قتل ثلاثة جنود في هجوم انتحاري في آذار.")
    assert inc.place is None and inc.date == "2024-03"


def test_a_fronted_place_belongs_to_the_report_after_it() -> None:
    inc = one("وفي الموصل، أسفر انفجار سيارة مفخخة عن مقتل أربعة أشخاص.")
    assert inc.place is not None and inc.place.name_en == "Mosul"


def test_a_place_of_origin_is_not_where_it_happened() -> None:
    inc = one("أطلقت صواريخ من سوريا على قاعدة عين الأسد أمس.")
    assert inc.place is not None and inc.place.kind != "country"


def test_a_clear_report_stands_without_a_place() -> None:
    inc = one("قتل خمسة أشخاص وأصيب عشرة آخرون في تفجير انتحاري أمس.")
    assert inc.place is None and inc.killed == 5 and inc.injured == 10


def test_a_vague_mention_without_a_place_is_dropped() -> None:
    assert incidents("كان الهجوم مروعا بكل المقاييس.") == ()


def test_a_country_alone_does_not_make_a_passing_mention_an_incident() -> None:
    assert incidents("تحدث الوزير طويلا عن الهجوم في إيران.") == ()


# ---- when ----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "day"), [
    ("سقط صاروخ على مطار أربيل أمس.", "2024-03-09"),
    ("سقط صاروخ على مطار أربيل يوم الخميس.", "2024-03-07"),
    ("سقط صاروخ على مطار أربيل في 5 آذار.", "2024-03-05"),
])
def test_the_day_is_resolved_against_publication(text: str, day: str) -> None:
    assert one(text).date == day


def test_a_date_fronted_before_the_report() -> None:
    inc = one("وفي الرابع من آذار، أعلنت الشرطة مقتل شخصين بانفجار عبوة ناسفة في الموصل.")
    assert inc.date == "2024-03-04"


# ---- who -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "أعلنت المقاومة الإسلامية في العراق مسؤوليتها عن هجوم بطائرة مسيرة على قاعدة عين الأسد أمس.",
    "تبنت المقاومة الإسلامية في العراق الهجوم بطائرة مسيرة على قاعدة عين الأسد أمس.",
])
def test_a_claim_names_the_perpetrator(text: str) -> None:
    inc = one(text)
    assert inc.perpetrator is not None and inc.perpetrator.name_en == "Islamic Resistance in Iraq"
    assert inc.claimed


@pytest.mark.parametrize("text", [
    "استهدف هجوم صاروخي شنته كتائب حزب الله قاعدة عين الأسد أمس.",
    "تعرضت قاعدة عين الأسد لهجوم من قبل كتائب حزب الله أمس.",
])
def test_an_agent_phrase_names_the_perpetrator(text: str) -> None:
    inc = one(text)
    assert inc.perpetrator is not None and inc.perpetrator.name_en == "Kataib Hezbollah"
    assert not inc.claimed


def test_forces_a_place_hosts_are_not_what_was_hit() -> None:
    inc = one("سقطت قذيفة هاون في مطار بغداد الذي يستضيف قوات أجنبية مساء السبت.")
    assert inc.target_en is None


# ---- the toll ------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "killed", "injured"), [
    ("أسفر انفجار سيارة مفخخة في كركوك أمس عن مقتل 3 أشخاص وإصابة 5 آخرين.", 3, 5),
    ("سقط صاروخ على مطار أربيل أمس دون وقوع إصابات.", 0, 0),
    ("وفي كركوك، ثلاثة مدنيين قتلوا بانفجار عبوة ناسفة أمس.", 3, None),
    ("أوقع تفجير انتحاري في سوق بالموصل سبعة قتلى أمس.", 7, None),
    ("أصيب جندي بجروح في هجوم على رتل في الأنبار أمس.", None, 1),
    ("سقطت صواريخ على مطار أربيل أمس، لكنها لم تسفر عن سقوط قتلى أو جرحى.", 0, 0),  # one negation, two words
    ("سقطت صواريخ على مطار أربيل أمس، ولم يسفر الهجوم عن قتلى، فيما أصيب جنديان.", 0, 2),
    ("أصاب صاروخ سفينة تجارية قبالة الحديدة أمس، وأضافت الهيئة أن طاقم السفينة بخير.", 0, 0),
    ("سقطت قذيفة على مطار أربيل أمس، ولم يصب أحد.", 0, 0),
    # the chunk after the comma opens with the negation and tells the toll of the report before it
    ("سقط صاروخ قرب قاعدة في الأنبار أمس، بدون أن يسفر الهجوم عن \"ضحايا أو أضرار\".", 0, 0),
    ("انفجرت عبوة ناسفة على طريق في ديالى صباح اليوم، دون أن يسفر الانفجار عن إصابات.", 0, 0),
    ("سقطت صواريخ على قاعدة عين الأسد أمس، وأفاد مصدر بوقوع 3 إصابات طفيفة.", None, 3),  # a count before a plural
])
def test_killed_and_injured(text: str, killed: int | None, injured: int | None) -> None:
    inc = one(text)
    assert (inc.killed, inc.injured) == (killed, injured)


@pytest.mark.parametrize(("text", "killed"), [
    ("قتل مسلحون القاضي علي حسين -رئيس محكمة البداءة- وسائقه في البصرة أمس.", 2),
    ("أسفر الانفجار في الموصل أمس عن مقتل نوري المالكي وهادي العامري.", 2),
    ("قتل القاضي علي حسين بانفجار عبوة ناسفة في البصرة أمس قرب منزل نوري المالكي.", 1),
    # a victim noun and the companions after it
    ("وأسفرت غارة إسرائيلية على منزل في بلدة الخيام أمس عن مقتل سيدة وابنتها.", 2),
    ("وقتل مواطن وزوجته وابنه في قصف على بلدة الخيام أمس.", 3),
])
def test_named_victims_are_those_joined_to_the_first(text: str, killed: int) -> None:
    assert one(text).killed == killed


@pytest.mark.parametrize("text", [
    "استهدفت ثلاث هجمات قاعدة بلد الجوية يوم الخميس.",  # a few attacks on one day: one report
    "قتل شرطيان في تفجيرين بسيارتين مفخختين في كركوك يوم الخميس، ولم تتبن أي جهة الهجوم منذ ذلك الحين.",
])
def test_a_few_attacks_on_a_day_are_a_report(text: str) -> None:
    assert len(incidents(text)) == 1


def test_a_year_is_not_a_count() -> None:
    assert incidents("اغتيل الزعيم في انفجار سيارة مفخخة في بيروت (1985).") == ()


# ---- what did not happen, or happened long ago ---------------------------------------


@pytest.mark.parametrize("text", [
    "شهدت بغداد عشرات الهجمات منذ بداية العام.",  # aggregate
    "شن رئيس الوزراء هجوما حادا على البرلمان في بغداد.",  # figure of speech
    "هددت الفصائل بقصف القواعد الأمريكية في العراق.",  # threat
    "نفت وزارة الدفاع تعرض قاعدة بلد لهجوم صاروخي أمس.",  # denial
    "تخطط الجماعة لتنفيذ هجوم على السفارة في بغداد.",  # plan
    "هل يقف الحرس الثوري وراء تفجير كربلاء؟",  # question
    "بدأت أمس محاكمة المتهمين بتفجير الكرادة في بغداد.",  # trial
    "اعتقلت قوات الأمن أمس خمسة أشخاص بتهمة تفجير سوق في الموصل.",  # arrest
    "أدانت الأمم المتحدة الهجوم على السفارة في بغداد أمس.",  # condemnation
    "ضربت عاصفة ترابية محافظة البصرة أمس.",  # weather
    "أعلنت الحكومة وقف إطلاق النار في سنجار أمس.",  # ceasefire
    "وشهدت بلدة الخيام أمس توسعا في قواعد الاشتباك بين الجانبين.",  # rules of engagement
    "اغتيل الزعيم في بغداد عام 1995.",  # history
    "عاد الهدوء إلى كركوك بعد الاغتيال.",  # a reference back
    "حذر الوزير من الاستمرار في إطلاق الصواريخ على أربيل.",  # a warning
    "لا يمكن شن مثل هذا الهجوم على بغداد دون دعم خارجي.",  # a hypothetical
    "استنكر المحافظ في بيان أمس، التفجير الذي استهدف سوقا في الموصل.",  # condemnation across a comma
    "ارتفعت حصيلة تفجير السوق في الموصل إلى 20 قتيلا.",  # a toll update of a known event
    "أفرجت الجماعة أمس عن مهندس اختطف في كركوك.",  # a hostage released
    # a campaign total, whatever day the announcement is told on
    "وقال الجيش يوم الأحد إن 40 هجوما استهدفت قواته في البصرة منذ مطلع الشهر.",
    "وأفادت الشرطة الاثنين أن ثلاثة هجمات استهدفت الدوريات في كركوك منذ آذار.",
    "وذكر التقرير الصادر أمس أن 25 هجوما استهدف قوافل الإمداد في الأنبار.",
])
def test_no_incident_is_reported(text: str) -> None:
    assert incidents(text) == ()


@pytest.mark.parametrize("text", [
    "وقال المتحدث إن الحزب بريء من تفجير السوق في الموصل أمس.",  # a denial of a part in it
    "وأكد المحامي أن موكلته بريئة من تفجير السيارة المفخخة في البصرة أمس.",
    "وطالبت العائلة بإعلان براءة ابنها من اغتيال الضابط في كركوك أمس.",
    "وقال القائد إن الهجوم على تلعفر يفترض أن ينتهي مساء اليوم.",  # a supposition
    "وتدرب الجنود أمس على سيناريو اختطاف طائرة في مطار أربيل.",  # a scenario
    "وانطلق المحققون من الفرضية القائلة بأن الانفجار في الموصل أمس كان عبوة ناسفة.",
    "وقال في تسجيل بث أمس: ندعو إلى تفجير مقرات الشرطة في بغداد.",  # a call to violence
    "وبث التنظيم أمس تسجيلا يدعو إلى تفجير الكنائس في كركوك.",
    "وأصدرت الجماعة أمس بيانا تدعو فيه إلى اغتيال القضاة في البصرة.",
    "وفي كلمة أمس، دعا إلى استهداف القواعد الأمريكية في الأنبار.",
    "وفي بيان أمس دعت إلى ضرب مقرات الحزب في أربيل.",
    "وأيد الخطيب أمس الدعوة إلى استهداف القواعد في الأنبار.",
    "وتخشى الشرطة أن يهاجم المسلحون الحاجز في بعقوبة الليلة.",  # a fear
    "ويخشى السكان أن تقصف الطائرات الحي في الموصل الليلة.",
    "وقال المحافظ أمس: نخشى أن يهاجم المسلحون السجن في كركوك.",
    "واتهمت السلطات أمس الخلية بالتخطيط لتفجير السفارة في بغداد.",  # a plot
    "وكشفت الشرطة أمس عن التخطيط لاغتيال المحافظ في البصرة.",
    "وقال إنهم جاؤوا لتنفيذ تفجير انتحاري في سوق الموصل أمس.",  # a purpose
    "ورأى الكاتب أن الحادث كان ذريعة لقصف الأحياء في الرمادي أمس.",  # a pretext
    "وقال إن الحكومة تبحث عن الذرائع لضرب المخيم في كركوك أمس.",
    "وقال إن في نية المسلحين تفجير الجسر في الموصل أمس.",  # an intention
])
def test_what_was_denied_supposed_urged_feared_or_meant_did_not_happen(text: str) -> None:
    assert incidents(text) == ()


@pytest.mark.parametrize("text", [
    "وقال إن المعترفين نفذوا التفجير بسيارة مفخخة قرب سوق الموصل.",  # a confession
    "وقال الوزير أمس إن الحكومة تعمل وسط تداعيات اغتيال النائب في البصرة.",  # the aftermath
    "وقال تعقيبا على خبر تفجير السوق في الموصل أمس إن الحقيقة ستظهر.",  # a reply to a report
    "وتبين لائحة الاتهام أن المتهمين اغتالوا الضابط في كركوك.",  # an indictment
    "وروى المهندس الذي تم تحريره من الاختطاف في كركوك أمس تفاصيل احتجازه.",  # a release
])
def test_a_look_back_on_a_known_event_is_no_report(text: str) -> None:
    assert incidents(text) == ()


@pytest.mark.parametrize("text", [
    "وقال الوزير أمس، معلقا على تفجير السوق في الموصل، إن الأمن سيعود.",
    "وكتبت الصحيفة أمس، معلقة على اغتيال النائب في البصرة، أن البلاد في خطر.",
    "وقال المحافظ تعليقا على تفجير السيارة المفخخة في كركوك أمس إن الأمن سيعود.",
    "وقال الكاتب في إشارة إلى اغتيال الضابط في كركوك أمس إن العنف عاد.",
    "وفوجئ السكان أمس بخبر تفجير المسجد في سامراء.",
    "وانتشر أمس نبأ اغتيال الشيخ في الرمادي بين العشائر.",
    "وتلقى الأهالي أمس بنبأ تفجير الجسر في الموصل بحزن.",
    "وتضاربت الأنباء أمس حول تفجير السيارة المفخخة في كركوك.",
    "وما زالت الشرطة تبحث عن مرتكبي تفجير السوق في الموصل أمس.",
    "وتعهد المحافظ بملاحقة الجناة في تفجير السيارة المفخخة في كركوك أمس.",
    "وتتعرض القرية في زاخو لقصف متكرر.",
    "وقال السكان إن القصف المدفعي متكرر على القرى في زاخو.",
])
def test_a_comment_news_a_hunt_for_the_doers_or_a_repeated_attack_is_no_report(text: str) -> None:
    assert incidents(text) == ()


@pytest.mark.parametrize("text", [
    "أغلقت المدارس في الموصل أمس غداة تفجير انتحاري استهدف سوقا في المدينة.",
    "وأعلنت الشرطة حالة التأهب في كركوك عشية هجوم انتحاري استهدف موكب المحافظ.",
    # an event after "since" starts a period
    "وفي أول زيارة لوزير أجنبي منذ اغتيال المحافظ في الموصل، التقى الوزير أمس شيوخ العشائر.",
    "وغادرت عشرات العائلات قرى قضاء زاخو أمس، وهي الأكبر منذ بدء القصف التركي على المنطقة.",
    "وأعلنت الشرطة حالة التأهب في بغداد منذ هجوم انتحاري أسفر عن مقتل منفذ الهجوم و20 شخصا في سوق بالموصل.",
])
def test_an_event_named_to_date_another_is_background(text: str) -> None:
    assert incidents(text) == ()


@pytest.mark.parametrize("text", [
    "وقال الوزير إن المهندس الذي خطف في كركوك الشهر الماضي ما زال محتجزا.",
    "وزار الرئيس أمس عائلة الضابط الذي اغتيل في البصرة يوم الخميس.",
    "وقالت الشرطة إن المقاول، الذي كان قد خطف في الموصل يوم الأحد، عاد إلى أهله.",
    "وظهر في التسجيل الجنود الذين خطفوا في الأنبار يوم الاثنين.",
])
def test_an_attack_told_to_describe_a_person_is_no_report(text: str) -> None:
    assert incidents(text) == ()


@pytest.mark.parametrize("text", [
    "وأكدت الشرطة أمس زيادة عدد الهجمات الصاروخية على مطار بغداد.",  # a count, told on a given day
    "وأكد الضابط يوم الاثنين ازدياد الهجمات الصاروخية على قاعدة بلد.",
    "وقال المحافظ أمس إن تراجع التفجيرات في كركوك واضح.",
    "وأشار التقرير أمس إلى انخفاض عدد التفجيرات في الموصل.",
    "وقالت الشرطة أمس إن وتيرة التفجيرات في سامراء ارتفعت.",
    "وقال الجيش أمس إن معدل التفجيرات في الأنبار انخفض.",
    "وقال الجيش أمس إن نسبة التفجيرات في ديالى تراجعت.",
    "وقتل أكثر من ثلاثين شخصا في هجمات انتحارية في كركوك.",  # many attacks named by their adjective
    "وأصيب عشرون جنديا في عمليات انتحارية في الموصل.",
    "وقال الضابط أمس إن المسلحين نادرا ما يفجرون السيارات المفخخة في البصرة.",  # a habit
    "وقال الضابط أمس إن العبوات الناسفة غالبا ما تنفجر على الطريق في ديالى.",
    "وقال الضابط أمس إن السيارات المفخخة عادة ما تنفجر قرب الأسواق في الموصل.",
    "وقال الضابط أمس إن قذائف الهاون كثيرا ما تسقط على المطار في كركوك.",
    "وقال الضابط أمس إن العبوات الناسفة تنفجر يوميا على الطريق في بعقوبة.",
    "وتتعرض قاعدة بلد باستمرار لقصف صاروخي.",
])
def test_a_trend_a_total_or_a_habit_is_no_incident(text: str) -> None:
    assert incidents(text) == ()


@pytest.mark.parametrize("text", [
    "وقال الموقع إن 20 جنديا قتلوا في الأنبار حتى الآن هذا الشهر.",
    "وقتل 40 مدنيا في الموصل حتى الان.",
    "وقال التقرير إن 15 صحفيا قتلوا في بغداد لحد الآن.",
    "وقتل أكثر من ألف شخص في ديالى منذ الصيف.",
    "وقتل 300 شخص في كركوك منذ بداية الاضطرابات.",
    "وقتل 50 شرطيا في البصرة منذ مطلع السنة.",
    "وقتل 90 شخصا في ديالى هذا العام.",
    "وقال الموقع إن 12 جنديا قتلوا في الأنبار هذا الشهر.",
    "وقال التقرير إن 70 مدنيا قتلوا في الموصل في العام الحالي.",
    "وقال التقرير إن 30 مدنيا قتلوا في كركوك في الشهر الحالي.",
    "وقتل 60 شخصا في بغداد خلال الشهر.",
    "وقتل 200 مدني في الأنبار خلال العام.",
    "وقال المتحدث أمس إن 47 مسلحا قتلوا في ديالى خلال الأسبوع.",
    "وقتل 35 شخصا في الموصل في الأسابيع الأخيرة.",
    "وقتل 80 شخصا في البصرة في الأشهر الأخيرة.",
    "وقتل 500 شخص في كركوك في السنوات الأخيرة.",
    "وقتل ألف شخص في الموصل وحدها.",
])
def test_a_toll_over_a_period_is_a_running_total(text: str) -> None:
    assert incidents(text) == ()


def test_a_toll_on_a_day_is_an_incident() -> None:
    assert one("وقتل ثلاثة جنود في الموصل أمس.").killed == 3


def test_casualty_words_with_clitics_count_and_a_cued_unlisted_place_is_kept() -> None:
    inc = one("انفجرت عبوة ناسفة في قرية الزيتونة أمس وأسفرت عن مقتل أربعة مدنيين وجرح سبعة آخرين.")
    assert (inc.killed, inc.injured) == (4, 7)
    assert inc.place is not None and inc.place.name_ar.endswith("الزيتونة")


def test_a_relative_clause_on_the_event_itself_still_reports_it() -> None:
    inc = one("وقتل ثلاثة جنود أمس في الهجوم الذي استهدف دورية في الموصل.")
    assert inc.place is not None and inc.place.name_en == "Mosul" and inc.killed == 3


# ---- one event, many mentions --------------------------------------------------------


def test_a_repeated_paragraph_is_one_incident() -> None:
    para = "سقط صاروخان على مطار أربيل مساء الاثنين الماضي دون وقوع إصابات."
    assert len(incidents(para, para, title="هجوم صاروخي على أربيل")) == 1


def test_the_same_event_in_two_sentences_is_merged() -> None:
    found = incidents("سقط صاروخان على مطار أربيل مساء السبت. وأسفر الهجوم عن إصابة ثلاثة جنود.",
                      title="هجوم على مطار أربيل")
    assert len(found) == 1
    assert found[0].injured == 3 and len(found[0].evidence.sentences) >= 2


def test_a_reference_before_the_report_lends_it_details() -> None:
    found = incidents("تعرضت قاعدة عين الأسد لهجوم صاروخي مساء السبت أسفر عن إصابة جنديين.",
                      title="بعد هجوم عين الأسد")
    assert len(found) == 1 and found[0].injured == 2


def test_two_events_in_one_sentence_stay_apart() -> None:
    found = incidents("قتل جنديان في انفجار عبوة ناسفة في الموصل، فيما أصيب ثلاثة مدنيين بسقوط قذيفة هاون في كركوك.")
    assert sorted(i.place.name_en for i in found if i.place) == ["Kirkuk", "Mosul"]
    assert {i.type for i in found} == {"ied", "mortar_attack"}


def test_two_places_of_different_days_stay_apart() -> None:
    found = incidents("سقط صاروخ على مطار بغداد مساء السبت.", "وكان صاروخ قد سقط على مطار أربيل يوم الأربعاء.",
                      title="صواريخ على مطارين")
    assert len(found) == 2


# ---- one event told in pieces --------------------------------------------------------


def test_a_toll_and_the_attack_that_caused_it_are_one_incident() -> None:
    found = incidents("الموصل – قتل جنديان وأصيب ثلاثة آخرون، فجر اليوم، بهجوم شنه مسلحون من تنظيم داعش "
                      "على دورية في قضاء تلعفر غرب الموصل.")
    assert len(found) == 1, [(i.type, i.place) for i in found]
    i = found[0]
    assert (i.type, i.place and i.place.name_en, i.killed, i.injured) == ("armed_attack", "Tal Afar", 2, 3)
    assert i.perpetrator is not None and i.perpetrator.name_en == "Islamic State"


def test_a_headline_city_and_the_district_in_the_body_are_one_incident() -> None:
    found = incidents("وأفادت مصادر أمنية أن مسلحين هاجموا نقطة تفتيش في قضاء تلعفر أمس وقتلوا جنديين.",
                      title="مقتل جنديين بهجوم لداعش في الموصل")
    assert len(found) == 1 and found[0].place is not None and found[0].place.name_en == "Tal Afar"
    assert found[0].perpetrator is not None and found[0].perpetrator.name_en == "Islamic State"


def test_a_remark_after_the_report_does_not_unmake_it() -> None:
    i = one("وقال المتحدث إن قوات الجماعة استهدفت سفينة في البحر الأحمر بعدد من الصواريخ أمس، "
            "مؤكدا أن العمليات ستستمر حتى وقف الحرب.")
    assert i.place is not None and i.place.name_en == "Red Sea"


def test_a_district_is_a_place_not_the_judiciary() -> None:
    i = one("قتل شخصان بهجوم مسلح على منزل في قضاء الحويجة مساء السبت.")
    assert i.place is not None and i.place.name_en == "Hawija" and i.killed == 2


# ---- grammar of real reports ---------------------------------------------------------


def test_a_pluperfect_with_qad_reports_what_already_happened() -> None:
    inc = one("وكانت قاعدة بلد الجوية قد تعرضت يوم الخميس لهجوم بصاروخين دون إصابات.")
    assert (inc.type, inc.date, inc.killed, inc.injured) == ("rocket_attack", "2024-03-07", 0, 0)


def test_qad_before_an_imperfect_is_still_what_may_happen() -> None:
    assert incidents("وقال الخبير إن الفصائل قد تستهدف قاعدة بلد الجوية بالصواريخ.") == ()


def test_an_abduction_of_counted_victims_needs_no_weapon() -> None:
    inc = one("اختطف مسلحون أربعة صيادين قرب الحدود أمس.")
    assert (inc.type, inc.date) == ("abduction", "2024-03-09")


@pytest.mark.parametrize(("text", "place", "day"), [
    ("تعرض مطار السليمانية، مساء الخميس، لهجوم بطائرة مسيرة.", "Sulaymaniyah International Airport", "2024-03-07"),
    ("قصفت، بحسب مصادر محلية، طائرة مسيرة سيارة قرب مدينة القائم.", "Al-Qaim", None),
])
def test_a_time_or_source_between_commas_does_not_cut_the_report(text: str, place: str, day: str | None) -> None:
    inc = one(text)
    assert inc.place is not None and inc.place.name_en == place
    assert inc.date == day


@pytest.mark.parametrize(("text", "name"), [
    ("أعلنت كتائب حزب الله، مساء الجمعة، استهداف قاعدة التاجي بصاروخين.", "Kataib Hezbollah"),
    ("تبنت المقاومة الإسلامية في العراق قصف قاعدة حرير بطائرة مسيرة فجر السبت.", "Islamic Resistance in Iraq"),
    ("أعلنت جماعة الحوثي، أمس، استهداف سفينة في البحر الأحمر بصواريخ بحرية.", "Houthis"),
    # what its own fighters did, after the complementizer
    ("وأعلنت كتائب حزب الله مساء الجمعة، أن مقاتليها استهدفوا قاعدة التاجي بصاروخين.", "Kataib Hezbollah"),
    ("أعلنت جماعة الحوثي أمس أن قواتها استهدفت سفينة في البحر الأحمر.", "Houthis"),
])
def test_announcing_an_attack_as_ones_own_claims_it(text: str, name: str) -> None:
    inc = one(text)
    assert inc.claimed and inc.perpetrator is not None and name in inc.perpetrator.name_en


def test_announcing_a_toll_is_news_not_a_claim() -> None:
    inc = one("أعلنت الشرطة مقتل شخصين بانفجار عبوة ناسفة في الموصل أمس.")
    assert not inc.claimed and inc.perpetrator is None


def test_a_negated_claim_names_nobody() -> None:
    inc = one("سقطت ثلاثة صواريخ على مطار بغداد ليل الخميس، ولم تعلن أي جهة مسؤوليتها عن الهجوم حتى الآن.")
    assert inc.perpetrator is None and not inc.claimed


def test_a_claim_by_an_alliance_and_its_unit_names_the_alliance() -> None:
    inc = one("قصفت الفصائل قاعدة حرير بالصواريخ أمس، وأعلنت المقاومة الإسلامية في العراق – جماعة الظافرين "
              "مسؤوليتها عن الهجوم.")
    assert inc.perpetrator is not None and inc.perpetrator.name_en == "Islamic Resistance in Iraq"


def test_a_weekday_in_reported_words_counts_back_from_the_day_it_was_said() -> None:
    # published Sunday 10 March; the paper spoke on Thursday the 7th of an attack on the Monday before
    inc = one("وذكرت الصحيفة الخميس أن هجوم الاثنين على مقر للشرطة في الناصرية نفذه مسلحون مجهولون.")
    assert inc.date == "2024-03-04"


def test_an_event_of_last_week_keeps_its_weekday_in_that_week() -> None:
    found = incidents("ويأتي ذلك بعد هجوم بطائرة مسيرة الأسبوع الماضي استهدف مطار السليمانية وأصاب اثنين من الحراس.",
                      "وكان الهجوم الذي استهدف مطار السليمانية يوم الثلاثاء قد ألحق أضرارا بمدرج المطار.",
                      title="قلق في السليمانية")
    assert [i.date for i in found] == ["2024-02-27"]


def test_what_happens_meanwhile_shares_the_day() -> None:
    found = incidents("قصفت المدفعية التركية قرى في قضاء زاخو مساء الجمعة، فيما شنت مسيرة تركية غارة على سيارة "
                      "في قضاء سنجار.")
    assert sorted((i.place.name_en, i.date) for i in found if i.place) == [
        ("Sinjar", "2024-03-08"), ("Zakho", "2024-03-08")]


def test_the_far_end_of_a_road_is_not_a_second_place() -> None:
    inc = one("انفجرت عبوة ناسفة على رتل للجيش في ناحية العباسي على الطريق بين العباسي والحويجة أمس.")
    assert inc.place is not None and inc.place.name_ar != "الحويجة"


def test_the_district_a_village_belongs_to_is_not_a_second_incident() -> None:
    inc = one("قتل راع بقصف مدفعي تركي على قرية في ناحية سيدكان التابعة لقضاء سوران أمس.")
    assert inc.place is not None and inc.place.name_en == "Sidakan" and inc.killed == 1


def test_a_later_toll_updates_the_incident_it_counts() -> None:
    found = incidents("قتل جنديان وأصيب ثلاثة بانفجار عبوة ناسفة على دورية في قضاء الطارمية مساء الجمعة.",
                      "وفي وقت لاحق، ارتفعت حصيلة التفجير إلى ثلاثة قتلى بعد وفاة أحد المصابين.",
                      title="قتلى بانفجار عبوة في الطارمية")
    assert len(found) == 1, [(i.type, i.place) for i in found]
    assert (found[0].killed, found[0].injured) == (3, 3)


def test_strikes_launched_at_a_place_are_one_raid() -> None:
    inc = one("وفي وقت لاحق، شنت طائرات أمريكية غارات على مخازن أسلحة في محافظة الحديدة.")
    assert inc.type == "airstrike" and inc.place is not None and inc.place.name_en == "Hodeidah"
    assert inc.perpetrator is not None and inc.perpetrator.name_en == "United States"


def test_undated_strikes_without_a_launch_are_still_many() -> None:
    assert incidents("أدت الغارات على قرى محافظة الحديدة إلى نزوح آلاف العائلات.") == ()


def test_a_drone_of_a_state_makes_its_strike_an_airstrike() -> None:
    inc = one("قصفت مسيرة تركية سيارة قرب مدينة القامشلي أمس، ما أدى إلى مقتل شخصين.")
    assert (inc.type, inc.killed) == ("airstrike", 2)
    assert inc.perpetrator is not None and inc.perpetrator.name_en == "Turkey"


def test_forces_and_strikes_around_a_time_aside_name_the_state() -> None:
    inc = one("شن الطيران التركي، مساء الجمعة، غارات جوية على مواقع في قضاء العمادية.")
    assert inc.perpetrator is not None and inc.perpetrator.name_en == "Turkey" and inc.date == "2024-03-08"


@pytest.mark.parametrize(("text", "state"), [
    ("نفذت الطائرات الحربية التركية غارات على قرية في قضاء زاخو أمس.", "Turkey"),
    ("وقال المصدر إن الطيران الحربي الإسرائيلي استهدف منزلا في بلدة عيترون أمس.", "Israel"),
    ("قصفت القوات البرية التركية قرية في قضاء العمادية أمس.", "Turkey"),
])
def test_forces_with_an_adjective_before_their_nationality_name_the_state(text: str, state: str) -> None:
    inc = one(text)
    assert inc.perpetrator is not None and inc.perpetrator.name_en == state


@pytest.mark.parametrize(("text", "state"), [
    ("وتعرضت مواقع في القائم أمس إلى قصف من عدة طائرات أميركية.", "United States"),
    ("قتل ثلاثة مدنيين أمس في غارات من طائرات تركية على قرية في قضاء زاخو.", "Turkey"),
])
def test_strikes_by_forces_of_a_state_name_the_state(text: str, state: str) -> None:
    inc = one(text)
    assert inc.perpetrator is not None and inc.perpetrator.name_en == state


@pytest.mark.parametrize("text", [
    "إذ تعرضت مواقع القوات الأمنية في منطقة القائم، فضلا عن الأماكن المدنية المجاورة، إلى قصف جوي أمس.",
    "وتعرضت قاعدة عين الأسد في الأنبار، بحسب مصادر أمنية وشهود عيان في المنطقة، لهجوم صاروخي أمس.",
])
def test_what_underwent_an_attack_across_an_aside_is_where_it_happened(text: str) -> None:
    inc = one(text)
    assert inc.place is not None and inc.place.name_en in ("Al-Qaim", "Ain al-Asad Air Base")


@pytest.mark.parametrize(("text", "doer"), [
    ("شن تنظيم داعش هجوما على قرية في محافظة ديالى أمس.", "Islamic State"),  # verb, subject, event
    ("نفذت قوات القيادة المركزية الأمريكية ضربات على مواقع في محافظة الحديدة أمس.", "US Central Command"),
])
def test_the_subject_after_an_attack_verb_did_it(text: str, doer: str) -> None:
    inc = one(text)
    assert inc.perpetrator is not None and inc.perpetrator.name_en == doer


def test_a_group_owning_the_positions_hit_did_not_hit_them() -> None:
    inc = one("وقالت مصادر محلية إن الطيران شن غارات عنيفة استهدفت مواقع الحوثيين في محافظة حجة أمس.")
    assert inc.perpetrator is None or inc.perpetrator.name_en != "Houthis"


def test_a_country_and_its_army_are_one_side_of_one_strike() -> None:
    gaz = default_gazetteer()
    [israel] = [a.ref() for a in gaz.actors.values() if a.kind == "country" and a.country == "IL"]
    [army] = [a.ref() for a in gaz.actors.values() if a.name_en == "Israeli army"]
    [khiam] = [p.ref() for p in gaz.places.values() if p.name_en == "Khiam"]

    def strike(by: ActorRef, injured: int | None) -> Found:
        return Found(type="airstrike", place=khiam, base=None, date=None, perpetrator=by, claimed=False,
                     target_en=None, target_ar=None, killed=None, injured=injured)

    merged: list[Found] = []
    for found in (strike(israel, 1), strike(army, None)):
        merge_into(merged, found, gaz, published=PUBLISHED)
    assert [(f.perpetrator.name_en if f.perpetrator else None, f.injured) for f in merged] == [("Israel", 1)]


def test_did_and_the_act_as_a_noun_report_a_new_event() -> None:
    inc = one("وقال الفصيل في بيان إنه عند الساعة الثالثة، قامت مجموعات من مقاتليه بمهاجمة قاعدة عين الأسد.")
    assert inc.place is not None and inc.place.name_en == "Ain al-Asad Air Base"


def test_forces_that_did_the_act_name_the_state() -> None:
    inc = one("قامت القوات الأمريكية بقصف مواقع في قضاء القائم أمس.")
    assert inc.perpetrator is not None and inc.perpetrator.name_en == "United States"


def test_a_state_only_the_places_know_is_named_in_arabic() -> None:
    inc = one("شنت طائرات حربية باكستانية غارات على قرية في إقليم بلوشستان أمس.")
    assert inc.perpetrator is not None and (inc.perpetrator.name_en, inc.perpetrator.name_ar) == ("Pakistan", "باكستان")


def test_forces_named_as_the_target_after_their_adjective_did_nothing() -> None:
    inc = one("استهدفت الفصائل القوات الجوية الأمريكية في قاعدة عين الأسد أمس.")
    assert inc.perpetrator is None or inc.perpetrator.name_en != "United States"


def test_the_groups_own_fighters_point_back_to_it() -> None:
    found = incidents("وقال مصدر عسكري إن عناصر الجماعة قصفت أحياء سكنية في مدينة تعز بقذائف الهاون أمس، "
                      "ما أدى إلى إصابة ثلاثة مدنيين.",
                      title="الحوثيون يصعدون في تعز")
    assert len(found) == 1 and found[0].perpetrator is not None and found[0].perpetrator.name_en == "Houthis"


def test_militias_in_general_do_not_point_back_to_a_group() -> None:
    found = incidents("أعلنت كتائب حزب الله أنها ستواصل عملياتها.",
                      "وضربت الميليشيات الموالية لإيران قاعدة حرير بطائرة مسيرة أمس.", title="تصعيد")
    assert len(found) == 1 and found[0].perpetrator is None


def test_two_reports_joined_by_wa_with_their_own_places_stay_apart() -> None:
    found = incidents("قتل شرطي بانفجار عبوة لاصقة في الرمادي وأصيب طفلان بسقوط قذيفة هاون في الفلوجة مساء السبت.")
    assert sorted((i.place.name_en, i.type) for i in found if i.place) == [
        ("Fallujah", "mortar_attack"), ("Ramadi", "ied")]


def test_a_toll_joined_by_wa_before_any_place_is_the_same_report() -> None:
    inc = one("قتل أربعة أشخاص وأصيب سبعة آخرون بانفجار سيارة مفخخة في سوق بالموصل أمس.")
    assert (inc.killed, inc.injured) == (4, 7)


@pytest.mark.parametrize("text", [
    "وفي مأرب، أسقطت الدفاعات الجوية طائرة مسيرة مفخخة أطلقتها الجماعة باتجاه المدينة أمس.",
    "اعترضت الدفاعات الجوية صاروخين أطلقا من جنوب لبنان باتجاه الجليل ليل السبت.",
])
def test_an_interception_in_the_air_is_no_attack(text: str) -> None:
    assert incidents(text) == ()


def test_an_interception_that_still_kills_is_an_attack() -> None:
    inc = one("أسقطت الدفاعات الجوية صاروخا فوق أربيل أمس، لكن شظاياه أدت إلى مقتل مدني.")
    assert inc.killed == 1


def test_a_headline_tells_what_happened_in_the_present_tense() -> None:
    found = incidents("وقالت مصادر أمنية إن المطار تعرض مساء السبت لهجوم بطائرة مسيرة دون إصابات.",
                      title="هجوم بطائرة مسيرة يستهدف مطار السليمانية")
    assert len(found) == 1 and found[0].place is not None
    assert found[0].place.name_en == "Sulaymaniyah International Airport" and found[0].type == "drone_attack"


def test_in_the_body_the_present_tense_is_a_habit_or_a_threat() -> None:
    assert incidents("وقال القيادي إن الفصائل تستهدف مطار السليمانية بالطائرات المسيرة.", title="تصريحات") == ()


@pytest.mark.parametrize(("text", "killed"), [
    ("وقتلت القوات الأفغانية الخاصة أربعة مسلحين في غارة على مخبأ لهم.", 4),
    ("قتلت قوات الشرطة العراقية ثلاثة مسلحين في كمين.", 3),
])
def test_forces_between_a_killing_verb_and_its_count_do_not_hide_the_toll(text: str, killed: int) -> None:
    assert one(text).killed == killed


@pytest.mark.parametrize(("text", "killed", "injured"), [
    ("وقال الضابط إن أربعة جنود على الأقل قتلوا في انفجار عبوة ناسفة.", 4, None),
    ("وأفاد المسعفون بأن عشرة مدنيين في الأقل أصيبوا بقصف مدفعي.", None, 10),
    ("وقال الطبيب إن خمسة أشخاص على أقل تقدير قتلوا في تفجير انتحاري.", 5, None),
    ("وقال الطبيب إن ثمانية أشخاص في أقل تقدير قتلوا في تفجير انتحاري.", 8, None),
])
def test_a_qualifier_between_a_count_and_its_casualty_word_keeps_the_toll(text: str, killed: int | None,
                                                                          injured: int | None) -> None:
    inc = one(text)
    assert (inc.killed, inc.injured) == (killed, injured)


@pytest.mark.parametrize("text", [
    "وقال السكان إن دورية فتحت النار على المحتجين في الناصرية.",
    "وقال الشهود إن الحراس فتحوا النار على سيارة في الحلة.",
    "وتفجرت سيارة مفخخة قرب سوق في الموصل.",
    "وتفجر لغم بعربة عسكرية في ديالى.",
    "وفجر انتحاري حزامه الناسف قرب مسجد في بعقوبة.",
    "وفجر مهاجم شاحنة قرب حاجز في سامراء.",
    "وقالت الشرطة إن مهندسين اختطفا في كركوك.",
    "وقالت الشرطة إن ممرضتين اختطفتا في الموصل.",
    "وقالت الشرطة إن شرطيين قتلا في هجوم على حاجز في الرمادي.",
    "وقالت الشرطة إن امرأتين قتلتا بانفجار عبوة في الحلة.",
    "وقالت الشرطة إن جنديين أصيبا بانفجار عبوة في ديالى.",
])
def test_feminine_dual_and_bomber_verb_forms_report_an_event(text: str) -> None:
    assert one(text).place is not None


def test_hostages_released_by_their_captors_are_no_new_abduction() -> None:
    assert incidents("وقال الشيخ إن المسلحين أفرجوا أمس عن سائقين اختطفا في الأنبار.") == ()


def test_a_relative_clause_after_a_comma_goes_on_telling_the_event_before_it() -> None:
    # the attribution frames the whole event: the relative clause is no new report
    assert incidents("وقال الوزير إن إيران تقف وراء التفجير، الذي استهدف السفارة في بغداد.") == ()


@pytest.mark.parametrize("text", [
    "وأطلق الجيش صاروخين في البحر قرب البصرة في تجربة أمس.",
    "وأطلق الجيش صواريخ على هدف وهمي في الأنبار بعد أسبوع من تجارب مماثلة.",
    "وأطلقت البحرية صاروخا تجريبيا قرب ميناء أم قصر أمس.",
    "وقصفت المدفعية أهدافا في صحراء الأنبار في مناورات أمس.",
    "وأطلقت القوات صواريخ في الأنبار خلال مناورة عسكرية أمس.",
    "وقصفت الطائرات مواقع وهمية في الأنبار خلال تدريبات أمس.",
    "وأطلقت المدفعية قذائف على تلال في ديالى في تمرين عسكري أمس.",
    "وقصف الجيش مواقع في الأنبار ضمن تمارين بالذخيرة الحية أمس.",
    "وأطلقت البحرية صواريخ قرب البصرة ضمن مناورة بحرية تجريبية أمس.",
])
def test_firing_in_a_test_or_a_drill_is_no_attack(text: str) -> None:
    assert incidents(text) == ()


@pytest.mark.parametrize("text", [
    "وسيطر المسلحون أمس على مسجد في الفلوجة وأطلقوا عليه اسم الشهداء.",
    "وافتتحت البلدية أمس حديقة في كركوك وأطلقت عليها اسم الشهيد.",
    "وسيطرت الجماعة أمس على مسجد في الفلوجة وأطلقت عليه اسم الفتح.",
    "وسيطر قائد الميليشيا أمس على مسجد في الفلوجة وأطلق عليه اسم النصر.",
    "وسيطر المسلحون أمس على مدرسة في الفلوجة وأطلقوا عليها اسم الجهاد.",
    "وسيطر قائد الميليشيا أمس على مدرسة في الفلوجة وأطلق عليها اسم البيعة.",
])
def test_giving_a_name_fires_nothing(text: str) -> None:
    assert incidents(text) == ()


@pytest.mark.parametrize("text", [
    "وانفجرت عبوة ناسفة قرب دورية في صيف 2007.",
    "وانفجرت عبوة ناسفة قرب دورية في شتاء 2007.",
    "وانفجرت عبوة ناسفة قرب دورية في ربيع 2007.",
    "وانفجرت عبوة ناسفة قرب دورية في خريف 2006.",
])
def test_a_season_is_a_time_not_a_place(text: str) -> None:
    assert incidents(text) == ()


@pytest.mark.parametrize(("text", "wrong"), [
    ("وفي فجر اليوم التالي انفجرت عبوة ناسفة قرب مقهى.", "فجر"),  # a time of day
    ("وتسبب انفجار عبوة ناسفة أمس في سقوط 5 جرحى.", "سقوط"),  # a fall of casualties
    ("وانفجرت عبوة ناسفة في شارع الـ20 أمس.", "الـ20"),  # a number
    ("وانفجرت عبوة ناسفة أمس قرب دورية.", "دورية"),  # what was hit
])
def test_common_words_and_numbers_are_no_unknown_place(text: str, wrong: str) -> None:
    assert all(i.place is None or i.place.name_ar != wrong for i in incidents(text))


@pytest.mark.parametrize("text", [
    "وتمكنت الشرطة أمس من تفكيك عبوة ناسفة زرعت قرب سوق في الموصل.",
    "وفكك خبير المتفجرات أمس عبوة ناسفة قرب مدرسة في كركوك.",
    "وفككت الشرطة أمس سيارة مفخخة قرب حاجز في بعقوبة.",
    "وفككوا أمس عبوة ناسفة على الطريق في سامراء.",
    "وأبطل الخبراء أمس مفعول عبوة ناسفة قرب مسجد في الرمادي.",
    "وأبطلت الشرطة أمس مفعول قنبلة قرب سوق في الحلة.",
    "وتم إبطال مفعول عبوة ناسفة قرب جسر في الموصل أمس.",
    "وأعلنت الشرطة أمس العثور على عبوة ناسفة قرب سوق في كركوك.",
    "وعثر على سيارة مفخخة أمس قرب حاجز في بعقوبة.",
    "وقالت الشرطة إنها عثرت على عبوة ناسفة قرب مدرسة في الموصل أمس.",
    "وتم ضبط سيارة مفخخة قرب سوق في الحلة أمس.",
    "وضبطت الشرطة أمس حزاما ناسفا قرب مسجد في كركوك.",
    "وضبطوا أمس عبوات ناسفة في منزل في الموصل.",
    "وأغلقت الشرطة أمس الشارع في بغداد بسبب الاشتباه بوجود سيارة مفخخة.",
    "وأخلت الشرطة أمس السوق في كركوك بسبب الاشتباه في وجود قنبلة.",
])
def test_a_bomb_found_seized_defused_or_suspected_went_off_nowhere(text: str) -> None:
    assert incidents(text) == ()


def test_a_bomb_found_after_one_went_off_does_not_unmake_the_casualties() -> None:
    inc = one("وقتل شرطيان أمس بانفجار عبوة ناسفة في الموصل بعد العثور على عبوة أخرى.")
    assert inc.killed == 2


@pytest.mark.parametrize("text", [
    "وضربت حراسة مشددة على المستشفى في الموصل أمس.",
    "وقال إن الجيش ضرب حراسة حول السجن في كركوك أمس.",
    "وقالت الشرطة إنها ضربت طوقا أمنيا حول الحي في بعقوبة أمس.",
    "وقال إن الجيش ضرب طوقا حول السوق في الرمادي أمس.",
    "وضربوا طوقا حول المسجد في سامراء أمس.",
    "وقالت إن القوات ضربت حصارا على الحي في الفلوجة أمس.",
    "وقال إن الجيش ضرب حصارا على البلدة في ديالى أمس.",
])
def test_a_cordon_or_a_siege_imposed_is_no_blow(text: str) -> None:
    assert incidents(text) == ()


def test_an_attack_in_whose_wake_something_happened_is_background() -> None:
    assert incidents("وعقدت الحكومة أمس اجتماعا طارئا، وذلك في أعقاب هجوم انتحاري استهدف مركزا للشرطة في الموصل.") == ()


@pytest.mark.parametrize("text", [
    "عندما اغتيل الوزير في البصرة، أعلن الحزب الحداد ثلاثة أيام.",
    "وعندما انفجرت السيارة المفخخة في الموصل، كان المحافظ في اجتماع.",
    "حين قصفت الطائرات الحي في الفلوجة، غادر السكان منازلهم.",
    "وحين اغتيل الضابط في كركوك، طالب النواب باستقالة الوزير.",
    "حينما انفجرت العبوة في ديالى، أغلقت الشرطة الطريق.",
    "وحينما اغتيل الصحفي في الموصل، طالبت النقابة بحماية زملائه.",
    "عند اغتيال النائب في البصرة يوم الخميس، تظاهر أنصاره في الشوارع.",
    "وعند انفجار السيارة المفخخة في كركوك يوم الأحد، كان الوزير في زيارة.",
    "لما اغتيل الشيخ في الرمادي، اجتمع زعماء العشائر.",
    "ولما انفجرت العبوة في بعقوبة، هرع المسعفون إلى المكان.",
])
def test_an_opening_when_clause_sets_the_time_of_what_follows(text: str) -> None:
    assert incidents(text) == ()


def test_a_when_clause_after_the_toll_still_reports_the_event() -> None:
    assert one("وقتل ثلاثة جنود عندما انفجرت عبوة ناسفة في الموصل أمس.").killed == 3


# ---- a place no list holds, inside one it does -----------------------------------------------


def test_a_village_named_by_its_class_noun_inside_a_known_district_is_where_it_happened() -> None:
    inc = one("سقطت قذيفة هاون على قرية البو عيثة بقضاء الدجيل في محافظة صلاح الدين صباح اليوم.")
    assert inc.place is not None and inc.place.name_ar == "البو عيثة"
    assert (inc.place.lat, inc.place.lon) == (33.85, 44.23)  # the district's coordinates


def test_a_town_before_a_compass_region_takes_the_town() -> None:
    # an invented town: no gazetteer entry, only its class noun makes it a place
    inc = one("قصفت طائرات إسرائيلية بلدة كفر سمعان في جنوب لبنان فجر اليوم.")
    assert inc.place is not None and inc.place.id is None and inc.place.name_ar == "كفر سمعان"


def test_a_class_noun_with_an_adjective_leaves_the_known_place() -> None:
    inc = one("انفجرت عبوة ناسفة في منطقة سكنية ببغداد صباح اليوم.")
    assert inc.place is not None and inc.place.name_en == "Baghdad"


# ---- reading news as it is written ---------------------------------------------------


def test_an_attack_verb_in_the_feminine_dual_reports_an_event() -> None:
    # "عملية الخطف" alone looks back on a known abduction; "نفذتا" (two cars, two women did it) tells it
    inc = one("وقال إن سيارتين نفذتا عملية الخطف في قضاء الحويجة، بحسب مصدر أمني.")
    assert inc.type == "abduction" and inc.place is not None


@pytest.mark.parametrize(("text", "place"), [
    ("فجر انتحاري سيارة مفخخة أمام مطعم إلى الشمال من الرمادي صباح الأحد.", "Ramadi"),
    ("انفجرت عبوة ناسفة على بعد 30 كلم من الموصل صباح اليوم وأسفرت عن مقتل جندي.", "Mosul"),
    ("سقط صاروخ في الجهة الغربية من قاعدة عين الأسد مساء السبت.", "Ain al-Asad Air Base"),
    ("ضربت الفصائل القاعدة الأمريكية بالقرب من مدينة الحسكة مساء الأحد.", "Hasakah"),
])
def test_a_place_after_a_distance_or_a_direction_is_where_it_happened(text: str, place: str) -> None:
    inc = one(text)
    assert inc.place is not None and place in inc.place.name_en


def test_the_town_rockets_were_fired_from_is_not_where_they_fell() -> None:
    found = incidents("سقطت صواريخ على قاعدة عين الأسد مساء السبت، وقالت مصادر إن الصواريخ أطلقت من مدينة هيت.")
    assert [i.place.name_en for i in found if i.place] == ["Ain al-Asad Air Base"]


def test_the_place_of_a_victim_named_after_a_comma_places_the_attack() -> None:
    inc = one("اغتال مسلحون مجهولون العقيد سالم ناجي، مدير شرطة الأقضية في البصرة، مساء السبت.")
    assert inc.place is not None and inc.place.name_en == "Basra"


def test_a_country_after_the_attack_is_no_place_of_it() -> None:
    found = incidents("وقال المتحدث: تابعنا تقارير عن إطلاق صواريخ اليوم، والولايات المتحدة غاضبة من الهجمات.")
    assert all(i.place is None or i.place.kind != "country" for i in found)


def test_the_means_after_a_comma_give_the_type() -> None:
    inc = one("أفاد مصدر أمني باستهداف، قاعدة حرير، في محافظة أربيل، بطائرة مسيرة مساء الأحد.")
    assert inc.type == "drone_attack"


def test_drone_aviation_is_a_drone_attack_not_an_air_strike() -> None:
    inc = one("هاجمت فصائل مسلحة قاعدة عين الأسد بواسطة الطيران المسير فجر اليوم.")
    assert inc.type == "drone_attack"


def test_a_name_in_quotation_marks_is_still_the_place() -> None:
    inc = one('استهدفت طائرة مسيرة قاعدة "حرير" الجوية في أربيل مساء الأحد.')
    assert inc.place is not None and inc.place.name_en == "Harir Air Base"


def test_arabic_typed_with_persian_letters_reads_the_same() -> None:
    inc = one("سقط صاروخ علی قاعدة فی أربیل مساء الأحد.")  # Persian yeh in على, في, أربيل
    assert inc.place is not None and inc.place.name_en.startswith("Erbil")


def test_three_rockets_are_the_weapons_of_one_attack() -> None:
    inc = one("قال المتحدث إن 3 صواريخ على الأقل سقطت على قاعدة عين الأسد الجوية، لكنها لم تسفر عن إصابات.")
    assert inc.type == "rocket_attack"


def test_the_news_of_the_headline_and_a_recalled_attack_are_two_incidents() -> None:
    found = incidents(
        "سقطت صواريخ على قاعدة عين الأسد، وفق مصادر أمنية.",
        "يذكر أن صاروخا سقط على قاعدة عين الأسد في 20 كانون الثاني الماضي.",
        title="استهداف قاعدة عين الأسد بصواريخ كاتيوشا")
    assert sorted(i.date or "" for i in found) == ["", "2024-01-20"]  # today's news is not dated January


def test_an_old_attack_recalled_with_its_month_is_an_incident_of_that_month() -> None:
    inc = one("وكانت قاعدة عين الأسد قد تعرضت لهجوم صاروخي في كانون الثاني 2020 دون إصابات.")
    assert inc.date == "2020-01"
    assert all(i.date != "2020" for i in incidents("اغتيل الزعيم في بغداد عام 2020."))  # a year alone is history


def test_a_date_after_since_starts_a_campaign_and_dates_no_attack() -> None:
    found = incidents("منذ السابع من تشرين الأول الماضي، لم تتوقف الفصائل عن استهداف القوات الأمريكية في شرقي سوريا.")
    assert [i.date for i in found] == []


def test_the_same_base_is_the_base_named_before() -> None:
    found = incidents("سقطت صواريخ على قاعدة عين الأسد مساء السبت.",
                      "واستهدفت القاعدة نفسها بثلاثة صواريخ في 24 كانون الثاني الماضي، من دون تسجيل إصابات.",
                      title="صواريخ على عين الأسد")
    assert [(i.place.name_en if i.place else None, i.date) for i in found if i.date == "2024-01-24"] == [
        ("Ain al-Asad Air Base", "2024-01-24")]


@pytest.mark.parametrize("again", [
    "وفي 24 كانون الثاني الماضي سقط صاروخان قرب تلك القاعدة، من دون تسجيل إصابات.",
    "وفي 24 كانون الثاني الماضي سقط صاروخان في محيط القاعدة العسكرية، من دون تسجيل إصابات.",
    "وفي 24 كانون الثاني الماضي سقط صاروخان على القاعدة، من دون تسجيل إصابات.",
])
def test_the_base_alone_after_a_preposition_or_with_an_adjective_is_the_base_named_before(again: str) -> None:
    found = incidents("سقطت صواريخ على قاعدة عين الأسد مساء السبت.", again, title="صواريخ على عين الأسد")
    assert [(i.place.name_en if i.place else None, i.date) for i in found if i.date == "2024-01-24"] == [
        ("Ain al-Asad Air Base", "2024-01-24")]


def test_al_qaeda_is_no_base_named_again() -> None:
    found = incidents("سقطت صواريخ على قاعدة عين الأسد مساء السبت.",
                      "وفي 24 كانون الثاني الماضي تبنت القاعدة تفجيرا انتحاريا.", title="صواريخ على عين الأسد")
    assert [i.place for i in found if i.date == "2024-01-24"] in ([], [None])


def test_a_village_nobody_listed_lies_in_the_district_named_after_a_comma() -> None:
    article = Article(key="t", title="غارة على بلدة كفر نعمان",
                      paragraphs=("استهدف القصف منزلا في بلدة كفر نعمان، في قضاء صور بمحافظة الجنوب، مساء الأحد.",),
                      published=PUBLISHED)
    assert [i.place.name_ar for i in brief(article).incidents if i.place] == ["كفر نعمان"]


def test_an_event_word_opening_a_films_title_reports_nothing() -> None:
    assert incidents("فاز الممثل بجائزة عن دوره في فيلم «اغتيال الرئيس» الذي صور في بغداد أمس.") == ()


def test_the_subject_before_a_comma_underwent_the_attack() -> None:
    inc = one("قالت الشرطة إن المنطقة الخضراء في بغداد، التي تضم مقار الحكومة، تعرضت لهجوم بقذائف المورتر مساء السبت.")
    assert (inc.type, inc.place.name_en if inc.place else None) == ("mortar_attack", "Green Zone")


def test_five_mortar_rounds_are_one_attack() -> None:
    assert one("وانفجرت خمس قذائف هاون قرب مطار بغداد مساء السبت.").type == "mortar_attack"


def test_a_span_of_time_after_a_connective_only_says_when() -> None:
    found = one("وأعلنت الشرطة قبل ساعات عن انفجار عبوة ناسفة استهدفت دورية للجيش في الموصل.")
    assert (found.type, found.place and found.place.name_en) == ("ied", "Mosul")


def test_a_span_of_time_from_another_event_still_relates_them() -> None:
    found = one("وقتل جندي في انفجار عبوة ناسفة في الموصل بعد ساعات من هجوم مماثل في كركوك.")
    assert found.place is not None and found.place.name_en == "Mosul"


def test_a_clause_opening_with_a_span_of_time_reports_the_event_it_tells() -> None:
    # "قبل ساعات" says when; it does not make the attack an earlier event the sentence looks back on
    found = one("وبحسب مصادر محلية، قبل ساعات قصفت طائرات مسيرة قاعدة حرير شمال أربيل.")
    assert (found.type, found.place and found.place.name_en) == ("drone_attack", "Harir Air Base")


def test_a_clause_opening_with_a_span_of_time_takes_the_day_named_before_it() -> None:
    found = one("ذكر مصدر في الشرطة صباح الجمعة، قبل ساعات استهدفت طائرة مسيرة مطار أربيل.")
    assert found.date == "2024-03-08"


def test_a_village_placed_by_its_district_holds_none_of_the_districts_other_towns() -> None:
    found = incidents("قصف على الجنوب", "شنت طائرات إسرائيلية غارة على منزل في بلدة المروانية في قضاء مرجعيون أمس.",
                      "وقصفت المدفعية الإسرائيلية بلدة الخيام أمس.")
    assert [i.place and i.place.name_ar for i in found] == ["المروانية", "الخيام"]


@pytest.mark.parametrize("village", ["الخيام", "المروانية"])  # listed, and one the gazetteer lacks
def test_the_next_undated_report_inside_a_wide_place_tells_where_it_happened(village: str) -> None:
    found = incidents("مقتل مدنيين اثنين في غارة إسرائيلية على جنوب لبنان اليوم",
                      f"وذكرت الوكالة أن الغارة استهدفت منزلا في بلدة {village} جنوبي لبنان.",
                      "وشنت إسرائيل غارة أخرى على بلدة ميس الجبل أدت إلى إصابة شخص.")
    first = found[0]
    assert (first.place and first.place.name_ar, first.date, first.killed) == (village, "2024-03-10", 2)


@pytest.mark.parametrize("text", [
    "وسقطت عدة صواريخ على قاعدة عين الأسد في الأنبار.",
    "وأطلقت الجماعة عشرات الصواريخ على مطار أربيل.",
])
def test_many_weapons_are_one_attack(text: str) -> None:
    assert one(text).type in ("rocket_attack", "missile_attack")


def test_the_leads_own_report_and_one_dated_two_days_before_further_on_are_two_attacks() -> None:
    found = incidents("قال متحدث باسم التحالف إن 14 صاروخا سقطت على قاعدة عين الأسد، ما أدى إلى إصابة ثلاثة.",
                      "وتضم القاعدة قوات من التحالف الدولي.",
                      "ويوم الجمعة، أعلن التحالف استهداف قاعدة عين الأسد بثلاثة صواريخ.",
                      title="هجوم صاروخي على قاعدة عين الأسد")
    assert sorted((i.date or "", i.injured or 0) for i in found) == [("", 3), ("2024-03-08", 0)]


def test_bombardment_in_the_headline_is_the_drone_attack_told_below() -> None:
    found = incidents("قاعدة حرير في أربيل تتعرض للقصف",
                      "وأعلنت الفصائل اليوم أنها استهدفت بطائرة مسيرة قاعدة حرير في أربيل.",
                      title="قاعدة حرير في أربيل تتعرض للقصف")
    assert [(i.type, i.place and i.place.name_en) for i in found] == [("drone_attack", "Harir Air Base")]


def test_the_base_named_again_in_a_clause_is_not_lent_the_next_clauses_place() -> None:
    found = incidents("سقطت صواريخ على قاعدة حرير في أربيل مساء السبت.",
                      "وكانت الفصائل استهدفت القاعدة الجوية يوم الجمعة، كما استهدفت قاعدة عين الأسد في الأنبار.",
                      title="صواريخ على حرير")
    assert ("Harir Air Base", "2024-03-08") in [(i.place and i.place.name_en, i.date) for i in found]


@pytest.mark.parametrize("text", [
    "وأغارت الطائرات الإسرائيلية أمس على مجمع في بلدة الخيام كان بداخله مسلحون.",
    "شن الطيران غارة على تجمع للمسلحين في القائم أمس.",
])
def test_gunmen_a_raid_hits_do_not_make_it_a_shooting(text: str) -> None:
    assert one(text).type == "airstrike"
