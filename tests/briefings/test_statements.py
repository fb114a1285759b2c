"""Who said what: speakers and speech acts read from Arabic news grammar, end to end."""

from __future__ import annotations

from datetime import date

import pytest

from briefings.model import Article, Briefing, Statement
from briefings.pipeline import brief

DAY = date(2024, 3, 10)


def _brief(*paragraphs: str, title: str = "خبر", published: date = DAY) -> Briefing:
    return brief(Article(key="t", title=title, paragraphs=paragraphs, published=published))


def _by(b: Briefing, name_en: str) -> Statement:
    found = [s for s in b.statements if s.speaker.name_en == name_en]
    assert found, f"no statement by {name_en}: {[s.speaker.name_en for s in b.statements]}"
    return found[0]


def _speakers(b: Briefing) -> list[str]:
    return [s.speaker.name_en for s in b.statements]


# ---- speakers --------------------------------------------------------------------------


def test_verb_before_its_subject_with_a_title_between() -> None:
    b = _brief("قال وزير الخارجية العراقي فؤاد حسين إن بغداد ترفض أن تكون ساحة لتصفية الحسابات.")
    assert _speakers(b) == ["Fuad Hussein"]
    assert _by(b, "Fuad Hussein").acts == ("said",)


def test_subject_before_its_verb() -> None:
    b = _brief("وزير الخارجية الإيراني عباس عراقجي يحذر من انزلاق المنطقة إلى حرب شاملة.", published=date(2025, 2, 1))
    assert _by(b, "Abbas Araghchi").acts == ("warned",)


def test_a_country_completing_a_groups_name_is_not_the_speaker() -> None:
    b = _brief(title="كتائب حزب الله العراق تعلن وقف هجماتها على القوات الأميركية")
    assert _speakers(b) == ["Kataib Hezbollah"]


def test_added_sentence_chains_to_the_last_speaker() -> None:
    b = _brief("قال زعيم منظمة بدر هادي العامري إن الفصائل ملتزمة بالتهدئة.",
               "وأضاف أن الحكومة مطالبة بإنهاء مهمة التحالف الدولي.")
    st = _by(b, "Hadi al-Amiri")
    assert len(b.statements) == 1
    assert st.evidence.sentences == (1, 2)


def test_circumstantial_participle_keeps_the_speaker() -> None:
    b = _brief("أكد قيس الخزعلي أن المقاومة لن تتوقف، مشيرا إلى أن القرار بيد الفصائل وحدها.")
    assert _by(b, "Qais al-Khazali").acts == ("stressed", "said")


def test_but_he_stressed_chains_back() -> None:
    b = _brief("قال المتحدث باسم الخارجية الأمريكية ماثيو ميلر إن واشنطن تتابع الوضع.",
               "لكنه شدد على ضرورة حماية البعثات الدبلوماسية.", published=date(2024, 1, 5))
    assert _by(b, "Matthew Miller").acts == ("said", "stressed")


def test_declined_to_comment_is_no_statement() -> None:
    b = _brief("ولم يعلق نعيم قاسم على التقارير.", published=date(2025, 1, 5))
    assert b.statements == ()


def test_spokesperson_unknown_to_the_gazetteer_is_the_speaker_not_the_ministry() -> None:
    b = _brief("قال المتحدث باسم وزارة الخارجية العراقية أحمد الصحاف إن العراق يرفض أي اعتداء على أراضيه.")
    assert [s.speaker.name_ar for s in b.statements] == ["أحمد الصحاف"]
    st = b.statements[0]
    assert st.speaker.name_en.startswith("Ahmed")
    assert "spokesperson" in (st.speaker.role_en or "")


def test_unknown_person_introduced_by_a_title() -> None:
    b = _brief("ويقول المحلل السياسي العراقي كريم الشمري إن الحكومة تواجه ضغوطا متزايدة.")
    st = b.statements[0]
    assert st.speaker.id is None
    assert st.speaker.name_ar == "كريم الشمري"
    assert st.speaker.name_en == "Karim al-Shamari" or st.speaker.name_en.startswith("Karim al-Sh")
    assert st.speaker.role_en == "Iraqi political analyst"


