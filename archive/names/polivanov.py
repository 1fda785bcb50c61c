"""Katakana → Cyrillic in the Polivanov system (pure, no Django).

Choices (checked against the Polivanov kana table and Warodai place names):
- long vowels are not marked: オウ/オオ → о, ウウ → у, ユウ → ю, ー dropped;
  エイ stays эй (Кэйдзи), イイ stays ии (Ниигата);
- オウ is not folded when the ウ starts a new syllable before a vowel (イノウエ → Иноуэ);
- ン → н, → м before б/п/м (Гумма, Тамба), → нъ before a vowel or я/ю/ё (Синъити);
- ッ doubles the next consonant; before ч/ц it is т (Биттю, Сэтцу);
- イ after а/э/о → й (Сайто, Кэйдзи, Ойта) except word-final after а/о, where the
  dictionaries disagree (Кансай, Сэндай vs Сакаи, Каи); surnames are written Сакаи,
  Имаи, Араи, so we write и there;
- ヨ/ヤ/ユ after a vowel stay ё/я/ю (Киёси), not йо.
"""

from __future__ import annotations

from functools import lru_cache

from .kana import to_katakana, vowel_of

__all__ = ["MORA_TO_CYRILLIC", "kana_to_cyrillic", "split_morae"]

_BASE = {
    "ア": "а", "イ": "и", "ウ": "у", "エ": "э", "オ": "о",
    "カ": "ка", "キ": "ки", "ク": "ку", "ケ": "кэ", "コ": "ко",
    "サ": "са", "シ": "си", "ス": "су", "セ": "сэ", "ソ": "со",
    "タ": "та", "チ": "ти", "ツ": "цу", "テ": "тэ", "ト": "то",
    "ナ": "на", "ニ": "ни", "ヌ": "ну", "ネ": "нэ", "ノ": "но",
    "ハ": "ха", "ヒ": "хи", "フ": "фу", "ヘ": "хэ", "ホ": "хо",
    "マ": "ма", "ミ": "ми", "ム": "му", "メ": "мэ", "モ": "мо",
    "ヤ": "я", "ユ": "ю", "ヨ": "ё",
    "ラ": "ра", "リ": "ри", "ル": "ру", "レ": "рэ", "ロ": "ро",
    "ワ": "ва", "ヰ": "ви", "ヱ": "вэ", "ヲ": "во",
    "ガ": "га", "ギ": "ги", "グ": "гу", "ゲ": "гэ", "ゴ": "го",
    "ザ": "дза", "ジ": "дзи", "ズ": "дзу", "ゼ": "дзэ", "ゾ": "дзо",
    "ダ": "да", "ヂ": "дзи", "ヅ": "дзу", "デ": "дэ", "ド": "до",
    "バ": "ба", "ビ": "би", "ブ": "бу", "ベ": "бэ", "ボ": "бо",
    "パ": "па", "ピ": "пи", "プ": "пу", "ペ": "пэ", "ポ": "по",
    "ヴ": "ву", "ン": "н",
    "ァ": "а", "ィ": "и", "ゥ": "у", "ェ": "э", "ォ": "о",
}  # fmt: skip
_YOON = {"ャ": ("я", "ア"), "ュ": ("ю", "ウ"), "ョ": ("ё", "オ")}
_SPECIAL = {
    "ティ": "ти", "ディ": "ди", "デュ": "дю", "ファ": "фа", "フィ": "фи", "フェ": "фэ", "フォ": "фо",
    "ツァ": "ца", "ツェ": "цэ", "シェ": "се", "ジェ": "дзе", "チェ": "те", "ヴァ": "ва", "ヴィ": "ви",
    "ヴェ": "вэ", "ヴォ": "во", "ウィ": "уи", "ウェ": "уэ", "ウォ": "уо", "イェ": "е",
}  # fmt: skip

MORA_TO_CYRILLIC: dict[str, str] = dict(_BASE)
for _k, _c in list(_BASE.items()):
    if vowel_of(_k) == "イ" and len(_c) == 2 and _k not in "イヰ":
        for _small, (_cv, _) in _YOON.items():
            MORA_TO_CYRILLIC[_k + _small] = _c[0] + _cv
MORA_TO_CYRILLIC.update(
    {"ジャ": "дзя", "ジュ": "дзю", "ジョ": "дзё", "ヂャ": "дзя", "ヂュ": "дзю", "ヂョ": "дзё"}
)
MORA_TO_CYRILLIC.update(_SPECIAL)


@lru_cache(maxsize=65536)
def split_morae(katakana: str) -> tuple[str, ...]:
    """Split katakana into morae: キョ, ウ, ッ, ン, ー are one each."""
    out: list[str] = []
    for ch in katakana:
        if out and (ch in "ャュョ" or (ch in "ァィゥェォ" and out[-1] + ch in _SPECIAL)):
            out[-1] += ch
        else:
            out.append(ch)
    return tuple(out)


def _mora_vowel(mora: str) -> str | None:
    if mora[-1] in _YOON:
        return _YOON[mora[-1]][1]
    if mora[-1] in "ァィゥェォ":
        return "アイウエオ"["ァィゥェォ".index(mora[-1])]
    return vowel_of(mora[-1])


@lru_cache(maxsize=65536)
def kana_to_cyrillic(katakana: str) -> str:
    """Write a katakana reading in Cyrillic by the Polivanov system, capitalised."""
    morae = split_morae(to_katakana(katakana))
    parts: list[str] = []
    prev_v: str | None = None  # vowel of the previous mora, None after ン/ッ/start
    n = len(morae)
    for i, m in enumerate(morae):
        nxt = morae[i + 1] if i + 1 < n else ""
        if m == "ー":
            continue
        if m == "ッ":
            parts.append("\0")  # resolved below
            prev_v = None
            continue
        if m == "ン":
            nxt_c = MORA_TO_CYRILLIC.get(nxt, "")
            if nxt_c[:1] in ("б", "п", "м"):
                parts.append("м")
            elif nxt_c[:1] in ("а", "и", "у", "э", "о", "я", "ю", "ё", "е"):
                parts.append("нъ")
            else:
                parts.append("н")
            prev_v = None
            continue
        if m == "ウ" and prev_v in ("オ", "ウ") and not (nxt and nxt in "アイウエオ" and prev_v == "オ"):
            prev_v = "ウ"
            continue  # long o / long u
        if m == "オ" and prev_v == "オ":
            continue
        if m == "イ" and (prev_v == "エ" or (prev_v in ("ア", "オ") and i + 1 < n)):
            parts.append("й")
            prev_v = "イ"
            continue
        parts.append(MORA_TO_CYRILLIC.get(m, ""))
        prev_v = _mora_vowel(m)
    text = "".join(parts)
    while "\0" in text:
        i = text.index("\0")
        follow = text[i + 1 : i + 2]
        text = text[:i] + ("т" if follow in ("ц", "ч", "т") else follow) + text[i + 1 :]
    return text[:1].upper() + text[1:]
