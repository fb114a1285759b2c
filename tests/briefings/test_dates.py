"""The dates stage: each expression resolved against a given publication day."""

from __future__ import annotations

from datetime import date

import pytest

from briefings.dates import DateMatch, find_dates

WED = date(2024, 1, 10)  # a Wednesday
NEW_YEAR = date(2024, 1, 1)  # a Monday


def _read(text: str, published: date | None) -> list[tuple[str, str, str, bool]]:
    return [(text[d.start : d.end], d.value, d.precision, d.relative) for d in find_dates(text, published)]


def _only(text: str, published: date | None) -> DateMatch:
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "value", "precision"),
    [
        ("وقع الانفجار في 15 يوليو 2021 قرب المطار", "15 يوليو 2021", "2021-07-15", "day"),
        ("اندلعت الاشتباكات في3 مارس 2022 شمال المدينة", "3 مارس 2022", "2022-03-03", "day"),
        ("قصفت المسيرات الموقع في ١٢ أغسطس ٢٠٢٣", "١٢ أغسطس ٢٠٢٣", "2023-08-12", "day"),
        ("أعلن الاتفاق في 7 يوليو/تموز 2023", "7 يوليو/تموز 2023", "2023-07-07", "day"),
        ("جرت الانتخابات في 6 تشرين الثاني/نوفمبر 2022", "6 تشرين الثاني/نوفمبر 2022", "2022-11-06", "day"),
        ("صدر القرار في الأول من شباط 2020", "الأول من شباط 2020", "2020-02-01", "day"),
        ("وصل الوفد يوم 2023/11/05 إلى المطار", "2023/11/05", "2023-11-05", "day"),
        ("وصل الوفد يوم 5/11/2023 إلى المطار", "5/11/2023", "2023-11-05", "day"),
        ("تأسس الفصيل عام 2014 في الموصل", "عام 2014", "2014", "year"),
        ("انسحبت القوات في العام 2011", "العام 2011", "2011", "year"),
        ("تصاعدت الهجمات منذ 2019", "منذ 2019", "2019", "year"),
        ("اغتيل القائد في يناير 2020 قرب المطار", "يناير 2020", "2020-01", "month"),
        ("تصاعد التوتر منذ أكتوبر/تشرين الأول 2023", "أكتوبر/تشرين الأول 2023", "2023-10", "month"),
        ("أعلنت الهدنة في حزيران (يونيو) 2021", "حزيران (يونيو) 2021", "2021-06", "month"),
        ("تعود الخطة إلى كانون الثاني 2019", "كانون الثاني 2019", "2019-01", "month"),
        ("بدأت العملية بيناير 2023", "بيناير 2023", "2023-01", "month"),
        ("انتهت المهمة في آب 2021", "آب 2021", "2021-08", "month"),
    ],
)
def test_explicit_dates_need_no_publication_day(text: str, surface: str, value: str, precision: str) -> None:
    for published in (WED, None):
        assert _read(text, published) == [(surface, value, precision, False)]


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("ضربت الطائرات المواقع في ديسمبر الماضي", WED, "2023-12"),
        ("وفي ديسمبر قصفت المدفعية القرية", WED, "2023-12"),
        ("أعلن ذلك في يناير", WED, "2024-01"),
        ("انسحبت القوات نهاية يونيو", date(2021, 7, 15), "2021-06"),
        ("انسحبت القوات نهاية يونيو", date(2021, 5, 15), "2020-06"),
        ("تصاعد القصف منذ منتصف آذار", WED, "2023-03"),
        ("عقدت الجولة مطلع شباط الماضي", date(2024, 2, 20), "2023-02"),
        ("سيعقد المؤتمر في مارس المقبل", WED, "2024-03"),
        ("قتل القيادي في كانون الأول الماضي", WED, "2023-12"),
        ("اعتقل في يناير من العام الماضي", WED, "2023-01"),
    ],
)
def test_a_month_without_a_year_is_the_latest_one_not_after_publication(text: str, published: date, value: str) -> None:
    d = _only(text, published)
    assert (d.value, d.precision, d.relative) == (value, "month", True)


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("وفي الخامس والعشرين من ديسمبر الماضي شنت الطائرات غارات", WED, "2023-12-25"),
        ("أعلن في الأول من يناير وقف العمليات", WED, "2024-01-01"),
        ("وقع الهجوم في العاشر من شباط", WED, "2023-02-10"),
        ("اغتيل في الحادي والثلاثين من ديسمبر", date(2024, 1, 2), "2023-12-31"),
        ("أطلق سراحه في الثاني عشر من أيار", WED, "2023-05-12"),
        ("قصف المطار في العشرين من نيسان", WED, "2023-04-20"),
        ("تبدأ المحادثات في 12 يناير", WED, "2024-01-12"),  # a few days ahead: this week
        ("جرت المحادثات في 25 يناير", WED, "2023-01-25"),
        ("قتل الضابط في 30 ديسمبر", date(2024, 1, 3), "2023-12-30"),
        ("يصل الوفد في 2 يناير", date(2023, 12, 28), "2024-01-02"),
        ("تنتهي المهلة في 20 يناير المقبل", WED, "2024-01-20"),
        ("قتل في الثاني من الشهر", WED, None),
    ],
)
def test_a_day_without_a_year(text: str, published: date, value: str | None) -> None:
    found = find_dates(text, published)
    if value is None:
        assert all(d.precision != "day" for d in found)
        return
    assert [(d.value, d.precision, d.relative) for d in found] == [(value, "day", True)]


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("سقطت الصواريخ يوم الأربعاء على القاعدة", WED, "2024-01-10"),  # publication weekday: that day
        ("قصفت الطائرات الموقع الثلاثاء", WED, "2024-01-09"),
        ("وقع الانفجار الخميس في السوق", WED, "2024-01-04"),
        ("وقع الانفجار الأربعاء الماضي", WED, "2024-01-03"),
        ("تعقد الجلسة الخميس المقبل", WED, "2024-01-11"),
        ("تعقد الجلسة الأربعاء المقبل", WED, "2024-01-17"),
        ("هاجم مسلحون نقطة تفتيش مساء السبت", WED, "2024-01-06"),
        ("قال المتحدث اليوم الأربعاء إن القوات انسحبت", WED, "2024-01-10"),
        ("اجتمع المجلس أمس الثلاثاء", WED, "2024-01-09"),
        ("أعلنت الوزارة يوم الإثنين عن خطة", WED, "2024-01-08"),
        ("أعلنت الوزارة يوم الاثنين عن خطة", WED, "2024-01-08"),
        ("سقطت قذيفة فجر الجمعة", WED, "2024-01-05"),
        ("سقطت قذيفة الأحد", NEW_YEAR, "2023-12-31"),  # across the year boundary
        ("سقطت قذيفة الاثنين الماضي", NEW_YEAR, "2023-12-25"),
    ],
)
def test_weekdays_resolve_against_publication(text: str, published: date, value: str) -> None:
    d = _only(text, published)
    assert (d.value, d.precision, d.relative) == (value, "day", True)


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("قصفت المدفعية البلدة أمس", NEW_YEAR, "2023-12-31"),
        ("وقع الهجوم البارحة", WED, "2024-01-09"),
        ("وقع الهجوم أول أمس", WED, "2024-01-08"),
        ("وقع الهجوم أول من أمس", WED, "2024-01-08"),
        ("دوت انفجارات الليلة الماضية", WED, "2024-01-09"),
        ("وصل الوزير صباح اليوم إلى بغداد", WED, "2024-01-10"),
        ("استهدفت مسيرة الرتل فجر أمس", WED, "2024-01-09"),
        ("يعقد البرلمان جلسته اليوم", WED, "2024-01-10"),
        ("قال إنه سيزور بغداد غدا", WED, "2024-01-11"),
    ],
)
def test_relative_days(text: str, published: date, value: str) -> None:
    d = _only(text, published)
    assert (d.value, d.precision, d.relative) == (value, "day", True)


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("تعرضت القاعدة لهجمات الأسبوع الماضي", "2024-01-01", "week"),
        ("ستبدأ المفاوضات الأسبوع المقبل", "2024-01-15", "week"),
        ("تكررت الهجمات هذا الأسبوع", "2024-01-08", "week"),
        ("قتل القيادي الشهر الماضي", "2023-12", "month"),
        ("تصاعدت الهجمات خلال الشهر الجاري", "2024-01", "month"),
        ("وقع الهجوم مطلع الشهر الحالي", "2024-01", "month"),
        ("انسحبت القوات العام الماضي", "2023", "year"),
        ("تجري الانتخابات العام الجاري", "2024", "year"),
        ("تبدأ المرحلة الثانية السنة المقبلة", "2025", "year"),
        ("تكررت الهجمات منذ بداية هذا العام", "2024", "year"),
    ],
)
def test_weeks_months_and_years_relative_to_publication(text: str, value: str, precision: str) -> None:
    d = _only(text, WED)
    assert (d.value, d.precision, d.relative) == (value, precision, True)