def test_surname_alone_after_the_full_name_is_the_same_speaker() -> None:
    b = _brief("التقى رئيس إقليم كردستان نيجيرفان بارزاني وفدا أمريكيا في أربيل.",
               "وقال بارزاني إن الإقليم يريد حلا دائما لملف الرواتب.")
    assert _speakers(b) == ["Nechirvan Barzani"]


def test_two_speakers_joined_by_and_both_speak() -> None:
    b = _brief("وبحث فؤاد حسين وعباس عراقجي في اتصال هاتفي تطورات المنطقة.", published=date(2025, 3, 1))
    assert set(_speakers(b)) == {"Fuad Hussein", "Abbas Araghchi"}
    assert all(s.acts == ("discussed",) for s in b.statements)


def test_relayed_speech_names_the_source_not_the_agency() -> None:
    b = _brief("ونقلت وكالة الأنباء العراقية عن قيس الخزعلي قوله إن الانتخابات ستجري في موعدها.")
    assert _speakers(b) == ["Qais al-Khazali"]


def test_aside_between_subject_and_verb_is_skipped() -> None:
    b = _brief("وأفاد مصدر أن هادي العامري، وهو من أبرز قادة الإطار التنسيقي، بحث مع السفير الإيراني ملف الانتخابات.")
    assert _by(b, "Hadi al-Amiri").acts == ("discussed",)


def test_as_reported_by_a_persons_office_credits_the_person_without_anothers_title() -> None:
    b = _brief("التقى السفير الإيراني بقيس الخزعلي، حسبما أفاد مكتب الخزعلي.")
    assert [(s.speaker.name_en, s.speaker.role_en) for s in b.statements] == [
        ("Qais al-Khazali", "Secretary-General of Asaib Ahl al-Haq")]


def test_a_statement_document_as_subject_is_nobody() -> None:
    b = _brief("وذكر بيان رسمي أن الاجتماع تناول الأوضاع الأمنية.")
    assert b.statements == ()


def test_impersonal_it_is_worth_noting_is_nobody() -> None:
    b = _brief("قال قيس الخزعلي إن الفصائل ستلتزم بالهدنة.",
               "ويذكر أن الهجمات توقفت منذ أسابيع.")
    assert _by(b, "Qais al-Khazali").evidence.sentences == (1,)


def test_country_after_a_noun_is_a_complement_not_the_speaker() -> None:
    b = _brief("قال هادي العامري إن المرحلة حساسة.", "كما أكد جهود العراق في حماية حدوده.")
    assert _speakers(b) == ["Hadi al-Amiri"]
    assert _by(b, "Hadi al-Amiri").acts == ("said", "stressed")


def test_verb_joined_by_and_shares_the_subject() -> None:
    b = _brief("أكد قيس الخزعلي دعم الحكومة، وأدان الاعتداءات التركية على القرى الحدودية.")
    assert _by(b, "Qais al-Khazali").acts == ("stressed", "condemned")


def test_institution_speaks_when_nobody_else_does() -> None:
    b = _brief("أدانت وزارة الخارجية العراقية القصف التركي على قضاء زاخو.")
    assert [s.speaker.kind for s in b.statements] == ["institution"]
    assert b.statements[0].acts == ("condemned",)


def test_institution_speaks_beside_a_person() -> None:
    b = _brief("أدانت وزارة الخارجية العراقية القصف التركي على قضاء زاخو.",
               "وقال فؤاد حسين إن العراق سيقدم شكوى إلى مجلس الأمن.")
    assert _speakers(b) == ["Iraqi Ministry of Foreign Affairs", "Fuad Hussein"]


