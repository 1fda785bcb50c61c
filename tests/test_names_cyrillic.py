"""Katakana ↔ Cyrillic: Polivanov spellings and the clerks' many others."""

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from archive.names import cyrillic_to_katakana, kana_to_cyrillic, normalise_cyrillic

pytestmark: list = []

# The published reference tables, when a copy of them lies beside the repository (shared/data).
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"

# Accepted Russian spellings of common surnames and given names (Polivanov, as in
# Russian reference works and press); our own table, independent of the shared reference tables.
NAMES = [
    ("佐藤", "サトウ", "Сато"), ("鈴木", "スズキ", "Судзуки"), ("高橋", "タカハシ", "Такахаси"),
    ("田中", "タナカ", "Танака"), ("伊藤", "イトウ", "Ито"), ("渡辺", "ワタナベ", "Ватанабэ"),
    ("山本", "ヤマモト", "Ямамото"), ("中村", "ナカムラ", "Накамура"), ("小林", "コバヤシ", "Кобаяси"),
    ("加藤", "カトウ", "Като"), ("吉田", "ヨシダ", "Ёсида"), ("山田", "ヤマダ", "Ямада"),
    ("佐々木", "ササキ", "Сасаки"), ("山口", "ヤマグチ", "Ямагути"), ("松本", "マツモト", "Мацумото"),
    ("井上", "イノウエ", "Иноуэ"), ("木村", "キムラ", "Кимура"), ("林", "ハヤシ", "Хаяси"),
    ("清水", "シミズ", "Симидзу"), ("山崎", "ヤマザキ", "Ямадзаки"), ("森", "モリ", "Мори"),
    ("池田", "イケダ", "Икэда"), ("橋本", "ハシモト", "Хасимото"), ("石川", "イシカワ", "Исикава"),
    ("前田", "マエダ", "Маэда"), ("藤田", "フジタ", "Фудзита"), ("後藤", "ゴトウ", "Гото"),
    ("岡田", "オカダ", "Окада"), ("長谷川", "ハセガワ", "Хасэгава"), ("村上", "ムラカミ", "Мураками"),
    ("近藤", "コンドウ", "Кондо"), ("石井", "イシイ", "Исии"), ("斎藤", "サイトウ", "Сайто"),
    ("坂本", "サカモト", "Сакамото"), ("遠藤", "エンドウ", "Эндо"), ("青木", "アオキ", "Аоки"),
    ("藤井", "フジイ", "Фудзии"), ("西村", "ニシムラ", "Нисимура"), ("福田", "フクダ", "Фукуда"),
    ("太田", "オオタ", "Ота"), ("三浦", "ミウラ", "Миура"), ("藤原", "フジワラ", "Фудзивара"),
    ("岡本", "オカモト", "Окамото"), ("松田", "マツダ", "Мацуда"), ("中川", "ナカガワ", "Накагава"),
    ("新潟", "ニイガタ", "Ниигата"), ("清", "キヨシ", "Киёси"), ("一郎", "イチロウ", "Итиро"),
    ("正雄", "マサオ", "Масао"), ("信一", "シンイチ", "Синъити"), ("和夫", "カズオ", "Кадзуо"),
    ("敬二", "ケイジ", "Кэйдзи"), ("勇", "イサム", "Исаму"), ("茂", "シゲル", "Сигэру"),
    ("実", "ミノル", "Минору"), ("博", "ヒロシ", "Хироси"), ("進", "ススム", "Сусуму"),
    ("昭", "アキラ", "Акира"), ("修", "オサム", "Осаму"), ("健一", "ケンイチ", "Кэнъити"),
    ("順一", "ジュンイチ", "Дзюнъити"), ("庄司", "ショウジ", "Сёдзи"), ("秀夫", "ヒデオ", "Хидэо"),
    ("武", "タケシ", "Такэси"), ("恵子", "ケイコ", "Кэйко"), ("本田", "ホンダ", "Хонда"),
    ("三郎", "サブロウ", "Сабуро"), ("雄一", "ユウイチ", "Юити"), ("勝", "マサル", "Масару"),
    ("大野", "オオノ", "Оно"), ("小野", "オノ", "Оно"), ("菅原", "スガワラ", "Сугавара"),
    ("服部", "ハットリ", "Хаттори"), ("新田", "ニッタ", "Нитта"), ("千葉", "チバ", "Тиба"),
    ("上田", "ウエダ", "Уэда"), ("原", "ハラ", "Хара"), ("野口", "ノグチ", "Ногути"),
    ("横山", "ヨコヤマ", "Ёкояма"), ("宮本", "ミヤモト", "Миямото"), ("内田", "ウチダ", "Утида"),
    ("酒井", "サカイ", "Сакаи"), ("菊地", "キクチ", "Кикути"), ("安藤", "アンドウ", "Андо"),
    ("丸山", "マルヤマ", "Маруяма"), ("今井", "イマイ", "Имаи"), ("富士", "フジ", "Фудзи"),
]  # fmt: skip

