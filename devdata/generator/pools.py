"""Name pools from japanese_personal_name_dataset: real surnames with frequencies, men's given names.

Given names lean to what men born 1900–1927 were called: a hand list of era-typical names (清, 正雄,
茂 ...) carries about two thirds of the draws; the rest come from the dataset's popular ('opti') list
with a kanji spelling that favours characters common in that era. Combinations are random.
"""

from __future__ import annotations

import csv
import itertools
from bisect import bisect
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_PKG = "japanese_personal_name_dataset"
_HIRA_TO_KATA = {code: code + 0x60 for code in range(0x3041, 0x3097)}

# reading (hiragana): (weight, kanji spellings best first)
ERA_GIVEN = {
    "きよし": (30, "清 潔 清志"), "まさお": (22, "正雄 正夫 政雄 正男 昌雄"), "しげる": (22, "茂 繁 滋"),
    "みのる": (20, "実 稔 穣"), "いさむ": (20, "勇 勲"), "ひろし": (22, "博 弘 宏 浩 寛"), "たけし": (16, "武 猛 毅 剛"),
    "いちろう": (14, "一郎 市郎"), "さぶろう": (16, "三郎"), "じろう": (12, "次郎 二郎"), "しろう": (8, "四郎 志郎"),
    "ごろう": (6, "五郎"), "たろう": (6, "太郎"), "よしお": (16, "義雄 良雄 芳雄 吉雄 善雄"),
    "かずお": (14, "一雄 和夫 一夫 和雄"), "あきら": (10, "明 昭 彰"), "おさむ": (12, "修 治 収"), "すすむ": (12, "進 晋"),
    "まさる": (10, "勝 優"), "まもる": (8, "守 衛"), "ただし": (12, "正 忠 匡"), "しんいち": (8, "信一 真一 新一 進一"),
    "しょうじ": (8, "正二 昭二 庄司 正治"), "けいじ": (5, "敬二 啓二 恵次"), "としお": (12, "俊雄 敏夫 利雄 敏雄"),
    "ひでお": (10, "秀雄 英雄 秀夫"), "ゆきお": (6, "幸雄 幸夫 行雄"), "てつお": (6, "哲夫 鉄雄 哲雄"),
    "はるお": (6, "春雄 晴夫 治雄"), "たけお": (7, "武雄 竹雄 武夫"), "のぼる": (8, "昇 登 昇"), "かつみ": (4, "勝美 克己"),
    "せいいち": (6, "清一 誠一 精一"), "とおる": (5, "徹 透 亨"), "つとむ": (7, "勉 努 力"), "いわお": (3, "巌 岩雄"),
    "とらお": (2, "寅雄 虎雄"), "きんじろう": (2, "金次郎"), "せいじ": (6, "清治 誠治 清次"), "げんぞう": (2, "源三 源蔵"),
    "へいはち": (1, "平八"), "さだお": (4, "貞雄 定夫"), "くにお": (5, "国雄 邦夫 国夫"), "やすお": (6, "安雄 康夫 保雄"),
    "たかし": (10, "隆 孝 高 崇"), "ひとし": (4, "仁 均 等"), "まこと": (6, "誠 真"), "いさお": (6, "功 勲 勇夫"),
    "かつお": (5, "勝雄 勝夫 克夫"), "しずお": (4, "静雄 静夫"), "たつお": (5, "辰雄 達夫 龍雄"), "とみお": (3, "富雄 富夫"),
    "みつお": (5, "光雄 満雄 光夫"), "はじめ": (5, "一 肇 元"), "まつお": (3, "松雄 松男"), "とくじろう": (1, "徳次郎"),
    "えいきち": (2, "栄吉 英吉"), "うめきち": (1, "梅吉"), "ぶんじ": (1, "文治 文次"), "しんじ": (5, "信二 伸二 新治"),
    "ゆういち": (3, "勇一 雄一 裕一"), "けんいち": (4, "健一 憲一 謙一"), "えいじ": (4, "英二 栄治 栄次"),
    "こういち": (4, "幸一 孝一 浩一 光一"), "ふみお": (3, "文雄 文夫"), "まさじ": (2, "正治 政次"), "ちゅうじ": (1, "忠治"),
}  # fmt: skip
ERA_SHARE = 0.66
_ERA_CHARS = set(
    "雄夫男郎吉治蔵作次一二三正義清勝武秀春光良太信忠利文政昭和幸重隆弘貞松竹梅福金寅辰国安平茂栄実勇博"
)


def pick(rng, values, cum_weights):
    """One of `values` by cumulative weights: `rng.choices` without its per-call overhead."""
    return values[bisect(cum_weights, rng.random() * cum_weights[-1])]


def _rows(name: str) -> list[list[str]]:
    with resources.files(_PKG).joinpath("dataset", name).open(encoding="utf-8") as fh:
        return [row for row in csv.reader(fh) if row]


def katakana(hiragana: str) -> str:
    return hiragana.translate(_HIRA_TO_KATA)


@dataclass(frozen=True)
class Pool:
    """Parallel lists and cumulative weights for fast weighted draws."""

    kanji: tuple[str, ...]
    kana: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...]  # other kanji spellings of the same reading
    cum_weights: tuple[float, ...]

    def draw(self, rng) -> int:
        return bisect(self.cum_weights, rng.random() * self.cum_weights[-1])


@lru_cache(maxsize=1)
def surnames() -> Pool:
    kanji, kana, weights = [], [], []
    for row in _rows("last_name_org.csv"):
        if len(row) < 3 or not row[1].isdigit():
            continue
        kanji.append(row[0])
        kana.append(katakana(row[2]))
        weights.append(int(row[1]))
    alts = tuple((k,) for k in kanji)
    return Pool(tuple(kanji), tuple(kana), alts, tuple(itertools.accumulate(weights)))


def _era_weight(spelling: str) -> float:
    if len(spelling) > 3:
        return 0.05
    return 0.2 + sum(ch in _ERA_CHARS for ch in spelling) * 3.0


@lru_cache(maxsize=1)
def given_names() -> Pool:
    kanji: list[str] = []
    kana: list[str] = []
    alts: list[tuple[str, ...]] = []
    weights: list[float] = []
    era_total = sum(w for w, _s in ERA_GIVEN.values())
    for reading, (weight, spellings) in ERA_GIVEN.items():
        options = spellings.split()
        for rank, spelling in enumerate(options):
            share = 0.7 if rank == 0 else 0.3 / (len(options) - 1)
            kanji.append(spelling)
            kana.append(katakana(reading))
            alts.append(tuple(options))
            weights.append(ERA_SHARE * weight / era_total * share)
    others = [row for row in _rows("first_name_man_opti.csv") if row[0] not in ERA_GIVEN and len(row) > 2]
    for row in others:
        options = [s for s in row[2:] if s]
        scored = [(s, _era_weight(s)) for s in options]
        total = sum(w for _s, w in scored)
        for spelling, w in scored:
            if w < 0.5:
                continue
            kanji.append(spelling)
            kana.append(katakana(row[0]))
            alts.append(tuple(options))
            weights.append((1 - ERA_SHARE) / len(others) * w / total)
    return Pool(tuple(kanji), tuple(kana), tuple(alts), tuple(itertools.accumulate(weights)))