def test_an_army_that_issues_a_statement_is_its_speaker() -> None:
    b = _brief("وقال الجيش الأردني في بيان إن طائرة مسيرة سقطت قرب الحدود.")
    assert [(s.speaker.name_en, s.speaker.kind, s.acts) for s in b.statements] == [
        ("Jordanian Army", "institution", ("said",))]


def test_a_country_speaks_only_when_nobody_else_does() -> None:
    b = _brief("أدان العراق القصف التركي على قضاء زاخو.", "وقال فؤاد حسين إن العراق سيقدم شكوى.")
    assert _speakers(b) == ["Fuad Hussein"]


def test_claim_of_responsibility_is_no_statement() -> None:
    b = _brief("أعلنت كتائب حزب الله مسؤوليتها عن الهجوم على القاعدة.")
    assert b.statements == ()


# ---- speech acts -----------------------------------------------------------------------


def test_announced_that_reports_speech() -> None:
    b = _brief("وأعلن هادي العامري أن منظمة بدر ستخوض الانتخابات بقائمة مستقلة.")
    assert _by(b, "Hadi al-Amiri").acts == ("said",)


def test_announced_a_fact_is_an_announcement() -> None:
    b = _brief("أعلن قيس الخزعلي انسحاب كتلته من جلسة البرلمان.")
    assert _by(b, "Qais al-Khazali").acts == ("announced",)


def test_unannounced_visit_is_no_announcement() -> None:
    b = _brief("وصل فؤاد حسين إلى طهران في زيارة غير معلنة.")
    assert b.statements == ()


def test_expressed_support_needs_support_after_an() -> None:
    b = _brief("أعرب فؤاد حسين عن دعم العراق لجهود التهدئة.")
    assert _by(b, "Fuad Hussein").acts == ("expressed_support",)


def test_expressed_concern_is_not_support() -> None:
    b = _brief("أعرب فؤاد حسين عن قلقه من التصعيد، رغم دعم بغداد للحوار.")
    assert "expressed_support" not in _by(b, "Fuad Hussein").acts


def test_stressed_support_is_stressed_only() -> None:
    b = _brief("وأكد عباس عراقجي دعم بلاده للحكومة العراقية.", published=date(2025, 2, 1))
    assert _by(b, "Abbas Araghchi").acts == ("stressed",)


def test_accused_and_blamed() -> None:
    b = _brief("اتهم قيس الخزعلي واشنطن بالتدخل في الشؤون الداخلية.",
               "وحمّل الخزعلي الحكومة مسؤولية تدهور الأوضاع.")
    assert _by(b, "Qais al-Khazali").acts == ("accused", "blamed")


def test_warned_denied_condemned() -> None:
    b = _brief("حذر هادي العامري من عودة داعش.", "ونفى العامري وجود خلافات داخل الإطار.",
               "واستنكر العامري استهداف المدنيين.")
    assert _by(b, "Hadi al-Amiri").acts == ("warned", "denied", "condemned")


def test_condemned_by_any_of_its_verbs() -> None:
    for verb in ("ندد", "أدان", "استنكر", "شجب"):
        b = _brief(f"{verb} قيس الخزعلي القصف.")
        assert _by(b, "Qais al-Khazali").acts == ("condemned",), verb


def test_first_person_verb_in_the_quote_replaces_said() -> None:
    b = _brief("وقال هادي العامري في كلمة متلفزة: «ندعو الحكومة إلى حسم ملف الانسحاب».")
    assert _by(b, "Hadi al-Amiri").acts == ("called_for",)


def test_third_person_verb_in_the_quote_is_not_the_speakers_act() -> None:
    b = _brief("وقال فؤاد حسين: «الحكومة أعلنت موقفها بوضوح».")
    assert _by(b, "Fuad Hussein").acts == ("said",)


def test_must_in_the_reported_clause_is_a_call() -> None:
    b = _brief("قال عباس عراقجي إن الهجمات على لبنان يجب أن تتوقف فورا.", published=date(2025, 2, 1))
    assert _by(b, "Abbas Araghchi").acts == ("said", "called_for")


