"""The inquiry form, page by page: what a family sees when they type something the form cannot take."""

from __future__ import annotations

import re

import pytest

from tests import test_family_support
from tests.test_family_support import APPLICANT, RELATIVE, post_step

pytestmark = pytest.mark.django_db
family = test_family_support.family  # fixture: private files in a temporary directory, fresh limits


def start(client):
    client.get("/inquiries/new/")


def errors_of(response) -> str:
    assert response.status_code == 400
    return response.content.decode()


def test_it_shows_one_topic_per_page_with_the_step_names(client, family):
    response = client.get("/inquiries/new/", follow=True)
    html = response.content.decode()
    assert "ステップ 1／6：申請者" in html
    for name in (
        "申請者",
        "ご家族（抑留された方）",
        "抑留について分かっていること",
        "書類",
        "連絡方法",
        "確認",
    ):
        assert name in html
    assert 'aria-current="step"' in html
    assert (
        '<span class="required-label">必須</span>' in html
        and '<span class="optional-label">任意</span>' in html
    )


def test_it_moves_to_the_next_page_and_remembers_what_was_typed(client, family):
    start(client)
    response = post_step(client, "applicant", APPLICANT)
    assert response.status_code == 302 and response["Location"] == "/inquiries/new/relative/"
    html = client.get("/inquiries/new/relative/").content.decode()
    assert "ステップ 2／6：ご家族（抑留された方）" in html
    html = client.get("/inquiries/new/applicant/").content.decode()
    assert 'value="山田"' in html and 'value="123-4567"' in html and 'value="03-1234-5678"' in html


def test_it_stores_readings_as_katakana_from_hiragana_and_half_width(client, family):
    start(client)
    post_step(client, "applicant", APPLICANT)
    post_step(client, "relative", dict(RELATIVE, surname_kana="ﾔﾏﾀﾞ", given_name_kana="たろう"))
    html = client.get("/inquiries/new/relative/").content.decode()
    assert 'value="ヤマダ"' in html and 'value="タロウ"' in html


def test_it_links_every_error_to_its_field_with_a_summary_at_the_top(client, family):
    start(client)
    html = errors_of(
        post_step(client, "applicant", dict(APPLICANT, applicant_surname="", postal_code="12-34"))
    )
    assert 'role="alert"' in html
    assert 'href="#id_applicant_surname"' in html and 'href="#id_postal_code"' in html
    assert "「姓」を入力してください。" in html
    assert "郵便番号は7けたの数字で入力してください" in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_postal_code-error id_postal_code-help"' in html
    assert 'id="id_postal_code-error"' in html


def test_it_refuses_latin_letters_in_a_kanji_name_and_kanji_in_a_reading(client, family):
    start(client)
    post_step(client, "applicant", APPLICANT)
    html = errors_of(
        post_step(client, "relative", dict(RELATIVE, surname_kanji="Yamada", given_name_kana="太郎"))
    )
    assert "漢字（またはひらがな・カタカナ）で入力してください。ローマ字・数字・記号は使えません。" in html
    assert "ふりがなは、ひらがなかカタカナで入力してください。漢字やローマ字は使えません。" in html


def test_it_says_the_limit_when_a_name_is_too_long(client, family):
    start(client)
    post_step(client, "applicant", APPLICANT)
    html = errors_of(post_step(client, "relative", dict(RELATIVE, surname_kanji="山" * 31)))
    assert "30文字以内で入力してください（いまは31文字です）。" in html


def test_it_asks_for_the_reading_unless_it_is_unknown(client, family):
    start(client)
    post_step(client, "applicant", APPLICANT)
    html = errors_of(post_step(client, "relative", dict(RELATIVE, surname_kana="", given_name_kana="")))
    assert "読み方が分からない場合は「読みが分からない」にチェックを入れてください。" in html
    response = post_step(
        client, "relative", dict(RELATIVE, surname_kana="", given_name_kana="", reading_unknown="on")
    )
    assert response.status_code == 302


def test_it_marks_the_readings_required_as_they_are_unless_unknown(client, family):
    start(client)
    post_step(client, "applicant", APPLICANT)
    html = client.get("/inquiries/new/relative/").content.decode()
    label = html[html.index("姓（フリガナ）") :]
    assert label.index("必須") < label.index("</label>")


