"""Prefectures in JIS order plus pre-war places, recognised in any script."""

import pytest

from archive.names import PREFECTURES, kana_to_cyrillic, recognise_prefecture

pytestmark: list = []


def test_it_lists_the_47_prefectures_in_jis_order_then_prewar_places():
    codes = [p.code for p in PREFECTURES]
    assert codes[:47] == [f"{i:02d}" for i in range(1, 48)]
    assert [p.kanji for p in PREFECTURES[47:]] == [
        "樺太",
        "千島",
        "朝鮮",
        "台湾",
        "関東州",
        "満洲",
        "南洋群島",
    ]
    assert all(p.prewar for p in PREFECTURES[47:]) and not any(p.prewar for p in PREFECTURES[:47])
    assert (
        PREFECTURES[0].kanji == "北海道"
        and PREFECTURES[12].kanji == "東京"
        and PREFECTURES[46].kanji == "沖縄"
    )


def test_it_names_each_place_in_full_in_japanese_and_in_english():
    by_code = {p.code: (p.full_name, p.english) for p in PREFECTURES}
    assert by_code["15"] == ("新潟県", "Niigata")
    assert by_code["01"] == ("北海道", "Hokkaido") and by_code["13"] == ("東京都", "Tokyo")
    assert by_code["26"] == ("京都府", "Kyoto") and by_code["27"] == ("大阪府", "Osaka")
    assert by_code["96"] == ("満洲", "Manchuria") and by_code["91"] == ("樺太", "Karafuto (South Sakhalin)")
    assert len({english for _full, english in by_code.values()}) == len(PREFECTURES)


def test_it_spells_prefectures_in_cyrillic_by_polivanov_or_tradition():
    traditional = {"13": "Токио", "26": "Киото", "44": "Оита"}
    for p in PREFECTURES[:47]:
        assert p.cyrillic == traditional.get(p.code, kana_to_cyrillic(p.kana)), p


RECOGNISED = [
    ("新潟県", "15"), ("新潟", "15"), ("にいがた", "15"), ("ニイガタ", "15"), ("Niigata", "15"), ("Niigata-ken", "15"),
    ("преф. Ниигата", "15"), ("Нийгата-кен", "15"), ("Ниигата префектура", "15"), ("Нийгата", "15"),
    ("Ниигато", "15"), ("Ниегата", "15"), ("Хоккайдо", "01"), ("Хокайдо", "01"), ("Токио", "13"), ("Токё", "13"),
    ("Токьо", "13"), ("Осака", "27"), ("Оосака", "27"), ("Киото", "26"), ("Киото-фу", "26"),
    ("преф. Ниигата, уезд Накакамбара, дер. Камо", "15"), ("新潟県中蒲原郡", "15"), ("東京府", "13"),
    ("北海道庁", "01"), ("東京都", "13"), ("京都府", "26"), ("Tōkyō", "13"), ("Сахалин", "91"), ("樺太", "91"),
    ("Маньчжурия", "96"), ("満州", "96"), ("Сидзуока", "22"), ("Шизуока", "22"), ("Ямагучи", "35"),
    ("Фукуока-кен", "40"), ("Кагошима", "46"), ("Кочи", "39"), ("Гунма", "10"), ("префектура Мияги", "04"),
    ("ПРЕФ. АКИТА", "05"), ("Aкитa", "05"), ("Хёго", "28"), ("Хиого-кен", "28"), ("Корея", "93"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "code"), RECOGNISED)
def test_it_recognises_prefectures_in_every_script(text, code):
    assert recognise_prefecture(text) == code


@pytest.mark.parametrize("text", ["", "ул. Ленина", "Москва", "неизвестно", "г. Хабаровск"])
def test_it_returns_none_when_unsure(text):
    assert recognise_prefecture(text) is None