@pytest.mark.parametrize(
    "text",
    ["قصفت المدفعية البلدة أمس", "وقع الهجوم يوم الأحد", "قتل في ديسمبر الماضي", "تعرضت القاعدة لهجمات الأسبوع الماضي"],
)
def test_without_a_publication_day_relative_dates_yield_nothing(text: str) -> None:
    assert find_dates(text, None) == ()


@pytest.mark.parametrize(
    "text",
    [
        "انفجرت العبوة عند الساعة الثانية ظهرا",
        "استهدفت القاعدة للمرة الثانية",
        "اعتقل في العاشر من رمضان",
        "ولد عام 1400 هـ",
        "مارس الفصيل ضغوطا على الحكومة",
        "ومارس الضغط على النواب",
        "صرح الأمين العام الحالي للحزب",
        "انتقد المدعي العام القرار",
        "وفي اليوم التالي انسحبت القوات",
        "بعد صلاة الجمعة خرج المتظاهرون",
        "زار الأب الكنيسة",
        "أغلق باب المعبر",
        "أصيب 12 شخصا في بغداد",
        "حضر الأحد عشر نائبا الجلسة",
    ],
)
def test_false_friends_are_not_dates(text: str) -> None:
    assert find_dates(text, WED) == ()


def test_a_hijri_date_beside_a_gregorian_one_is_left_alone() -> None:
    text = "وقع الهجوم في 15 رمضان 1445 هـ الموافق 25 مارس 2024"
    assert _read(text, WED) == [("25 مارس 2024", "2024-03-25", "day", False)]


