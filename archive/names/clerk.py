"""Simulated Soviet clerk spellings and ministry katakana, for generating test data.

Deterministic for a given random.Random. A clerk has a persistent habit profile;
each habit is a small named function applied with that profile's probability.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from .kana import to_katakana
from .polivanov import kana_to_cyrillic

__all__ = ["CLERK_HABITS", "HABIT_RULES", "clerk_spelling", "katakana_noise"]

Rule = Callable[[str, random.Random], str]


def _sub_some(
    pattern: str, repl: str | Callable[[re.Match], str], s: str, rng: random.Random, p: float = 0.8
) -> str:
    """Replace each match with probability p (a clerk is not perfectly consistent)."""

    def pick(m: re.Match) -> str:
        if rng.random() >= p:
            return m.group(0)
        return repl(m) if callable(repl) else m.expand(repl)

    return re.sub(pattern, pick, s)


def e_for_e(s: str, rng: random.Random) -> str:  # Кэйдзи → Кейдзи, Икэда → Икеда
    return _sub_some("э", "е", s, rng, 0.9)


def shi_for_si(s: str, rng: random.Random) -> str:  # Симидзу → Шимидзу, Сёдзи → Шодзи
    return _sub_some(
        "с([иёяю])", lambda m: "ш" + {"и": "и", "ё": "о", "я": "а", "ю": "у"}[m.group(1)], s, rng
    )


def chi_for_ti(s: str, rng: random.Random) -> str:  # Итиро → Ичиро
    return _sub_some(
        "т([иёяю])", lambda m: "ч" + {"и": "и", "ё": "о", "я": "а", "ю": "у"}[m.group(1)], s, rng
    )


def z_for_dz(s: str, rng: random.Random) -> str:  # Кадзуо → Казуо
    return _sub_some("дз", "з", s, rng)


def dzh_for_dz(s: str, rng: random.Random) -> str:  # Фудзита → Фуджита, Дзюнъити → Джунъити
    return _sub_some(
        "дз([иёяю])", lambda m: "дж" + {"и": "и", "ё": "о", "я": "а", "ю": "у"}[m.group(1)], s, rng
    )


def zh_for_dz(s: str, rng: random.Random) -> str:  # Кадзуо → Кажуо
    return _sub_some("дз", "ж", s, rng, 0.5)


def yo_spelt_out(s: str, rng: random.Random) -> str:  # Ёсида → Йосида / Иосида, Киёси → Кийоси / Киоси
    return _sub_some("ё", lambda m: rng.choice(["йо", "ио", "йо"]), s, rng, 0.7)


def drop_hard_sign(s: str, rng: random.Random) -> str:  # Синъити → Синити
    return _sub_some("ъ", "", s, rng, 0.8)


def i_for_short_i(s: str, rng: random.Random) -> str:  # Кэйдзи → Кэидзи, Ниигата → Нийгата
    s = _sub_some("(?<=[аоэеу])й", "и", s, rng, 0.6)
    return _sub_some("(?<=и)и", "й", s, rng, 0.5)


def drop_double_consonant(s: str, rng: random.Random) -> str:  # Хаттори → Хатори
    return _sub_some(r"([кпстц])\1|т(?=[цч])", lambda m: m.group(0)[-1], s, rng, 0.6)


def h_as_f(s: str, rng: random.Random) -> str:  # Фукуда → Хукуда
    return _sub_some("ф", "х", s, rng, 0.6)


def w_as_u(s: str, rng: random.Random) -> str:  # Ватанабэ → Уатанабэ
    return _sub_some("^в(?=а)", "у", s, rng, 0.5)


def m_as_n(s: str, rng: random.Random) -> str:  # Гумма → Гунма, Намбу → Нанбу
    return _sub_some("м(?=[бпм])", "н", s, rng, 0.7)


def voicing_slip(s: str, rng: random.Random) -> str:  # one т/д, к/г, с/з, п/б confused
    pairs = {"т": "д", "д": "т", "к": "г", "г": "к", "п": "б", "б": "п", "с": "з"}
    spots = [i for i, c in enumerate(s) if c in pairs and i > 0 and s[i : i + 2] not in ("дз", "дж")]
    if not spots:
        return s
    i = rng.choice(spots)
    return s[:i] + pairs[s[i]] + s[i + 1 :]


def lost_letter(s: str, rng: random.Random) -> str:  # Судзуки → Судзки
    if len(s) < 5:
        return s
    i = rng.randrange(1, len(s) - 1)
    return s[:i] + s[i + 1 :]


def doubled_vowel(s: str, rng: random.Random) -> str:  # Сато → Сатоо, Ота → Оота
    spots = [i for i, c in enumerate(s) if c in "оу"]
    if not spots:
        return s
    i = rng.choice(spots)
    return s[: i + 1] + rng.choice([s[i], "у"]) + s[i + 1 :]


def latin_lookalike(s: str, rng: random.Random) -> str:  # a Latin а/о/е/с/р slipped in from a typewriter
    twins = {"а": "a", "о": "o", "е": "e", "с": "c", "р": "p", "к": "k", "х": "x"}
    spots = [i for i, c in enumerate(s) if c in twins]
    if not spots:
        return s
    i = rng.choice(spots)
    return s[:i] + twins[s[i]] + s[i + 1 :]


def russified_ending(s: str, rng: random.Random) -> str:  # Итиро → Итиров
    return s + "в" if s.endswith(("о", "е")) else s


HABIT_RULES: dict[str, dict[Rule, float]] = {
    "polivanov": {e_for_e: 0.05, drop_hard_sign: 0.1, doubled_vowel: 0.03, voicing_slip: 0.02},
    "english_like": {
        e_for_e: 0.9, shi_for_si: 0.85, chi_for_ti: 0.85, dzh_for_dz: 0.6, z_for_dz: 0.4, yo_spelt_out: 0.7,
        drop_hard_sign: 0.7, i_for_short_i: 0.3, m_as_n: 0.5, w_as_u: 0.05,
    },
    "by_ear": {
        e_for_e: 0.8, z_for_dz: 0.5, zh_for_dz: 0.15, yo_spelt_out: 0.5, drop_hard_sign: 0.5, i_for_short_i: 0.5,
        doubled_vowel: 0.3, h_as_f: 0.2, w_as_u: 0.1, drop_double_consonant: 0.3, m_as_n: 0.3, shi_for_si: 0.2,
        chi_for_ti: 0.2,
    },
    "careless": {
        e_for_e: 0.6, drop_hard_sign: 0.8, drop_double_consonant: 0.5, voicing_slip: 0.3, lost_letter: 0.2,
        doubled_vowel: 0.15, i_for_short_i: 0.3, latin_lookalike: 0.05, russified_ending: 0.03, z_for_dz: 0.3,
    },
}  # fmt: skip
CLERK_HABITS: tuple[str, ...] = tuple(HABIT_RULES)


def clerk_spelling(katakana: str, rng: random.Random, habit: str | None = None) -> str:
    """A Cyrillic spelling of a reading as a clerk with `habit` might write it.

    Starts from Polivanov and applies the profile's habits with their probabilities.
    `habit=None` picks a profile at random (Polivanov half the time).
    """
    if habit is None:
        habit = rng.choices(CLERK_HABITS, weights=(5, 2, 2, 1))[0]
    if habit not in HABIT_RULES:
        raise ValueError(f"unknown clerk habit {habit!r}; choose from {CLERK_HABITS}")
    s = kana_to_cyrillic(katakana).lower()
    for rule, p in HABIT_RULES[habit].items():
        if rng.random() < p:
            s = rule(s, rng)
    return s[:1].upper() + s[1:]


def _kana_sub(pattern: str, repl: str) -> Rule:
    def rule(k: str, rng: random.Random) -> str:
        """Replace one random occurrence of the pattern."""
        spots = list(re.finditer(pattern, k))
        if not spots:
            return k
        m = rng.choice(spots)
        return k[: m.start()] + m.expand(repl) + k[m.end() :]

    rule.pattern = pattern  # type: ignore[attr-defined]
    return rule


_KANA_NOISE: list[Rule] = [
    _kana_sub("ヨ", "オ"),  # キヨシ → キオシ (read back from Киоси)
    _kana_sub("([ケセテネヘメレゲゼデベペエ])イ", r"\1ー"),  # ケイジ → ケージ
    _kana_sub("シ", "チ"),
    _kana_sub("チ", "シ"),
    _kana_sub("([オコソトノホモヨロゴゾドボポョ])ウ", r"\1"),  # サトウ → サト
    _kana_sub("([オコソトノホモヨロゴゾドボポョ])ウ", r"\1ー"),  # サトウ → サトー
    _kana_sub("ッ", ""),  # ハットリ → ハトリ
    _kana_sub("ズ", "ツ"),
    _kana_sub("ジ", "ヂ"),
    _kana_sub("ダ", "タ"),
    _kana_sub("ガ", "カ"),
    _kana_sub("キョ", "キヨ"),
    _kana_sub("ンイ", "ニ"),  # シンイチ → シニチ
]


def katakana_noise(katakana: str, rng: random.Random) -> str:
    """Katakana as the ministry's lists print it after converting back from Russian."""
    k = to_katakana(katakana)
    for _ in range(rng.choice((1, 1, 1, 2))):
        usable = [rule for rule in _KANA_NOISE if re.search(rule.pattern, k)]  # type: ignore[attr-defined]
        if usable:
            k = rng.choice(usable)(k, rng)
    return k