def test_must_not_in_the_reported_clause_is_a_warning() -> None:
    b = _brief("قال هادي العامري إن واشنطن لا ينبغي لها أن تختبر صبر العراقيين.")
    assert _by(b, "Hadi al-Amiri").acts == ("said", "warned")


def test_threatened_and_pledged() -> None:
    b = _brief("هدد قيس الخزعلي بالرد على أي اعتداء.", "وتعهد الخزعلي بمواصلة العمليات.")
    assert _by(b, "Qais al-Khazali").acts == ("threatened", "pledged")


def test_feminine_speaker_with_a_feminine_verb() -> None:
    b = _brief("قالت السفيرة الأمريكية ألينا رومانوفسكي إن بلادها ملتزمة بأمن العراق.")
    assert _speakers(b) == ["Alina Romanowski"]


def test_ambassador_with_a_nationality_and_an_unknown_name() -> None:
    b = _brief("من جهته، نفى السفير التركي علي رضا كوناي مسؤولية بلاده عن القصف.")
    st = b.statements[0]
    assert st.speaker.name_ar == "علي رضا كوناي"
    assert st.speaker.name_en.startswith("Ali Reza")
    assert st.acts == ("denied",)


def test_mp_for_a_party_with_a_feminine_verb_and_participle() -> None:
    b = _brief("وطالبت النائبة عن الحزب الديمقراطي الكردستاني فيان صبري الحكومة بموقف حازم، "
               "محذرة من استمرار الانتهاكات.")
    st = b.statements[0]
    assert st.speaker.name_ar == "فيان صبري"
    assert st.acts == ("called_for", "warned")
    assert st.speaker.role_en == "MP for the Kurdistan Democratic Party"


def test_a_participle_never_reaches_back_to_another_sentence() -> None:
    b = _brief("قال قيس الخزعلي إن الفصائل ملتزمة بالهدنة.",
               "وطالب نواب الحكومة بموقف واضح، محذرين من التصعيد.")
    assert _by(b, "Qais al-Khazali").acts == ("said",)


def test_title_with_a_genitive_body_before_the_name() -> None:
    b = _brief("اعتبر الأمين العام لعصائب أهل الحق قيس الخزعلي أن بقاء القوات الأجنبية احتلال.")
    st = _by(b, "Qais al-Khazali")
    assert st.speaker.role_en == "Secretary-General of Asaib Ahl al-Haq"


def test_a_joined_verb_with_a_country_object_keeps_the_speaker() -> None:
    b = _brief("قال نعيم قاسم إن المقاومة جاهزة، وحذر إسرائيل من أي مغامرة.", published=date(2025, 1, 13))
    assert _by(b, "Naim Qassem").acts == ("said", "warned")
    assert "Israel" not in _speakers(b)


def test_aside_in_parentheses_inside_a_title() -> None:
    b = _brief("أكد المتحدث باسم وزارة الدفاع الأمريكية (البنتاغون) بات رايدر أن القوات باقية.")
    assert _speakers(b) == ["Patrick Ryder"]


def test_second_subject_with_its_own_title_speaks_too() -> None:
    b = _brief("بحث رئيس الوزراء محمد شياع السوداني والرئيس الإيراني مسعود بزشكيان في بغداد ملف المياه.",
               published=date(2024, 9, 11))
    assert set(_speakers(b)) == {"Mohammed Shia al-Sudani", "Masoud Pezeshkian"}


def test_headline_surnames_before_the_body_names_them() -> None:
    b = brief(Article(key="t", title="العامري والخزعلي يبحثان ملف الانتخابات",
                      paragraphs=("التقى هادي العامري وقيس الخزعلي في بغداد.",), published=DAY))
    assert set(_speakers(b)) == {"Hadi al-Amiri", "Qais al-Khazali"}


def test_an_unnamed_official_is_nobody_even_after_a_named_one() -> None:
    b = _brief("وصل فؤاد حسين إلى طهران.", "ونُقل عن مسؤول عراقي قوله إن الزيارة ناجحة.")
    assert b.statements == ()