@pytest.mark.parametrize(
    ("era", "year", "month", "day", "message"),
    [
        ("昭和", "70", "", "", "昭和は64年までです。昭和70年という年はありません。"),
        ("大正", "16", "", "", "大正は15年までです。大正16年という年はありません。"),
        ("大正", "15", "12", "26", "その月日は大正の期間に入りません。"),
        ("西暦", "2090", "", "", "生年月日が今日より後になっています。"),
        ("昭和", "10", "2", "30", "その月日は暦にありません"),
        ("昭和", "十", "", "", "年・月・日は数字で入力してください"),
        ("", "10", "", "", "元号（明治・大正・昭和）か「西暦」を選んでください。"),
    ],
)
def test_it_refuses_impossible_and_future_birth_dates_in_words(client, era, year, month, day, message):
    era = "western" if era == "西暦" else era
    start(client)
    post_step(client, "applicant", APPLICANT)
    data = dict(RELATIVE, birth_era=era, birth_year=year, birth_month=month, birth_day=day)
    assert message in errors_of(post_step(client, "relative", data))


def test_it_names_the_era_in_english_on_an_english_page(client, family, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    start(client)
    post_step(client, "applicant", APPLICANT)
    data = dict(RELATIVE, birth_era="大正", birth_year="16", birth_month="", birth_day="")
    message = "The Taishō era ended in its year 15, so there is no year 16 of Taishō."
    assert message in errors_of(post_step(client, "relative", data))


@pytest.mark.parametrize("language", ["ja", "en"])
def test_it_offers_letters_in_the_language_the_form_is_filled_in(client, family, settings, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    start(client)
    for slug, data in (
        ("applicant", APPLICANT),
        ("relative", RELATIVE),
        ("internment", {}),
        ("documents", {}),
    ):
        assert post_step(client, slug, data).status_code == 302
    html = client.get("/inquiries/new/contact/").content.decode()
    checked = re.findall(r'<input type="radio" name="language" value="(\w+)"[^>]*\bchecked\b', html)
    assert checked == [language]


def test_it_accepts_year_only_about_dates_and_full_width_digits(client, family):
    start(client)
    post_step(client, "applicant", APPLICANT)
    data = dict(
        RELATIVE,
        birth_era="昭和",
        birth_year="元",
        birth_month="１２",
        birth_day="２５",
        birth_approximate="",
    )
    assert post_step(client, "relative", data).status_code == 302


def test_it_lists_the_prefectures_in_order_with_prewar_places(client, family):
    start(client)
    post_step(client, "applicant", APPLICANT)
    html = client.get("/inquiries/new/relative/").content.decode()
    assert (
        html.index("北海道")
        < html.index("東京都")
        < html.index("沖縄県")
        < html.index("樺太")
        < html.index("南洋群島")
    )
    assert "満洲" in html and "関東州" in html


def test_it_requires_an_email_address_when_email_is_the_preferred_contact(client, family):
    start(client)
    html = errors_of(
        post_step(client, "contact", {"preferred_contact": "email", "email": "", "language": "ja"})
    )
    assert "メールでの連絡をご希望の場合は、メールアドレスを入力してください。" in html


def test_it_asks_what_the_relationship_is_when_other_is_chosen(client, family):
    start(client)
    html = errors_of(post_step(client, "applicant", dict(APPLICANT, relationship="other")))
    assert "「その他」を選んだ場合は、ご関係をお書きください" in html


def test_it_accepts_phone_numbers_with_or_without_hyphens(client, family):
    start(client)
    post_step(client, "applicant", dict(APPLICANT, phone="090-1234-5678"))
    assert 'value="090-1234-5678"' in client.get("/inquiries/new/applicant/").content.decode()
    post_step(client, "applicant", dict(APPLICANT, phone="09012345678"))
    assert 'value="090-1234-5678"' in client.get("/inquiries/new/applicant/").content.decode()
    html = errors_of(post_step(client, "applicant", dict(APPLICANT, phone="12345")))
    assert "電話番号は0から始まる10けたか11けたの数字で入力してください" in html


def test_it_explains_when_the_unfinished_form_has_expired(client, family):
    response = client.post("/inquiries/new/relative/", dict(RELATIVE, draft="gone"))
    html = response.content.decode()
    assert "入力中の内容が見つかりませんでした" in html and "照会はまだ送信されていません" in html
    assert "はじめから入力する" in html


def test_it_speaks_english_when_asked(client, family):
    response = client.get("/inquiries/new/applicant/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="en">' in response.content.decode()


def test_it_lets_the_family_leave_what_they_do_not_know_empty(client, family):
    start(client)
    post_step(client, "applicant", APPLICANT)
    bare = {"surname_kanji": "山田", "given_name_kanji": "太郎", "reading_unknown": "on"}
    assert post_step(client, "relative", bare).status_code == 302
    assert post_step(client, "internment", {}).status_code == 302