# Warodai place names (kana, Russian spelling), a committed subset of our own
PLACES = [
    ("せっつ", "Сэтцу"), ("おおさか", "Осака"), ("いつくしま", "Ицукусима"), ("みと", "Мито"),
    ("まつしま", "Мацусима"), ("ほんしゅう", "Хонсю"), ("ふじ", "Фудзи"), ("うつのみや", "Уцуномия"),
    ("ほっかいどう", "Хоккайдо"), ("ぐんま", "Гумма"), ("いずも", "Идзумо"), ("きゅうしゅう", "Кюсю"),
    ("ほうき", "Хоки"), ("とうさんどう", "Тосандо"), ("たんば", "Тамба"), ("しぶや", "Сибуя"),
    ("ひょうご", "Хёго"), ("とちぎ", "Тотиги"), ("ちゅうおう", "Тюо"), ("おうじ", "Одзи"),
    ("えっちゅう", "Эттю"), ("さんようどう", "Санъёдо"), ("かなざわ", "Канадзава"), ("おうみ", "Оми"),
    ("とおとうみ", "Тотоми"), ("ちよだ", "Тиёда"), ("はちおうじ", "Хатиодзи"),
    ("まいづる", "Майдзуру"), ("えひめ", "Эхимэ"), ("おおいた", "Ойта"), ("とっとり", "Тоттори"),
    ("びっちゅう", "Биттю"), ("ひゅうが", "Хюга"), ("べっぷ", "Бэппу"), ("なんぶ", "Намбу"),
    ("ひえいざん", "Хиэйдзан"), ("さんいんどう", "Санъиндо"), ("にいがた", "Ниигата"),
    ("ぶんきょう", "Бункё"), ("しんじゅく", "Синдзюку"), ("すおう", "Суо"), ("へいじょう", "Хэйдзё"),
    ("ゆうばり", "Юбари"), ("さっぽろ", "Саппоро"), ("にっこう", "Никко"), ("みえ", "Миэ"),
]  # fmt: skip


def _norm(s: str) -> str:
    return s.lower().replace("-", "").replace(" ", "")


@pytest.mark.parametrize(("kanji", "kana", "russian"), NAMES)
def test_it_writes_names_as_in_russian_references(kanji, kana, russian):
    assert kana_to_cyrillic(kana) == russian, kanji


@pytest.mark.parametrize(("kana", "russian"), PLACES)
def test_it_writes_place_names_as_warodai_does(kana, russian):
    assert kana_to_cyrillic(kana) == russian


def test_it_agrees_with_every_polivanov_table_row():
    path = SHARED / "polivanov_table.tsv"
    if not path.exists():
        pytest.skip("shared Polivanov table not present")
    accepted = defaultdict(set)
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if not row["cyrillic"].startswith("("):  # ッ and ー are rules, not spellings
                accepted[row["kana"]].add(row["cyrillic"])
    failures = [(k, kana_to_cyrillic(k)) for k, v in accepted.items() if kana_to_cyrillic(k).lower() not in v]
    assert len(accepted) > 150
    assert failures == []


def test_it_agrees_with_warodai_place_spellings_mostly():
    path = SHARED / "warodai_places.tsv"
    if not path.exists():
        pytest.skip("shared Warodai places not present")
    accepted = defaultdict(set)
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            accepted[row["kana"]].add(_norm(row["cyrillic"]))
    failures = [
        (k, kana_to_cyrillic(k), v) for k, v in accepted.items() if _norm(kana_to_cyrillic(k)) not in v
    ]
    print("\n".join(map(str, failures)))
    assert 1 - len(failures) / len(accepted) >= 0.95