def test_replied_that_is_speech() -> None:
    b = _brief("ورد المتحدث باسم البيت الأبيض جون كيربي بأن واشنطن لا تريد التصعيد.")
    assert _speakers(b) == ["John Kirby"]


def test_praise_is_support() -> None:
    b = _brief("أشاد فؤاد حسين بجهود الوساطة القطرية.")
    assert _by(b, "Fuad Hussein").acts == ("expressed_support",)


def test_former_office_with_a_known_name() -> None:
    b = _brief("حذر وزير الخارجية الإيراني السابق محمد جواد ظريف من انفجار المنطقة.", published=date(2024, 8, 20))
    st = _by(b, "Mohammad Javad Zarif")
    assert st.digest.en.startswith("Former Iranian Foreign Minister Mohammad Javad Zarif")


def test_the_actor_next_to_the_verb_is_the_subject_not_a_group_further_on() -> None:
    b = _brief("هددت إسرائيل أمس باستهداف قادة حركة حماس في الخارج.")
    assert "Hamas" not in _speakers(b)


def test_a_group_inside_an_object_phrase_is_no_speaker() -> None:
    b = _brief("وحمّل تجمع العلماء في بيان له حزب الله مسؤولية الاعتداء.")
    assert "Hezbollah" not in _speakers(b)


def test_secretary_general_of_a_quoted_party_is_the_speaker() -> None:
    b = _brief("أكد الأمين العام لـ«حزب الله» نعيم قاسم أن المقاومة باقية.", published=date(2025, 1, 13))
    assert _speakers(b) == ["Naim Qassem"]


def test_support_as_the_subject_of_a_reported_clause_is_a_noun() -> None:
    b = _brief("قال قيس الخزعلي إن دعم واشنطن لإسرائيل سبب الأزمة.")
    assert _by(b, "Qais al-Khazali").acts == ("said",)
    assert "United States" not in _speakers(b)


def test_a_verbal_noun_speaks_for_the_governing_verbs_subject() -> None:
    b = _brief("جدد هادي العامري التأكيد على رفض الوجود الأجنبي خلال لقائه قيس الخزعلي.")
    assert _speakers(b) == ["Hadi al-Amiri"]


def test_a_relative_clause_verb_has_its_antecedent_as_subject() -> None:
    b = _brief("انتقدت حماس اللجنة التي طالبت إسماعيل هنية بالاستقالة.")
    assert "Ismail Haniyeh" not in _speakers(b)


def test_an_actor_before_another_verb_is_not_the_subject() -> None:
    b = _brief("لكن الحكومة العراقية لم تجد أي دليل يدعم الرواية.")
    assert b.statements == ()


def test_a_team_is_no_rank() -> None:
    b = _brief("وقال فريق أوباما الانتقالي إن الوزارة قد لا تتابع القضية.")
    assert all(s.speaker.role_en != "Lieutenant General" for s in b.statements)


def test_is_considered_is_no_promise() -> None:
    b = _brief("ويعد الهجوم على منزل الوزير عامر الساعدي تطورا خطيرا.")
    assert b.statements == ()


def test_a_description_is_no_statement() -> None:
    assert _brief("وتعتبر كتائب حزب الله أقوى الفصائل المسلحة في العراق.").statements == ()


def test_the_present_of_consider_with_a_reported_clause_is_speech() -> None:
    b = _brief("ويعتبر قيس الخزعلي أن الوجود الأمريكي احتلال.")
    assert _by(b, "Qais al-Khazali").acts == ("said",)


def test_a_headline_that_opens_with_a_name_and_a_colon_quotes_that_actor() -> None:
    b = _brief("استقبل رئيس الوزراء محمد شياع السوداني وفدا أمريكيا.",
               title="السوداني: لن نسمح بتحويل العراق إلى ساحة لتصفية الحسابات")
    st = _by(b, "Mohammed Shia al-Sudani")
    assert "said" in st.acts and st.gist_ar.startswith("لن نسمح")


