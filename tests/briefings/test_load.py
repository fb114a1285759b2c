"""Loading articles from bytes, text and HTML pages, and refusing what cannot be briefed."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from briefings.errors import BinaryInput, EmptyInput, InputError, NotArabic, TooLarge
from briefings.load import MAX_INPUT_BYTES, _arabic_share, decode, load, load_html, load_text
from briefings.model import Article

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = Path(__file__).parents[2] / "seeds"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
    b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)
HEADLINE = "مقتل جنديين بانفجار عبوة ناسفة شمالي بغداد"
BODY = (
    "قتل جنديان وأصيب ثالث بانفجار عبوة ناسفة استهدفت دوريتهم في قضاء الطارمية شمالي بغداد.\n"
    "وقالت خلية الإعلام الأمني في بيان إن قوة أمنية طوقت المكان وباشرت البحث عن المنفذين.\n"
)
ARTICLE = f"{HEADLINE}\n\n{BODY}"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


# decode -------------------------------------------------------------------------------------


def test_decode_reads_utf8() -> None:
    assert decode(ARTICLE.encode("utf-8"), name="a.txt") == ARTICLE


def test_decode_drops_a_utf8_bom() -> None:
    assert decode(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), name="a.txt") == ARTICLE


def test_decode_reads_utf16_with_a_bom() -> None:
    assert decode(ARTICLE.encode("utf-16"), name="a.txt") == ARTICLE


def test_decode_falls_back_to_windows_arabic() -> None:
    assert decode(ARTICLE.encode("cp1256"), name="a.txt") == ARTICLE


def test_decode_keeps_utf8_cut_mid_character() -> None:
    raw = ARTICLE.encode("utf-8")[:-2] + "قاف".encode()[:1]  # last character cut in half
    assert decode(raw, name="a.txt").startswith(HEADLINE)


def test_empty_file_is_empty_input() -> None:
    with pytest.raises(EmptyInput, match="a.txt"):
        decode(b"", name="a.txt")


def test_whitespace_only_is_empty_input() -> None:
    with pytest.raises(EmptyInput):
        decode(b"  \n\t\r\n  ", name="a.txt")
    with pytest.raises(EmptyInput):
        load("\ufeff \u00a0\n".encode(), key="a.txt", published=None)


def test_png_is_binary_input() -> None:
    with pytest.raises(BinaryInput, match="photo.png"):
        decode(PNG, name="photo.png")


def test_control_bytes_without_nul_are_binary_input() -> None:
    with pytest.raises(BinaryInput):
        decode(bytes(range(1, 32)) * 100, name="blob")


def test_twenty_megabytes_are_refused_at_once() -> None:
    raw = b"\xd8\xa7" * 10_000_000
    started = time.perf_counter()
    with pytest.raises(TooLarge, match="20,000,000 bytes"):
        load(raw, key="huge.txt", published=None)
    assert time.perf_counter() - started < 0.05  # refused by its length, never decoded


def test_text_over_the_cap_is_refused() -> None:
    with pytest.raises(TooLarge):
        load_text("ا" * (MAX_INPUT_BYTES + 1), key="huge.txt", published=None)


def test_every_refusal_is_one_line_naming_the_input() -> None:
    for raw in (b"", PNG, b"x" * (MAX_INPUT_BYTES + 1), b"Only English here.\nNothing else."):
        with pytest.raises(InputError) as caught:
            load(raw, key="in.bin", published=None)
        assert "in.bin" in str(caught.value) and "\n" not in str(caught.value)


# plain text -----------------------------------------------------------------------------------


def test_load_text_takes_the_first_non_empty_line_as_headline() -> None:
    article = load_text(f"\n\n  {ARTICLE}", key="a.txt", published=date(2024, 5, 2))
    assert article == Article(
        key="a.txt",
        title=HEADLINE,
        paragraphs=tuple(BODY.splitlines()),
        published=date(2024, 5, 2),
    )


def test_load_text_skips_furniture_above_the_headline() -> None:
    article = load_text(f"Skip to main content\n\nشارك\n{ARTICLE}", key="a.txt", published=None)
    assert article.title == HEADLINE


def test_load_text_cuts_furniture_glued_to_the_headline() -> None:
    article = load_text(f"أهم الأخبار{ARTICLE}", key="a.txt", published=None)
    assert article.title == HEADLINE


def test_english_only_text_is_not_arabic() -> None:
    text = "US forces struck a depot in Iraq.\nThe Pentagon said the strike was defensive.\n"
    with pytest.raises(NotArabic, match="en.txt"):
        load(text.encode(), key="en.txt", published=None)


def test_an_english_page_with_one_arabic_word_is_not_arabic() -> None:
    text = (
        "Rockets hit Baghdad airport\n"
        "Two rockets landed near Baghdad International Airport on Tuesday, officials said.\n"
        "The group calling itself Ashab al-Kahf (أصحاب) claimed the attack in a statement.\n"
    )
    with pytest.raises(NotArabic):
        load_text(text, key="en.txt", published=None)


def test_arabic_with_english_names_is_arabic() -> None:
    text = f"{ARTICLE}وقال المتحدث باسم البنتاغون Pat Ryder إن قوات التحالف CJTF-OIR لم تتعرض لأضرار.\n"
    assert load_text(text, key="a.txt", published=None).paragraphs[-1].startswith("وقال المتحدث")


def test_cp1256_arabic_loads() -> None:
    article = load(ARTICLE.encode("cp1256"), key="old.txt", published=None)
    assert article.title == HEADLINE and len(article.paragraphs) == 2


def test_nothing_but_furniture_is_empty_input() -> None:
    with pytest.raises(EmptyInput, match="nothing but"):
        load("شارك\nاترك رد\nالتعليقات مغلقة.\n".encode(), key="f.txt", published=None)


# HTML -------------------------------------------------------------------------------------------


def test_news_page_gives_title_date_and_the_story_only() -> None:
    article = load_html(fixture("news_page.html"), key="p1", published=None, url="https://example.org/a/1")
    assert article.title == "مباحثات عراقية أميركية بشأن الانسحاب.. الكاظمي يلتقي ماكغورك"
    assert article.published == date(2021, 7, 15)  # from the page's metadata
    assert article.url == "https://example.org/a/1"
    assert article.paragraphs[0].startswith("التقى رئيس الوزراء العراقي مصطفى الكاظمي")
    assert "العلاقة الأميركية الإيرانية" in article.paragraphs  # a subheading stays
    assert article.paragraphs[-1].startswith("واستهدف الهجوم الأخير")
    assert len(article.paragraphs) == 9
    text = "\n".join(article.paragraphs)
    for furniture in ("الرئيسية", "عاجل", "بقلم", "شارك", "واتساب", "نسخ الرابط", "مشاهدة", "أبو حسن",
                      "نتمنى", "اترك رد", "اقرأ أيضاً", "الأكثر قراءة", "الذهب", "تابعونا", "حقوق", "أرشيفية"):
        assert furniture not in text, furniture


def test_the_callers_publication_day_wins_over_the_pages() -> None:
    article = load_html(fixture("news_page.html"), key="p1", published=date(2021, 7, 16))
    assert article.published == date(2021, 7, 16)


def test_page_without_article_element() -> None:
    article = load_html(fixture("no_article.html"), key="p2", published=None)
    assert article.title == "رئيس الوزراء العراقي الأسبق يلتقي بالمبعوث الأمريكي بعد الهجوم الصاروخي"
    assert article.published == date(2024, 1, 21)
    assert len(article.paragraphs) == 6
    assert article.paragraphs[-1] == "وللولايات المتحدة نحو 2500 جندي في العراق ونحو 900 في سوريا."
    text = "\n".join(article.paragraphs)
    assert "اتصل بنا" not in text and "واتساب" not in text and "إعلان" not in text and "حقوق" not in text


def test_page_trafilatura_finds_nothing_in_falls_back_to_its_paragraphs() -> None:
    article = load_html(fixture("short_page.html"), key="p3", published=None)
    assert article.title == "انفجار عبوة ناسفة في بغداد"
    assert article.paragraphs == ("انفجرت عبوة ناسفة صباح اليوم في بغداد.", "ولم ترد أنباء عن إصابات.")
    assert article.published is None


def test_load_sniffs_html_bytes() -> None:
    article = load(fixture("news_page.html").encode(), key="p1", published=None)
    assert article.published == date(2021, 7, 15) and len(article.paragraphs) == 9


def test_windows_arabic_html_page() -> None:
    page = fixture("no_article.html").replace('charset="utf-8"', 'charset="windows-1256"')
    article = load(page.encode("cp1256"), key="p2", published=None)
    assert article.paragraphs[-1] == "وللولايات المتحدة نحو 2500 جندي في العراق ونحو 900 في سوريا."


def test_english_html_page_is_not_arabic() -> None:
    page = (
        "<html><head><title>Rockets hit Baghdad</title></head><body><article>"
        + "<p>Two rockets landed near the airport in Baghdad on Tuesday, officials said today.</p>" * 8
        + "<p>بغداد</p></article></body></html>"
    )
    with pytest.raises(NotArabic):
        load(page.encode(), key="en.html", published=None)


def test_empty_html_page_is_empty_input() -> None:
    with pytest.raises(EmptyInput):
        load(b"<html><head></head><body><nav>\xd8\xb4\xd8\xa7\xd8\xb1\xd9\x83</nav></body></html>",
             key="e.html", published=None)


def test_a_page_of_megabytes_loads_in_well_under_seconds() -> None:
    page = fixture("news_page.html")
    scripts = "<script>var state = " + "{'k': 'v', 'n': [1, 2, 3]}, " * 150_000 + ";</script>"
    raw = page.replace("</head>", scripts + "</head>").encode()
    assert 4_000_000 < len(raw) <= MAX_INPUT_BYTES
    started = time.perf_counter()
    article = load(raw, key="big.html", published=None)
    assert time.perf_counter() - started < 1.0
    assert len(article.paragraphs) == 9


class _Recorder(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.requests.append(self.path)
        body = "<html><body><p>صفحة</p></body></html>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return


@pytest.fixture
def web() -> Iterator[str]:
    """A local web server that records every request made to it."""
    _Recorder.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_loading_never_reaches_the_network(web: str) -> None:
    # a URL handed in as the page, links to it from the page, and the page's own URL:
    # htmldate fetches a string that looks like a URL, so none may reach it.
    with pytest.raises(InputError):
        load_html(f"{web}/page", key="u", published=None)
    page = fixture("news_page.html").replace(
        "<head>", f'<head><link rel="canonical" href="{web}/a"><link rel="amphtml" href="{web}/amp">'
    ).replace('<img src="/img/meeting.jpg"', f'<img src="{web}/img.jpg"')
    load_html(page, key="p", published=None, url=f"{web}/a")
    with pytest.raises(InputError):
        load(f"{web}/page".encode(), key="u", published=None)
    assert _Recorder.requests == []


# the sample articles -------------------------------------------------------------------------

SEED_EXPECTATIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # seed: (furniture lines that must not survive, story openings that must)
    "000_2e3bd26e92c8f1ee.txt": (
        (),
        ("بوابة اوكرانيا – كييف في21 يناير 2024 – التقى السفير الأمريكي", "وقال المتحدث باسم الجماعة أبو علي العسكري",
         "وقال السوداني مرارا في الاسابيع الاخيرة"),
    ),
    "001_8f0136ca44fc1601.txt": (
        ("محمد شياع السوداني رئيس الوزراء العراقي", "القاهرة: «خليجيون»", "وزير الدفاع الأمريكي لويد أوستن",
         "أبو تقوى السعيدي.(الانترنت)", "اقرأ المزيد", "العراق يكشف خطوة جديدة لإنهاء وجود «التحالف الدولي»",
         "العراق إلى إنهاء وجود «التحالف الدولي»", "أهم الأخبار",
         "العراق يلجأ إلى التفاوض لإقناع أميركا بسحب قواتها من بغداد"),
        ("شدد رئيس الوزراء العراقي محمد شياع السوداني", "وأضاف أوستن، في بيان", "إيران تدعم الدعوات العراقية",
         "وأضاف كنعاني أنه حان وقت رحيل القوات الأميركية عن العراق."),
    ),
    "002_852b1c75c63950c3.txt": (
        ("نورالدين النايم", "اترك رد", "%d مدونون معجبون بهذه:"),
        ("بحث رئيس الوزراء العراقي مصطفى الكاظمي", "استهداف المنطقة الخضراء",
         "ولكنها لفتت إلى أن رد إدارة بايدن"),
    ),
    "003_a675b64fc15cf484.txt": (
        ("Skip to main content", "الخميس 15 يوليو 2021",
         "لقاء رئيس الوزراء العراقي مصطفى الكاظمي مع مبعوث البيت الأبيض للشرق الأوسط بريت ماكغورك",
         "المصادر:", "العربي، أ.ف.ب", "شارك القصة"),
        ("التقى رئيس الوزراء العراقي مصطفى الكاظمي الخميس", "العلاقة الأميركية الإيرانية",
         "من جانبهم، شن الأميركيون ضربات نهاية يونيو/حزيران"),
    ),
    "004_5ad773bb3afc800f.txt": (
        ("رئيس الوزراء العراقي محمد شياع السوداني يلتقي بالرئيس الإيراني إبراهيم رئيسي والمرشد الأعلى",
         "— أوسينتدفندر (@sentdefender) 6 نوفمبر 2023", "التعليقات مغلقة."),
        ("بدأ رئيس الوزراء العراقي محمد شياع السوداني، يوم الاثنين 6 تشرين الثاني/نوفمبر",
         "بحسب وكالة أنباء الجمهورية الإسلامية الإيرانية (ايرنا)", "وسيمتد الخط الذي يبلغ طوله 30 كيلومترا"),
    ),
}


def test_every_seed_is_covered() -> None:
    assert sorted(p.name for p in SEEDS.glob("*.txt")) == sorted(SEED_EXPECTATIONS)


@pytest.mark.parametrize("name", sorted(SEED_EXPECTATIONS))
def test_seed_loses_its_furniture_and_keeps_its_story(name: str) -> None:
    furniture, story = SEED_EXPECTATIONS[name]
    article = load((SEEDS / name).read_bytes(), key=name, published=None)
    for line in furniture:
        assert line not in article.paragraphs, line
    for opening in story:
        assert any(p.startswith(opening) for p in article.paragraphs), opening
    assert len(set(article.paragraphs)) == len(article.paragraphs)


def test_seed_with_a_paragraph_repeated_at_start_and_end_keeps_it_once() -> None:
    name = "004_5ad773bb3afc800f.txt"
    article = load((SEEDS / name).read_bytes(), key=name, published=None)
    texts = (article.title, *article.paragraphs)
    assert sum("استهدفت الميليشيات المتحالفة مع إيران قاعدة عين الأسد" in t for t in texts) == 1


def test_seeds_glued_together_by_a_scraper_come_apart() -> None:
    # the furniture that ends one sample and starts the next, run together without a break
    glued = "أهم الأخبار" + (SEEDS / "002_852b1c75c63950c3.txt").read_text(encoding="utf-8")
    article = load_text(glued, key="glued", published=None)
    assert article.title.startswith("بايدن يبحث مع رئيس وزراء العراق")
    tail = (SEEDS / "003_a675b64fc15cf484.txt").read_text(encoding="utf-8").rstrip() + "وبعد زيارة بلينكن للعراق."
    assert load_text(tail, key="t", published=None).paragraphs[-1] == "وبعد زيارة بلينكن للعراق."


def test_a_utf8_page_its_server_calls_latin1_stays_readable() -> None:
    page = f"<html><head><meta charset='iso-8859-1'></head><body><h1>{HEADLINE}</h1><p>{BODY}</p></body></html>"
    article = load(page.encode("utf-8"), key="a.html", published=None, charset="iso-8859-1")
    assert article.title == HEADLINE


def test_a_charset_the_bytes_do_not_fit_is_passed_over() -> None:
    raw = f"<html><body><h1>{HEADLINE}</h1><p>{BODY}</p></body></html>".encode("windows-1256")
    assert load(raw, key="a.html", published=None, charset="utf-8").title == HEADLINE


DEEP = 100_000  # far past libxml2's 256 levels, as generated pages and hostile ones can be


@pytest.mark.parametrize("page", [
    f"<html><head><title>{HEADLINE}</title></head><body>{'<div>' * DEEP}<p>{BODY}</p>{'</div>' * DEEP}</body></html>",
    f"<html><body><nav>الرئيسية</nav>{'<div>' * DEEP}<h1>{HEADLINE}</h1><p>{BODY.replace(chr(10), '<p>')}",
], ids=["deep", "deep-and-unclosed"])
def test_a_page_too_deep_to_parse_keeps_its_story(page: str) -> None:
    article = load(page.encode("utf-8"), key="deep.html", published=None)
    assert article.title == HEADLINE
    assert list(article.paragraphs) == BODY.splitlines()


def test_the_arabic_share_counts_letters_not_words() -> None:
    # 11 Arabic letters ("وصل" "الوفد" "غدا") against 6 Latin ones ("UN" "team"); digits and marks do not count
    assert _arabic_share(["وصل الوفد UN-team غدا 2024!"]) == 11 / 17
    assert _arabic_share(["123 ..."]) == 0.0
