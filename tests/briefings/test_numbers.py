"""The numbers stage: what a reader would count in a sentence, and how the text hedges it."""

from __future__ import annotations

import pytest

from briefings.numbers import NumberMatch, dual_count, find_numbers, parse_number


def _read(text: str, *, duals: bool = False) -> list[tuple[str, int]]:
    return [(text[n.start : n.end], n.value) for n in find_numbers(text, duals=duals)]


def _only(text: str) -> NumberMatch:
    found = find_numbers(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أطلق مسلحون 3 صواريخ على المعسكر", [("3", 3)]),
        ("سقط ١٢ قتيلا في الانفجار", [("١٢", 12)]),
        ("انتشر ۴۵ عسكريا على الحدود", [("۴۵", 45)]),
        ("نقلت الشاحنات 2,500 طن من الذخيرة", [("2,500", 2500)]),
        ("يضم اللواء ٢٬٥٠٠ عنصر", [("٢٬٥٠٠", 2500)]),
        ("استهدف القصف المدينة بـ4 قذائف", [("4", 4)]),
        ("قال إن المعركة بدأت في21 آذار", [("21", 21)]),
        ("أسفر الهجوم عن مقتل خمسة وعشرون شخصا", [("خمسة وعشرون", 25)]),
        ("أصيب خمسة وعشرين مدنيا بجروح", [("خمسة وعشرين", 25)]),
        ("قتل واحد وثلاثون مقاتلا", [("واحد وثلاثون", 31)]),
        ("أعيدت إحدى عشرة طائرة إلى القاعدة", [("إحدى عشرة", 11)]),
        ("اعتقل اثنا عشر مشتبها به", [("اثنا عشر", 12)]),
        ("سلم اثني عشر سلاحا", [("اثني عشر", 12)]),
        ("أفرج عن ثلاثة عشر محتجزا", [("ثلاثة عشر", 13)]),
        ("شن المسلحون خمسين هجومًا خلال الشهر", [("خمسين", 50)]),
        ("تضم القوة سبعين عنصرا", [("سبعين", 70)]),
        ("بلغ عدد المعتقلين مئة وخمسون", [("مئة وخمسون", 150)]),
        ("انضم مائتي مقاتل إلى الفصيل", [("مائتي", 200)]),
        ("وصل ثلاثمائة جندي", [("ثلاثمائة", 300)]),
        ("وصل ثلاث مئة جندي", [("ثلاث مئة", 300)]),
        ("فرّ ألف شخص من القرية", [("ألف", 1000)]),
        ("يعيش ألفين وخمسمئة نازح في المخيم", [("ألفين وخمسمئة", 2500)]),
        ("نزح ثلاثة آلاف شخص", [("ثلاثة آلاف", 3000)]),
        ("حشد الفصيل عشرين ألفًا من أنصاره", [("عشرين ألفًا", 20000)]),
        ("رصدت الحكومة 2.5 مليون دولار", [("2.5 مليون", 2_500_000)]),
        ("خصصت خمسة ملايين دينار", [("خمسة ملايين", 5_000_000)]),
        ("يقدر عدد النازحين بنصف مليون", [("نصف مليون", 500_000)]),
        ("كلفت الأضرار مليون ومئتي ألف دولار", [("مليون ومئتي ألف", 1_200_000)]),
        ("قتل الخمسة والعشرون جميعا", [("خمسة والعشرون", 25)]),
    ],
)
def test_reads_digits_and_number_words(text: str, expected: list[tuple[str, int]]) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("تراوح عدد القتلى بين ثلاثة وخمسة", [("ثلاثة", 3), ("خمسة", 5)]),
        ("قتل ٣ جنود وأصيب خمسة آخرون", [("٣", 3), ("خمسة", 5)]),
        ("أصيب 7 أشخاص في 2023", [("7", 7), ("2023", 2023)]),
    ],
)
def test_keeps_separate_numbers_apart(text: str, expected: list[tuple[str, int]]) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "عقد الاجتماع يوم الاثنين",  # Monday, not two
        "وصل الوفد الأحد",  # Sunday, not one
        "لست متأكدا من ذلك",  # "I am not", not six
        "في الخامس والعشرين من الشهر",  # an ordinal, not twenty
        "ارتفعت الأسعار 3.5 بالمئة",  # a decimal and "per cent"
        "حلقت طائرة F16 فوق المدينة",  # a model name
        "عند الساعة الثانية ظهرا",  # an hour
        "بيع النفط للبرميل الواحد",  # "per barrel"
        "أكد الأمين العام للأمم المتحدة",
    ],
)
def test_leaves_false_friends_alone(text: str) -> None:
    assert find_numbers(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "ينتشر حوالي 900 عسكري",
        "قتل قرابة عشرين",
        "شارك زهاء ألف متظاهر",
        "أصيب ما يقارب 40 شخصا",
        "تقدر الخسائر بنحو 70",
        "قتل 12 شخصا تقريبًا",
    ],
)
def test_approximate_counts(text: str) -> None:
    n = _only(text)
    assert n.approx and not n.at_least and not n.vague


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("قتل أكثر من عشرة عناصر", 10),
        ("أصيب ما لا يقل عن 15 شخصا", 15),
        ("اعتقل أزيد من 200 مشتبه", 200),
        ("قتل 10 أشخاص على الأقل", 10),
        ("أطلقت ما يزيد على ثلاثين قذيفة", 30),
    ],
)
def test_lower_bounds(text: str, value: int) -> None:
    n = _only(text)
    assert (n.value, n.at_least, n.approx) == (value, True, False)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("أصيب عشرات المدنيين", 10),
        ("شارك مئات المقاتلين", 100),
        ("خرج آلاف المتظاهرين", 1000),
        ("نزح عشرات الآلاف", 10_000),
        ("سقطت عدة صواريخ", 3),
        ("بعد بضعة أيام", 3),
        ("وقعت العديد من الهجمات", 3),
    ],
)
def test_vague_counts_give_their_lower_bound(text: str, value: int) -> None:
    n = _only(text)
    assert (n.value, n.vague) == (value, True)