def test_a_place_before_a_headline_colon_is_a_dateline_not_a_speaker() -> None:
    assert _brief("انفجرت عبوة ناسفة قرب سوق شعبي.", title="بغداد: انفجار عبوة ناسفة قرب سوق").statements == ()


# ---- function words as data ------------------------------------------------------------


def test_speech_grammar_is_loaded_once_into_the_lexicon() -> None:
    from briefings.lexicon import default_lexicon
    words = default_lexicon().speech_words
    assert "لم" in words.negations and "بيان" in words.sources and "دعم" in words.masdar


def test_a_verb_after_a_relative_pronoun_belongs_to_its_antecedent() -> None:
    b = _brief("وأصدرت الوزارة التي طالبت نعيم قاسم بالتوضيح تقريرا جديدا.", published=date(2025, 1, 5))
    assert "Naim Qassem" not in _speakers(b)


def test_a_person_then_a_verb_then_a_country_keeps_the_person() -> None:
    b = _brief("وقال هادي العامري إن الولايات المتحدة تتحمل مسؤولية التصعيد.")
    assert _speakers(b) == ["Hadi al-Amiri"]


# ---- institutions, attributions, headlines, meetings -----------------------------------


def test_an_army_that_says_something_in_a_statement_is_the_speaker() -> None:
    b = _brief("قال الجيش الإسرائيلي في بيان إنه دمر منصة صواريخ في بلدة الخيام جنوب لبنان.")
    assert _speakers(b) == ["Israeli army"]


def test_an_observatory_that_reports_is_the_speaker() -> None:
    b = _brief("أفاد المرصد السوري لحقوق الإنسان بسقوط قذائف على أطراف مدينة البوكمال.")
    assert _speakers(b) == ["Syrian Observatory for Human Rights"]


def test_a_ministry_announcing_a_toll_is_the_speaker() -> None:
    b = _brief("وأعلنت وزارة الصحة اللبنانية أن القصف على بلدة عيترون أوقع جريحين.")
    assert _speakers(b) == ["Lebanese Health Ministry"]


def test_a_command_reporting_a_shootdown_is_the_speaker() -> None:
    b = _brief("وذكرت القيادة المركزية الأمريكية أن مدمرة أسقطت صاروخا فوق خليج عدن.")
    assert _speakers(b) == ["US Central Command"]


def test_according_to_a_statement_of_an_army_is_that_armys_statement() -> None:
    b = _brief("وبحسب بيان للجيش العراقي، فإن قوة أمنية عثرت على منصة إطلاق قرب بلد.")
    assert _speakers(b) == ["Iraqi Army"]
    assert b.statements[0].acts == ("said",)


def test_according_to_a_ministry_is_that_ministrys_statement() -> None:
    b = _brief("ووفقا لوزارة الصحة اللبنانية، فإن الغارة على النبطية أوقعت أربعة قتلى.")
    assert _speakers(b) == ["Lebanese Health Ministry"]


def test_a_statement_issued_by_a_command_is_that_commands() -> None:
    b = _brief("وبحسب بيان صادر عن القيادة المركزية الأمريكية، فإن طائرة مسيرة أسقطت فوق البحر الأحمر.")
    assert _speakers(b) == ["US Central Command"]


def test_according_to_what_an_army_announced_is_no_negation() -> None:
    b = _brief("وبحسب ما أعلن الجيش الإسرائيلي، فإن الضربة طالت مخزنا في بعلبك.")
    assert _speakers(b) == ["Israeli army"]


def test_according_to_what_an_agency_relayed_from_a_minister_is_the_ministers() -> None:
    b = _brief("ووفق ما نقلت وكالة رويترز عن وزير الخارجية العراقي فؤاد حسين، فإن بغداد تسعى للتهدئة.")
    assert _speakers(b) == ["Fuad Hussein"]


