"""Furniture removal: one test per rule, with furniture from many sites, and what must stay."""

from __future__ import annotations

import pytest

from briefings.clean import clean_paragraphs, is_furniture, is_sentence, tidy

STORY = "أعلنت خلية الإعلام الأمني سقوط صاروخين قرب مطار بغداد الدولي دون وقوع إصابات."
STORY_2 = "وقال مصدر أمني إن الصاروخين أطلقا من منطقة زراعية جنوبي العاصمة وإن التحقيق جار."
STORY_3 = "وفتحت القوات الأمنية طوقا حول موقع الإطلاق وعثرت على منصة محلية الصنع."
TITLE = "سقوط صاروخين قرب مطار بغداد"


def clean(*lines: str, title: str = TITLE) -> tuple[str, ...]:
    return clean_paragraphs(list(lines), title=title)


def test_story_paragraphs_pass_through_unchanged() -> None:
    assert clean(STORY, STORY_2, STORY_3) == (STORY, STORY_2, STORY_3)


@pytest.mark.parametrize(
    "furniture",
    [
        "Skip to main content",
        "اترك رد",
        "اترك تعليقاً",
        "التعليقات مغلقة.",
        "اقرأ المزيد",
        "اقرأ أيضا",
        "شارك القصة",
        "شارك",
        "%d مدونون معجبون بهذه:",
        "المصادر:",
        "للمزيد",
        "إعلان",
        "Advertisement",
        "نسخ الرابط",
        "مشاركة عبر واتساب",
        "فيسبوك تويتر واتساب تلغرام",
        "أعجبني تحميل...",
    ],
)
def test_share_comment_and_menu_labels_go(furniture: str) -> None:
    assert clean(STORY, furniture, STORY_2) == (STORY, STORY_2)


@pytest.mark.parametrize(
    "notice",
    [
        "اقرأ أيضاً: الحكومة تقر موازنة العام المقبل",
        "إقرأ ايضا: البرلمان يستضيف وزير الداخلية",
        "تابعونا على تلغرام",
        "تابعونا على فيسبوك وتويتر وإنستغرام",
        "حقوق النشر محفوظة",
        "جميع الحقوق محفوظة © 2024",
        "© 2024 شبكة الأخبار العراقية",
        "آخر تحديث: 12 آذار 2024 - 10:45 ص",
        "بقلم: علي الجبوري",
    ],
)
def test_link_and_notice_lines_go(notice: str) -> None:
    assert clean(STORY, notice, STORY_2) == (STORY, STORY_2)


def test_a_long_paragraph_opening_with_a_notice_word_stays() -> None:
    long_line = "تابعوا " + STORY_2 + " " + STORY_3
    assert clean(STORY, long_line) == (STORY, long_line)


def test_menu_rows_go() -> None:
    assert clean(STORY, "الرئيسية | سياسة | اقتصاد | رياضة | آراء", STORY_2) == (STORY, STORY_2)


@pytest.mark.parametrize("counter", ["1.2K مشاهدة", "٣٤٥ قراءة", "مشاهدات: 345", "25 تعليقات", "120 likes"])
def test_like_and_view_counters_go(counter: str) -> None:
    assert clean(STORY, counter, STORY_2) == (STORY, STORY_2)


@pytest.mark.parametrize(
    "when",
    [
        "الخميس 15 يوليو 2021",
        "الأحد، 3 كانون الأول 2023",
        "10:30 م",
        "2024/01/21",
        "21-01-2024 | 09:15",
        "الثلاثاء ١٢ رمضان ١٤٤٥ هـ",
    ],
)
def test_a_line_that_is_only_a_date_or_time_goes(when: str) -> None:
    assert clean(STORY, when, STORY_2) == (STORY, STORY_2)


def test_a_short_sentence_with_a_date_in_it_stays() -> None:
    short = "ووقع الهجوم في 7 تموز 2021."
    assert clean(STORY, short, STORY_2) == (STORY, short, STORY_2)