def test_exact_counts_are_not_hedged() -> None:
    n = _only("قتل 3 جنود")
    assert (n.approx, n.at_least, n.vague) == (False, False, False)


def test_spans_cover_diacritics_and_tatweel() -> None:
    text = "قُتِلَ خَمْسَةٌ وعِشْرُونَ شخصا"
    n = _only(text)
    assert (text[n.start : n.end], n.value) == ("خَمْسَةٌ وعِشْرُونَ", 25)
    text = "أطلقت ثلاثـــة صواريخ"
    assert _read(text) == [("ثلاثـــة", 3)]


@pytest.mark.parametrize(
    ("text", "value"),
    [("خمسة وعشرين", 25), ("٤٠", 40), ("ألف", 1000), ("وثلاثة", 3), (" 2,500 ", 2500), ("مئتان", 200)],
)
def test_parse_number_reads_a_whole_string(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["ثلاثة جنود", "نحو 3", "كتاب", "", "3 و 4"])
def test_parse_number_refuses_anything_else(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    "word", ["صاروخان", "صاروخين", "بالقذيفتين", "طائرتين", "جنديين", "مقاتلان", "وجريحان", "مُسَيَّرَتَيْن"]
)
def test_dual_nouns_mean_two(word: str) -> None:
    assert dual_count(word) == 2


@pytest.mark.parametrize("word", ["صواريخ", "صاروخ", "مقاتلين", "مدنيين", "للصحفيين", "قتيلا", "ثلاثة", "بيان"])
def test_plurals_and_singulars_are_not_duals(word: str) -> None:
    assert dual_count(word) is None


def test_duals_are_counted_only_when_asked() -> None:
    text = "أصيب جنديان في القصف"
    assert find_numbers(text) == ()
    assert _read(text, duals=True) == [("جنديان", 2)]


def test_a_dual_repeated_by_a_number_counts_once() -> None:
    assert _read("سقط صاروخان اثنان على المطار", duals=True) == [("اثنان", 2)]