def test_according_to_an_unnamed_source_names_nobody() -> None:
    b = _brief("وبحسب مصادر محلية، فإن الانفجار وقع قرب مطار صنعاء.")
    assert b.statements == ()


def test_headline_title_and_name_before_a_colon_is_the_speaker() -> None:
    b = brief(Article(key="t", title="قائد الحرس الثوري حسين سلامي: ردنا سيكون قاسيا",
                      paragraphs=("نص.",), published=DAY))
    assert _speakers(b) == ["Hossein Salami"]


def test_headline_institution_before_a_colon_is_the_speaker() -> None:
    b = brief(Article(key="t", title="الجيش الإسرائيلي: اعترضنا صاروخا أطلق من اليمن",
                      paragraphs=("نص.",), published=DAY))
    assert _speakers(b) == ["Israeli army"]


def test_headline_quote_takes_the_acts_of_its_first_person_verbs() -> None:
    b = brief(Article(key="t", title="الحوثيون: نحذر السفن الأمريكية من عبور البحر الأحمر",
                      paragraphs=("نص.",), published=DAY))
    assert b.statements[0].acts == ("warned",)


def test_a_colon_far_into_a_headline_quotes_nobody() -> None:
    title = "غارات على مواقع في ريف دير الزور وسقوط قتلى وجرحى في صفوف الفصائل المسلحة وحزب الله: حصيلة"
    b = brief(Article(key="t", title=title, paragraphs=("نص.",), published=DAY))
    assert b.statements == ()


def test_a_description_of_a_group_is_no_statement() -> None:
    assert _brief("وتعتبر كتائب حزب الله أقوى فصيل مسلح في العراق.").statements == ()
    assert _brief("ويعد حزب الله من أقوى الجماعات المسلحة في المنطقة.").statements == ()


def test_condemning_during_a_call_is_the_callers_act() -> None:
    b = _brief("وأجرى رئيس الوزراء العراقي محمد شياع السوداني اتصالا هاتفيا مع وزير الخارجية الأمريكي "
               "أنتوني بلينكن، أدان خلاله القصف على قاعدة عين الأسد.")
    assert _speakers(b) == ["Mohammed Shia al-Sudani"]


def test_stressing_during_a_reception_is_the_hosts_act() -> None:
    b = _brief("واستقبل رئيس الوزراء العراقي محمد شياع السوداني وزير الخارجية الإيراني عباس عراقجي، "
               "وأكد خلال اللقاء على رفض الاعتداءات.")
    assert _speakers(b) == ["Mohammed Shia al-Sudani"]


def test_the_latter_in_a_call_is_the_partner_named_last() -> None:
    b = _brief("وتلقى الرئيس السوري بشار الأسد اتصالا من الرئيس الإيراني مسعود بزشكيان، "
               "أدان فيه الأخير الغارات على دمشق.")
    assert _speakers(b) == ["Masoud Pezeshkian"]


def test_the_partner_of_a_call_is_neither_the_speaker_nor_the_condemned() -> None:
    b = _brief("وأدان رئيس الوزراء العراقي محمد شياع السوداني خلال اتصال هاتفي مع الرئيس الإيراني "
               "مسعود بزشكيان الهجوم.")
    assert _speakers(b) == ["Mohammed Shia al-Sudani"]
    assert "Pezeshkian" not in b.statements[0].digest.en


def test_an_institutions_nationality_is_not_what_it_condemned() -> None:
    b = _brief("وأدانت وزارة الخارجية السورية الغارات الإسرائيلية على ريف دمشق.")
    assert "condemned Syria" not in b.statements[0].digest.en


def test_speech_verbs_with_prefixes_and_feminine_and_plural_endings() -> None:
    b = _brief("وتوعدت جماعة أنصار الله برد قاس على الضربات.", "فيما نفت كتائب حزب الله أي صلة لها بالهجوم.",
               "وشددت حركة النجباء على مواصلة العمليات.")
    assert [s.acts for s in b.statements] == [("threatened",), ("denied",), ("stressed",)]