@pytest.mark.parametrize(
    "signature",
    ["— أحمد الشمري (@ahmad_news) March 3, 2024", "— مرصد الأخبار (@news_watch) 6 نوفمبر 2023"],
)
def test_social_media_embed_signatures_go(signature: str) -> None:
    assert clean(STORY, signature, STORY_2) == (STORY, STORY_2)


@pytest.mark.parametrize(
    "caption",
    [
        "(رويترز)",
        "عناصر من الحشد الشعبي خلال عرض عسكري في بغداد. (أ ف ب)",
        "قائد الفصيل المسلح.(الانترنت)",
        "موقع سقوط الصاروخ (أرشيفية)",
        "دورية أمنية على طريق المطار (تصوير: علي حسين)",
        "Iraqi security forces at a checkpoint (Reuters)",
    ],
)
def test_photo_credits_and_captions_go(caption: str) -> None:
    assert clean(STORY, caption, STORY_2) == (STORY, STORY_2)


def test_a_sentence_naming_an_agency_in_brackets_mid_line_stays() -> None:
    line = "وذكرت وكالة الأنباء الرسمية (واع) أن الهجوم لم يسفر عن خسائر، وفق بيان مقتضب."
    assert clean(STORY, line) == (STORY, line)


def test_a_caption_printed_twice_in_a_row_goes_entirely() -> None:
    caption = "قائد عمليات بغداد الفريق الركن أحمد سليم"
    assert clean(STORY, caption, caption, STORY_2) == (STORY, STORY_2)


@pytest.mark.parametrize("dateline", ["القاهرة: «خليجيون»", "بغداد (رويترز) -", "أربيل - (رووداو)"])
def test_a_dateline_alone_goes(dateline: str) -> None:
    assert clean(STORY, dateline, STORY_2) == (STORY, STORY_2)


def test_a_byline_under_the_headline_goes() -> None:
    assert clean("حسين العامري", STORY, STORY_2) == (STORY, STORY_2)


def test_a_byline_at_the_end_goes() -> None:
    assert clean(STORY, STORY_2, "زينب الموسوي") == (STORY, STORY_2)


def test_captions_between_headline_and_lead_go() -> None:
    lines = ("رئيس الوزراء خلال استقباله السفير الأمريكي في بغداد", STORY, STORY_2)
    assert clean(*lines) == (STORY, STORY_2)


def test_an_unpunctuated_statement_above_the_lead_stays() -> None:
    statement = "مصدر أمني: الصاروخان سقطا قرب مبنى السفارة"
    assert clean(statement, STORY, STORY_2) == (statement, STORY, STORY_2)


def test_a_line_repeating_the_headline_goes() -> None:
    assert clean(TITLE, STORY, STORY_2) == (STORY, STORY_2)
    assert clean("سقوط صاروخين قرب مطار بغداد.", STORY) == (STORY,)


def test_related_headlines_after_a_read_more_header_go() -> None:
    lines = (
        STORY,
        STORY_2,
        "اقرأ المزيد",
        "البرلمان يستضيف وزير الداخلية لمناقشة الملف الأمني",
        "الحكومة تعلن عطلة رسمية يوم الخميس",
        "أهم الأخبار",
    )
    assert clean(*lines) == (STORY, STORY_2)


def test_the_paragraph_after_a_related_list_stays() -> None:
    lines = (STORY, "أخبار ذات صلة", "الحكومة تعلن عطلة رسمية يوم الخميس", STORY_2, STORY_3)
    assert clean(*lines) == (STORY, STORY_2, STORY_3)


def test_sources_section_goes() -> None:
    assert clean(STORY, STORY_2, "المصادر:", "وكالات، واع") == (STORY, STORY_2)


def test_furniture_glued_before_story_text_is_cut_and_the_story_kept() -> None:
    assert clean("شارك القصة" + STORY, STORY_2) == (STORY, STORY_2)
    assert clean("أهم الأخبار" + STORY, STORY_2) == (STORY, STORY_2)


