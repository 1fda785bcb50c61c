"""Prefectures (JIS order) and pre-war places of birth, recognised in any script.

Codes: "01".."47" are the JIS X 0401 prefecture codes; the pre-war places use
"91".."97" (樺太 91, 千島 92, 朝鮮 93, 台湾 94, 関東州 95, 満洲 96, 南洋群島 97), so
codes stay two-digit strings that sort after the prefectures.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from .cyrillic import normalise_cyrillic, scored_readings
from .kana import to_katakana
from .keys import profile, profile_similarity

__all__ = ["PREFECTURES", "Prefecture", "prefecture_by_code", "recognise_prefecture"]


_FULL_SUFFIX = {"北海道": "", "東京": "都", "京都": "府", "大阪": "府"}
# Pre-war places under the names English-language histories give them.
_ENGLISH = {
    "91": "Karafuto (South Sakhalin)", "92": "Chishima (Kuril Islands)", "93": "Korea", "94": "Taiwan",
    "95": "Kwantung Leased Territory", "96": "Manchuria", "97": "South Seas Mandate",
}  # fmt: skip


@dataclass(frozen=True)
class Prefecture:
    code: str
    kanji: str
    kana: str
    romaji: str
    cyrillic: str
    prewar: bool = False

    @property
    def full_name(self) -> str:
        """新潟 → 新潟県, 東京 → 東京都, 大阪 → 大阪府; pre-war places as they are."""
        if self.prewar:
            return self.kanji
        return self.kanji + _FULL_SUFFIX.get(self.kanji, "県")

    @property
    def english(self) -> str:
        """Niigata, Tokyo; pre-war places by their English names (Manchuria)."""
        return _ENGLISH.get(self.code) or self.romaji.capitalize()


_DATA = """
01 北海道 ホッカイドウ hokkaido Хоккайдо|02 青森 アオモリ aomori Аомори|03 岩手 イワテ iwate Иватэ
04 宮城 ミヤギ miyagi Мияги|05 秋田 アキタ akita Акита|06 山形 ヤマガタ yamagata Ямагата
07 福島 フクシマ fukushima Фукусима|08 茨城 イバラキ ibaraki Ибараки|09 栃木 トチギ tochigi Тотиги
10 群馬 グンマ gunma Гумма|11 埼玉 サイタマ saitama Сайтама|12 千葉 チバ chiba Тиба
13 東京 トウキョウ tokyo Токио|14 神奈川 カナガワ kanagawa Канагава|15 新潟 ニイガタ niigata Ниигата
16 富山 トヤマ toyama Тояма|17 石川 イシカワ ishikawa Исикава|18 福井 フクイ fukui Фукуи
19 山梨 ヤマナシ yamanashi Яманаси|20 長野 ナガノ nagano Нагано|21 岐阜 ギフ gifu Гифу
22 静岡 シズオカ shizuoka Сидзуока|23 愛知 アイチ aichi Айти|24 三重 ミエ mie Миэ
25 滋賀 シガ shiga Сига|26 京都 キョウト kyoto Киото|27 大阪 オオサカ osaka Осака
28 兵庫 ヒョウゴ hyogo Хёго|29 奈良 ナラ nara Нара|30 和歌山 ワカヤマ wakayama Вакаяма
31 鳥取 トットリ tottori Тоттори|32 島根 シマネ shimane Симанэ|33 岡山 オカヤマ okayama Окаяма
34 広島 ヒロシマ hiroshima Хиросима|35 山口 ヤマグチ yamaguchi Ямагути|36 徳島 トクシマ tokushima Токусима
37 香川 カガワ kagawa Кагава|38 愛媛 エヒメ ehime Эхимэ|39 高知 コウチ kochi Коти
40 福岡 フクオカ fukuoka Фукуока|41 佐賀 サガ saga Сага|42 長崎 ナガサキ nagasaki Нагасаки
43 熊本 クマモト kumamoto Кумамото|44 大分 オオイタ oita Оита|45 宮崎 ミヤザキ miyazaki Миядзаки
46 鹿児島 カゴシマ kagoshima Кагосима|47 沖縄 オキナワ okinawa Окинава
91 樺太 カラフト karafuto Карафуто|92 千島 チシマ chishima Тисима|93 朝鮮 チョウセン chosen Корея
94 台湾 タイワン taiwan Тайвань|95 関東州 カントウシュウ kantoshu Квантун|96 満洲 マンシュウ manshu Маньчжурия
97 南洋群島 ナンヨウグントウ nanyo Нанъё
"""
PREFECTURES: tuple[Prefecture, ...] = tuple(
    Prefecture(*item.split(), prewar=item.split()[0] > "90")  # type: ignore[misc]
    for item in re.split(r"[|\n]", _DATA.strip())
)
_BY_CODE = {p.code: p for p in PREFECTURES}


def prefecture_by_code(code: str) -> Prefecture | None:
    """The prefecture or pre-war place with this code ("15": 新潟)."""
    return _BY_CODE.get(code)


# other names a record or a family may use
_KANJI_ALIASES = {
    "01": ["北海道庁"], "13": ["東京府", "東京市"], "26": ["京都府"], "27": ["大阪府"], "96": ["満州", "満洲国", "満州国"],
    "93": ["朝鮮半島"], "94": ["臺灣", "台灣"], "97": ["南洋"], "91": ["南樺太"], "92": ["千島列島"],
}  # fmt: skip
_CYR_ALIASES = {
    "01": ["Хокайдо", "Хоккаидо"], "13": ["Токё", "Токьо", "Токио-то"], "26": ["Кёто", "Киото-фу"],
    "27": ["Оосака", "Осака-фу"], "44": ["Ойта", "Оойта"], "10": ["Гунма"], "28": ["Хиого", "Хиёго"],
    "91": ["Сахалин", "Южный Сахалин"], "92": ["Курилы", "Курильские острова", "Тисима"],
    "93": ["Тёсэн", "Чосен", "Тёсен"], "94": ["Формоза", "Тайвань"], "95": ["Квантунская область", "Канто-сю"],
    "96": ["Маньчжоу-го", "Мансю", "Маньчжоу", "Манчжурия"], "97": ["Нанъё", "Южные острова"],
}  # fmt: skip
_STOP = {
    "преф", "префектура", "префектуры", "пр", "кен", "кэн", "фу", "то", "до", "уезд", "у", "дер", "деревня", "село",
    "с", "г", "гор", "город", "р", "н", "район", "обл", "область", "остров", "о", "ул", "пос", "поселок", "посёлок",
    "мура", "мачи", "тё", "гун", "ку", "си", "ши", "ken", "fu", "to", "pref", "prefecture", "japan", "япония",
}  # fmt: skip
_KANJI_INDEX = sorted(
    [(p.kanji, p.code) for p in PREFECTURES] + [(a, c) for c, al in _KANJI_ALIASES.items() for a in al],
    key=lambda kc: -len(kc[0]),
)
_KANA_INDEX = {p.kana: p.code for p in PREFECTURES}
_ROMAJI_INDEX = {p.romaji: p.code for p in PREFECTURES}
_CYR_INDEX: list[tuple[str, str]] = [
    (normalise_cyrillic(p.cyrillic).replace(" ", ""), p.code) for p in PREFECTURES
]
_CYR_INDEX += [(normalise_cyrillic(a).replace(" ", ""), c) for c, al in _CYR_ALIASES.items() for a in al]
_SUFFIX = re.compile(r"(кен|кэн|ken|ken|fu|shi)$")
_THRESHOLD = 0.85


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _from_kanji(text: str) -> str | None:
    best: tuple[int, int, str] | None = None
    for name, code in _KANJI_INDEX:
        pos = text.find(name)
        if pos >= 0 and (best is None or (pos, -len(name)) < best[:2]):
            best = (pos, -len(name), code)
    return best[2] if best else None


_PROFILES = [(profile(p.kana), p.code) for p in PREFECTURES]
_ALIASES = [alias for alias, _code in _CYR_INDEX]
_PREFILTER = 0.55  # a word this unlike every prefecture's spelling is a county or village name


@lru_cache(maxsize=65536)
def _score_token(token: str) -> tuple[tuple[float, str], ...]:
    """Prefectures the word may name, best first: letters compared, then readings through the lattice."""
    scores: dict[str, float] = {}
    for _alias, s, index in process.extract(token, _ALIASES, scorer=fuzz.ratio, limit=8):
        code = _CYR_INDEX[index][1]
        scores[code] = max(scores.get(code, 0.0), s / 100)
    if len(token) >= 3 and max(scores.values(), default=0.0) >= _PREFILTER:
        readings = scored_readings(token)[:10]
        top = readings[0][1] if readings else 0.0
        for reading, score in readings:
            discount = min(0.12, max(0.0, (top - score) * 0.3))
            ours = profile(reading)
            for theirs, code in _PROFILES:
                sim = round(profile_similarity(theirs, ours) * (1.0 - discount), 4)
                if sim > scores.get(code, 0.0):
                    scores[code] = sim
    return tuple(sorted(((s, c) for c, s in scores.items()), reverse=True))


_MARKERS = {"преф", "префектура", "префектуры", "пр", "кен", "кэн", "фу", "ken", "fu", "pref", "prefecture"}


_PARTS = re.compile(r"[,;]")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def _part_words(part: str) -> tuple[tuple[str, ...], bool]:
    """The words of one part of an address, and whether the part says it is the prefecture
    (parts repeat across birthplaces: one county is in many)."""
    tokens = tuple(t for t in _SPACE.split(normalise_cyrillic(part.replace(".", " "))) if t)
    return tokens, not _MARKERS.isdisjoint(tokens)


def _candidate_words(raw: str) -> list[str]:
    """Words that may name the prefecture: the first part of the address, and any part that says
    преф./префектура/-кен. County, town and village names further on are never compared."""
    words: list[str] = []
    for number, part in enumerate(_PARTS.split(raw)):
        tokens, marked = _part_words(part)
        if number == 0 or marked:
            words.extend(tokens)
    return words


@lru_cache(maxsize=65536)
def recognise_prefecture(text: str) -> str | None:
    """Code of the prefecture (or pre-war place) named in a birthplace text, or None.

    Reads kanji (新潟県中蒲原郡, 東京府), kana (にいがた), romaji (Niigata-ken) and
    Cyrillic in clerk spellings (преф. Ниигата, Нийгата-кен, Ниегата, Токё).
    """
    raw = unicodedata.normalize("NFKC", text or "").strip()
    if not raw:
        return None
    if not _CYRILLIC.search(raw):  # Soviet records are in Cyrillic: the other scripts are for families
        return _from_japanese_or_latin(raw)
    return _from_cyrillic(raw)


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _from_japanese_or_latin(raw: str) -> str | None:
    code = _from_kanji(raw)
    if code:
        return code
    kana = to_katakana(re.sub(r"(けん|ケン|ふ|フ|と)$", "", raw))
    if kana in _KANA_INDEX:
        return _KANA_INDEX[kana]
    latin = _strip_accents(raw).lower()
    for word in re.split(r"[^a-z]+", latin):
        word = _SUFFIX.sub("", word) if len(word) > 5 else word
        if word in _ROMAJI_INDEX:
            return _ROMAJI_INDEX[word]
        if word.replace("ou", "o").replace("oo", "o") in _ROMAJI_INDEX:
            return _ROMAJI_INDEX[word.replace("ou", "o").replace("oo", "o")]
    return None


def _from_cyrillic(raw: str) -> str | None:
    return _from_words(tuple(t for t in _candidate_words(raw) if t not in _STOP))


@lru_cache(maxsize=65536)
def _from_words(tokens: tuple[str, ...]) -> str | None:
    best: tuple[float, str] | None = None
    for i, token in enumerate(tokens[:8]):
        token = _SUFFIX.sub("", token) if len(token) > 5 else token
        ranked = _score_token(token)
        if not ranked:
            continue
        score, code = ranked[0]
        runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
        score -= 0.01 * i  # earlier words are likelier the prefecture
        if score >= _THRESHOLD and score - runner_up >= 0.02 and (best is None or score > best[0]):
            best = (score, code)
    return best[1] if best else None
