"""Who did it and what was hit, as the clause's grammar gives them: a claim, an attribution, an attack verb's agent."""

from __future__ import annotations

import pytest

from tests.briefings.test_incidents import incidents, one


def who(text: str) -> str | None:
    inc = one(text)
    return inc.perpetrator.name_en if inc.perpetrator else None


def test_the_victims_group_is_not_the_attacker() -> None:
    assert who("قتل أربعة من عناصر كتائب حزب الله بضربة مسيرة في القائم أمس.") is None


def test_forces_carrying_out_a_strike_on_a_group_leader_are_the_perpetrator() -> None:
    assert who("نفذت القوات الأميركية ضربة ضد قيادي في كتائب حزب الله في بغداد أمس.") == "United States"


@pytest.mark.parametrize("text", [
    "تعرضت قاعدة تستضيف قوات أمريكية في أربيل لهجوم بطائرة مسيرة أمس.",
    "استهدف هجوم بطائرة مسيرة قاعدة تضم قوات أمريكية في أربيل أمس.",
])
def test_forces_a_base_hosts_did_nothing(text: str) -> None:
    assert who(text) is None


@pytest.mark.parametrize("text", [
    "أفاد مصدر أمني باستهداف قاعدة أمريكية في أربيل بطائرة مسيرة أمس.",
    "وأعلنت الشرطة استهداف رتل أمريكي على طريق في الأنبار أمس.",
])
def test_the_nationality_of_what_was_hit_is_not_the_attackers(text: str) -> None:
    assert who(text) is None


def test_no_party_claiming_it_leaves_the_perpetrator_unknown() -> None:
    assert who("تعرضت قاعدة تستضيف قوات أمريكية في أربيل لهجوم بطائرة مسيرة أمس ولم تتبن أي جهة الهجوم.") is None


@pytest.mark.parametrize("text", [
    "اتهمت واشنطن كتائب حزب الله بتنفيذ الهجوم الصاروخي على قاعدة عين الأسد أمس.",
    "حملت الحكومة العراقية كتائب حزب الله مسؤولية القصف الصاروخي على مطار بغداد أمس.",
    "سقطت صواريخ على مطار أربيل أمس، في هجوم نسب إلى كتائب حزب الله.",
])
def test_an_attribution_the_text_makes_names_the_perpetrator(text: str) -> None:
    inc = one(text)
    assert inc.perpetrator is not None and inc.perpetrator.name_en == "Kataib Hezbollah"
    assert not inc.claimed


def test_a_state_held_responsible_is_blamed_not_the_perpetrator() -> None:
    assert who("حملت واشنطن إيران مسؤولية الهجوم الصاروخي على مطار بغداد أمس.") is None


def test_an_accused_state_charged_with_the_deed_is_the_perpetrator() -> None:
    assert who("اتهمت الحكومة العراقية تركيا بتنفيذ القصف على قرى في قضاء زاخو أمس.") == "Turkey"


@pytest.mark.parametrize(("text", "perpetrator"), [
    ("قصفت كتائب حزب الله قاعدة عين الأسد بالصواريخ أمس.", "Kataib Hezbollah"),
    ("شنت الطائرات التركية غارات على قرى في قضاء زاخو أمس.", "Turkey"),
    ("أطلق الحوثيون صاروخا على سفينة في البحر الأحمر أمس.", "Houthis"),
])
def test_the_subject_of_an_active_attack_verb_did_it(text: str, perpetrator: str) -> None:
    assert who(text) == perpetrator


@pytest.mark.parametrize("text", [
    "قصفت كتائب حزب الله قاعدة عين الأسد بالصواريخ أمس.",
    "تعرضت قاعدة عين الأسد لهجوم بطائرة مسيرة أمس.",
])
def test_what_was_hit_is_the_verbs_object_or_what_came_under_attack(text: str) -> None:
    assert one(text).target_en == "a base"


def test_a_coalition_telling_of_an_attack_on_a_base_claims_nothing() -> None:
    inc = one("أعلن المتحدث باسم التحالف الدولي استهداف قاعدة عين الأسد بثلاثة صواريخ مساء الأحد.")
    assert inc.perpetrator is None and not inc.claimed


@pytest.mark.parametrize("text", [
    "وأكدت وسائل إعلام محلية وقوع قصف أميركي استهدف معسكرا في صنعاء أمس.",  # the noun قصف with its nationality
    "وهزت انفجارات عنيفة صنعاء مساء أمس جراء غارات جوية لمقاتلات أميركية.",  # the strike's adjective, then its doers
    "وسمع دوي انفجارات في صنعاء أمس جراء غارات أميركية.",
])
def test_the_nationality_of_the_strike_or_of_its_aircraft_is_the_attackers(text: str) -> None:
    assert who(text) == "United States"


def test_blasts_heard_because_of_strikes_are_the_strikes() -> None:
    inc = one("وهزت انفجارات عنيفة، مساء أمس، العاصمة صنعاء، جراء غارات جوية لمقاتلات أميركية.")
    assert inc.type == "airstrike" and inc.perpetrator is not None


def test_an_army_reporting_its_own_aircrafts_strike_carried_it_out() -> None:
    assert who("وأعلن الجيش الأميركي أن طائراته قصفت أهدافا في صنعاء أمس.") == "US military"


def test_a_claim_list_goes_on_naming_its_doer_in_sentences_without_a_subject() -> None:
    found = incidents("وقال حزب الله إنه قصف تجمعا للجنود في موقع المالكية. كما قصف ثكنة زرعيت بالصواريخ. "
                      "واستهدف مبنى في مستوطنة المطلة.")
    assert [(i.place.name_ar if i.place else None, i.perpetrator and i.perpetrator.name_en) for i in found] == [
        ("المالكية", "Hezbollah"), ("زرعيت", "Hezbollah"), ("المطلة", "Hezbollah")]


@pytest.mark.parametrize("second", [
    "وقصف الجيش الإسرائيلي بلدة الخيام.",  # a subject of its own
    "وسقطت قذائف على بلدة الخيام.",  # no attack verb first
])
def test_a_sentence_with_its_own_subject_or_no_verb_first_does_not_inherit_the_doer(second: str) -> None:
    found = incidents(f"وقال حزب الله إنه قصف تجمعا للجنود في موقع المالكية. {second}")
    khiam = next(i for i in found if i.place and i.place.name_ar == "الخيام")
    assert khiam.perpetrator is None or khiam.perpetrator.name_en != "Hezbollah"


def test_a_new_paragraph_does_not_inherit_the_doer() -> None:
    found = incidents("عنوان", "وقال حزب الله إنه قصف تجمعا للجنود في موقع المالكية.",
                      "واستهدف مبنى في مستوطنة المطلة.", title="عنوان")
    metula = next(i for i in found if i.place and i.place.name_ar == "المطلة")
    assert metula.perpetrator is None
