"""Name spellings: each distinct written form of a name part, derived once, and the keys that index them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class NameSpelling(models.Model):
    """One distinct written form of a name part, derived once for all records that share it."""

    class Script(models.TextChoices):
        CYRILLIC = "cyr", _("キリル文字")
        KANA = "kana", _("カタカナ")

    text = models.CharField(_("表記"), max_length=100)  # normalised: Cyrillic lower-case or katakana
    script = models.CharField(_("文字"), max_length=4, choices=Script.choices)
    readings = models.CharField(
        _("読み候補"), max_length=400, blank=True
    )  # katakana, space-separated, best first
    romaji = models.CharField(_("ローマ字"), max_length=100, blank=True)
    keys = models.CharField(_("音声キー"), max_length=200, blank=True)  # space-separated

    class Meta:
        constraints = [models.UniqueConstraint(fields=["script", "text"], name="unique_spelling")]
        verbose_name = _("氏名の表記")
        verbose_name_plural = _("氏名の表記")

    def __str__(self) -> str:
        return self.text

    @property
    def reading_list(self) -> list[str]:
        return self.readings.split()

    @property
    def best_reading(self) -> str:
        return self.readings.split(" ", 1)[0] if self.readings else ""


class SpellingRederive(models.Model):
    """One run of rederive_spellings that changed stored spellings: every process's matching
    index loads the spellings afresh after it (archive.matching.index)."""

    ran_at = models.DateTimeField(_("実行日時"), auto_now_add=True)
    spellings = models.PositiveIntegerField(_("導き直した表記"))
    changed = models.PositiveIntegerField(_("変わった表記"))
    records = models.PositiveIntegerField(_("書き換えた資料記録"))

    class Meta:
        ordering = ["-ran_at"]
        verbose_name = _("表記の導き直し")
        verbose_name_plural = _("表記の導き直し")

    def __str__(self) -> str:
        return f"{self.ran_at:%Y-%m-%d %H:%M}" if self.ran_at else ""


class SpellingKey(models.Model):
    """Phonetic key → spelling, the index candidate generation (blocking) reads."""

    # Looked up by key through unique_spelling_key, whose first column it is: no index of its own.
    key = models.CharField(max_length=40)
    spelling = models.ForeignKey(NameSpelling, on_delete=models.CASCADE, related_name="key_rows")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "spelling"], name="unique_spelling_key")]

    def __str__(self) -> str:
        return self.key