def test_furniture_glued_after_story_text_is_cut() -> None:
    assert clean(STORY + "شارك القصة", STORY_2) == (STORY, STORY_2)
    assert clean(STORY, STORY_2 + "اترك رد") == (STORY, STORY_2)


def test_furniture_glued_to_furniture_all_goes() -> None:
    assert clean(STORY, STORY_2, "%d مدونون معجبون بهذه:Skip to main content") == (STORY, STORY_2)


def test_a_story_word_that_starts_like_furniture_is_not_cut() -> None:
    line = "شاركت قوات من الجيش والشرطة في تأمين الطريق الدولي."
    assert clean(STORY, line) == (STORY, line)


def test_a_verbatim_repeat_anywhere_keeps_the_first() -> None:
    assert clean(STORY, STORY_2, STORY_3, STORY) == (STORY, STORY_2, STORY_3)


def test_a_near_repeat_with_a_small_edit_keeps_the_first() -> None:
    first = "وقد أعلنت فصائل مسلحة مسؤوليتها عن استهداف قاعدة عين الأسد بطائرتين مسيرتين فجر اليوم."
    again = "وأعلنت فصائل مسلحة مسؤوليتها عن استهداف قاعدة عين الأسد بطائرتين مسيرتين فجر اليوم."
    assert clean(first, STORY, again) == (first, STORY)


def test_distinct_paragraphs_on_one_event_both_stay() -> None:
    a = "استهدفت طائرة مسيرة قاعدة عين الأسد في محافظة الأنبار غربي العراق فجر الأربعاء."
    b = "استهدفت طائرة مسيرة قاعدة حرير في محافظة أربيل شمالي العراق مساء الأربعاء."
    assert clean(a, b) == (a, b)


def test_short_lines_count_as_repeats_only_when_identical() -> None:
    # a one-word change in a short subheading moves the fuzzy ratio past the threshold
    a, b = "إيران تدعم الدعوات العراقية", "إيران تدين الدعوات العراقية"
    assert clean(STORY, a, STORY_2, b, STORY_3) == (STORY, a, STORY_2, b, STORY_3)


def test_subheadings_short_sentences_and_quotes_stay() -> None:
    lines = (
        STORY,
        "الفصائل تتبنى الهجوم",
        STORY_2,
        "ولم تقع إصابات.",
        "وقال المتحدث: «لن نسمح بتكرار ذلك»",
        STORY_3,
    )
    assert clean(*lines) == lines


def test_whitespace_is_normalised_but_letters_keep_their_spelling() -> None:
    spelled = "أعلنت  الوزارةُ\u00a0مقتل   ثلاثة مسلّحين في إشتباك\u200f مع قوّات الأمن."
    assert clean(STORY, f"  {spelled}\t") == (
        STORY,
        "أعلنت الوزارةُ مقتل ثلاثة مسلّحين في إشتباك مع قوّات الأمن.",
    )


def test_a_line_holding_line_breaks_is_split() -> None:
    assert clean(f"{STORY}\n\nشارك\n{STORY_2}") == (STORY, STORY_2)


def test_input_is_not_mutated() -> None:
    lines = [STORY, "شارك", STORY_2]
    clean_paragraphs(lines, title=TITLE)
    assert lines == [STORY, "شارك", STORY_2]


def test_nothing_but_furniture_leaves_nothing() -> None:
    assert clean("شارك", "اترك رد", "التعليقات مغلقة.", "1.2K مشاهدة") == ()


def test_tidy_and_is_furniture_serve_a_headline_picker() -> None:
    assert tidy("أهم الأخبار" + TITLE) == TITLE
    assert is_furniture(tidy("Skip to main content"))
    assert not is_furniture(TITLE)


def test_is_sentence_tells_running_text_from_headline_like_lines() -> None:
    assert is_sentence(STORY)
    assert is_sentence("وقال: «لن نسمح بتكرار ذلك»")
    assert not is_sentence("العراق يكشف خطوة جديدة لإنهاء وجود «التحالف الدولي»")