def test_a_verb_inside_a_statement_the_sentence_reports_is_its_issuers() -> None:
    b = _brief("وأصدرت وزارة الخارجية الإيرانية بيانا أدانت فيه القصف على ريف حلب.")
    assert _speakers(b) == ["Iranian Ministry of Foreign Affairs"]
    assert b.statements[0].acts == ("condemned",)


def test_a_verb_inside_a_speech_is_the_speakers() -> None:
    b = _brief("وألقى نعيم قاسم كلمة متلفزة قال خلالها إن الرد قادم.", published=date(2025, 1, 5))
    assert _speakers(b) == ["Naim Qassem"]


def test_claimed_and_ruled_out_are_speech() -> None:
    b = _brief("وزعم الجيش الإسرائيلي أن النفق كان يستخدم لتهريب السلاح.",
               "واستبعد وزير الخارجية العراقي فؤاد حسين أن تنجر بغداد إلى المواجهة.")
    assert _speakers(b) == ["Israeli army", "Fuad Hussein"]


def test_repeated_a_warning_is_speech_but_repeated_a_visit_is_not() -> None:
    assert _speakers(_brief("وكرر عبد الملك الحوثي تحذيره لشركات الشحن.")) == ["Abdul-Malik al-Houthi"]
    assert _brief("وكرر عبد الملك الحوثي زيارته إلى صعدة.").statements == ()


def test_continued_before_a_colon_and_a_quotation_is_speech() -> None:
    b = _brief("وتابع يحيى سريع: «سنواصل استهداف السفن في البحر الأحمر».")
    assert _speakers(b) == ["Yahya Saree"]


def test_as_the_observatory_reported_it_names_the_speaker() -> None:
    b = _brief("قتل ثلاثة عناصر من الفصائل بضربة جوية، وفق ما أفاد به المرصد السوري لحقوق الإنسان.")
    assert _speakers(b) == ["Syrian Observatory for Human Rights"]


def test_a_groups_class_noun_alone_names_the_group_again() -> None:
    b = _brief("أعلنت كتائب حزب الله تعليق عملياتها ضد القوات الأمريكية.",
               "وقالت الكتائب في بيان لاحق إن القرار جاء لتجنب الإحراج للحكومة.")
    assert [s.evidence.sentences for s in b.statements if s.speaker.name_en == "Kataib Hezbollah"] == [(1, 2)]


def test_a_class_noun_followed_by_its_adjective_is_another_body() -> None:
    b = _brief("أعلنت كتائب حزب الله تعليق عملياتها.", "وقالت الكتائب الشعبية في بيان إنها ترفض القرار.")
    assert [s.evidence.sentences for s in b.statements if s.speaker.name_en == "Kataib Hezbollah"] == [(1,)]


def test_a_country_inside_the_speakers_title_does_not_end_the_search_for_the_name() -> None:
    b = _brief("وقال المتحدث باسم التحالف الدولي في العراق الكولونيل جون ماروتو إن القاعدة تعرضت لهجوم.")
    assert [s.speaker.name_ar for s in b.statements] == ["جون ماروتو"]


@pytest.mark.parametrize(("first", "again", "speaker"), [
    ("أفاد المرصد السوري لحقوق الإنسان بمقتل خمسة عناصر في البادية.",
     "المرصد أشار إلى أن مواقع للفصائل تعرضت لضربات.", "Syrian Observatory for Human Rights"),
    ("أعلنت وزارة الصحة اللبنانية مقتل شخصين في الغارة.",
     "وأضافت الوزارة أن الجرحى نقلوا إلى مستشفى صور.", "Lebanese Health Ministry"),
])
def test_a_body_named_again_by_its_class_noun_is_the_same_speaker(first: str, again: str, speaker: str) -> None:
    b = _brief(first, again)
    (st,) = [s for s in b.statements if s.speaker.name_en == speaker]
    assert len(st.evidence.sentences) == 2