@pytest.mark.parametrize(("kanji", "kana", "russian"), NAMES)
def test_it_reads_polivanov_spellings_back_to_the_same_kana(kanji, kana, russian):
    readings = cyrillic_to_katakana(russian)
    if russian in ("Оно", "Юити"):  # Оно is 大野 and 小野; Юити is ユウイチ and ユイチ
        assert kana in readings[:3]
    else:
        assert readings[0] == kana, (russian, readings)


CLERK_VARIANTS = [
    ("Шимидзу", "シミズ"), ("Шимизу", "シミズ"), ("Ичиро", "イチロウ"), ("Ичиро", "イチロウ"),
    ("Казуо", "カズオ"), ("Каджуо", "カズオ"), ("Кажуо", "カズオ"), ("Кацуо", "カズオ"),
    ("Кийоси", "キヨシ"), ("Киоси", "キヨシ"), ("Кийоши", "キヨシ"), ("Иосида", "ヨシダ"),
    ("Йосида", "ヨシダ"), ("Ёшида", "ヨシダ"), ("Сатоо", "サトウ"), ("Сатоу", "サトウ"),
    ("Оота", "オオタ"), ("Хатори", "ハットリ"), ("Кейдзи", "ケイジ"), ("Кеидзи", "ケイジ"),
    ("Кэдзи", "ケイジ"), ("Ямашита", "ヤマシタ"), ("Икеда", "イケダ"), ("Хукуда", "フクダ"),
    ("Уатанабе", "ワタナベ"), ("Ватанабе", "ワタナベ"), ("Синити", "シンイチ"), ("Синнити", "シンイチ"),
    ("Кенъичи", "ケンイチ"), ("Йокояма", "ヨコヤマ"), ("Иокояма", "ヨコヤマ"), ("Сасаки", "ササキ"),
    ("Мацмото", "マツモト"), ("Матсумото", "マツモト"), ("Сузуки", "スズキ"), ("Судзки", "スズキ"),
    ("Ямагучи", "ヤマグチ"), ("Такахаши", "タカハシ"), ("Хасегава", "ハセガワ"), ("Сёджи", "ショウジ"),
    ("Шоджи", "ショウジ"), ("Кондоо", "コンドウ"), ("Камбаяси", "カンバヤシ"),
    ("САТО", "サトウ"), ("сато", "サトウ"), ("Caто", "サトウ"), ("Kимурa", "キムラ"), ("Ито-о", "イトウ"),
    ("Кимура", "キムラ"), ("Хирощи", "ヒロシ"), ("Минолу", "ミノル"), ("Тадаши", "タダシ"),
    ("Кадзуоо", "カズオ"), ("Ёсио", "ヨシオ"), ("Йошио", "ヨシオ"), ("Сигеру", "シゲル"),
    ("Шигеру", "シゲル"), ("Фудзита", "フジタ"), ("Фуджита", "フジタ"), ("Худжита", "フジタ"),
    ("Итиров", "イチロウ"), ("Хироший", "ヒロシ"), ("Ногучи", "ノグチ"),
    # ё typed as е, as Russian print usually has it (Есида for Ёсида, Киеси for Киёси)
    ("Есида", "ヨシダ"), ("Есио", "ヨシオ"), ("Киеси", "キヨシ"), ("Токуе", "トクヨ"), ("Тоеда", "トヨダ"),
    ("Екояма", "ヨコヤマ"), ("Акиеси", "アキヨシ"),
]  # fmt: skip


@pytest.mark.parametrize(("spelling", "kana"), CLERK_VARIANTS)
def test_it_reads_clerk_spellings_within_the_top_eight(spelling, kana):
    assert kana in cyrillic_to_katakana(spelling, limit=8), cyrillic_to_katakana(spelling)


def test_it_returns_only_real_kana_syllables():
    for spelling, _ in CLERK_VARIANTS:
        for reading in cyrillic_to_katakana(spelling):
            assert reading and reading[0] not in "ンッャュョー"
            assert "ッン" not in reading and not reading.endswith("ッ")


def test_it_returns_nothing_for_empty_input():
    assert cyrillic_to_katakana("") == []
    assert cyrillic_to_katakana(" - ") == []


def test_it_normalises_cyrillic_spellings():
    assert normalise_cyrillic("  Сато-Итиро ") == "сато итиро"
    assert normalise_cyrillic("Caтo") == "сато"  # Latin C, a and o
    assert normalise_cyrillic("ЁСИДА") == "ёсида"
    assert normalise_cyrillic("О:сака") == "осака"
    assert normalise_cyrillic("Ицу\u0301кусима") == "ицукусима"