def test_a_weekday_written_with_its_date_is_one_date() -> None:
    text = "وقع الهجوم الخميس 4 يناير 2024 في الفجر"
    assert _read(text, WED) == [("الخميس 4 يناير 2024", "2024-01-04", "day", False)]


def test_a_date_never_gets_an_invented_day() -> None:
    for d in find_dates("وقعت هجمات منذ منتصف أكتوبر وفي أواخر نوفمبر", WED):
        assert d.precision == "month" and len(d.value) == 7


def test_several_dates_in_one_sentence_come_in_order() -> None:
    text = "قال المتحدث أمس إن الهجوم الذي وقع في 3 يناير هو الأعنف منذ عام 2020"
    assert [d.value for d in find_dates(text, WED)] == ["2024-01-09", "2024-01-03", "2020"]


def test_a_paired_month_span_stops_at_the_month() -> None:
    text = "وقع الهجوم في 7 يوليو/تموز وسط المدينة"
    assert _read(text, WED) == [("7 يوليو/تموز", "2023-07-07", "day", True)]


def test_spans_point_into_text_with_diacritics_and_tatweel() -> None:
    text = "فِي ٢١ يَنَايِر ٢٠٢٤ وقع الهجوم يـــوم الأحد"
    found = find_dates(text, date(2024, 1, 22))
    assert [text[d.start : d.end] for d in found] == ["٢١ يَنَايِر ٢٠٢٤", "يـــوم الأحد"]
    assert [d.value for d in found] == ["2024-01-21", "2024-01-21"]
