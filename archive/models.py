"""Archive records transcribed from Soviet and Mongolian documents.

What a document says is kept exactly as written (Cyrillic or katakana); beside it the import derives
what search and matching use. A name spelling is derived once however many records share it:
`NameSpelling` holds its readings and phonetic keys, `SpellingKey` indexes the keys for blocking.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Camp(models.Model):
    name = models.CharField(_("収容所名"), max_length=200, unique=True)
    region = models.CharField(_("地域"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("収容所")
        verbose_name_plural = _("収容所")

    def __str__(self) -> str:
        return self.name


class BurialSite(models.Model):
    class Collection(models.TextChoices):
        NOT_STARTED = "not_started", _("未収集")
        SURVEYED = "surveyed", _("調査済み")
        PARTLY = "partly", _("一部収集")
        COLLECTED = "collected", _("収集済み")
        UNKNOWN = "unknown", _("不明")

    name = models.CharField(_("埋葬地"), max_length=200, unique=True)
    region = models.CharField(_("地域"), max_length=200, blank=True)
    cemetery_number = models.CharField(_("墓地番号"), max_length=50, blank=True)
    location = models.CharField(_("所在地"), max_length=300, blank=True)
    latitude = models.DecimalField(_("緯度"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("経度"), max_digits=8, decimal_places=5, null=True, blank=True)
    collection_status = models.CharField(
        _("遺骨収集状況"), max_length=20, choices=Collection.choices, default=Collection.UNKNOWN
    )

    class Meta:
        ordering = ["region", "name"]
        verbose_name = _("埋葬地")
        verbose_name_plural = _("埋葬地")

    def __str__(self) -> str:
        return self.name


class ImportBatch(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("待機中")
        RUNNING = "running", _("取込中")
        DONE = "done", _("完了")
        FAILED = "failed", _("失敗")

    file_name = models.CharField(_("ファイル名"), max_length=255)
    checksum = models.CharField(_("チェックサム (SHA-256)"), max_length=64, db_index=True)
    uploaded_file = models.FileField(_("アップロードされたファイル"), upload_to="imports/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("実行者"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("開始日時"), auto_now_add=True)
    finished_at = models.DateTimeField(_("終了日時"), null=True, blank=True)
    state = models.CharField(_("状態"), max_length=10, choices=State.choices, default=State.PENDING)
    dry_run = models.BooleanField(_("検証のみ"), default=False)
    rows_total = models.PositiveIntegerField(_("行数"), default=0)
    rows_done = models.PositiveIntegerField(_("処理済み行数"), default=0)
    created = models.PositiveIntegerField(_("新規"), default=0)
    updated = models.PositiveIntegerField(_("更新"), default=0)
    unchanged = models.PositiveIntegerField(_("変更なし"), default=0)
    rejected = models.PositiveIntegerField(_("不合格"), default=0)
    errors = models.JSONField(_("不合格の行と理由"), default=list, blank=True)
    # A running import's claim on the batch (an upload's worker, archive.tasks, or a command-line
    # import on PostgreSQL, import_csv), renewed at each step; run out while running: interrupted.
    lease_until = models.DateTimeField(_("取込の期限"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("取込バッチ")
        verbose_name_plural = _("取込バッチ")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})" if self.created_at else self.file_name

    # How long a running import's claim lasts unrenewed; the import renews it at each step.
    CLAIM = timedelta(minutes=10)

    @classmethod
    def claim_until(cls, now: datetime | None = None) -> datetime:
        """Where a claim taken or renewed now runs out."""
        return (now or timezone.now()) + cls.CLAIM

    @classmethod
    def claim_run_out(cls, now: datetime) -> models.Q:
        """The batches `interrupted` describes, as a filter."""
        return models.Q(state=cls.State.RUNNING, lease_until__lt=now)

    @property
    def interrupted(self) -> bool:
        """Still running, but its claim has run out: the process importing it has stopped (killed
        or its machine gone) and nothing of it was committed. An upload is imported again by the
        next delivery of its task; a command-line import has to be run again. (The same rule as
        claim_run_out, for one batch.)"""
        return (
            self.state == self.State.RUNNING
            and self.lease_until is not None
            and self.lease_until < timezone.now()
        )


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


class ArchiveRecordQuerySet(models.QuerySet):
    def death_known(self):
        return self.exclude(death_year__isnull=True)


class ArchiveRecord(models.Model):
    class DocumentType(models.TextChoices):
        PERSONAL_FILE = "personal_file", _("個人ファイル（учётное дело）")
        REGISTRATION_CARD = "registration_card", _("登録カード")
        DEATH_LIST = "death_list", _("死亡者名簿")
        MEDICAL = "medical", _("診療記録")
        BURIAL_ACT = "burial_act", _("埋葬記録")
        OTHER = "other", _("その他")

    source_id = models.CharField(_("資料ID"), max_length=64)
    batch = models.ForeignKey(
        ImportBatch,
        verbose_name=_("取込バッチ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # nothing reads records by batch, and a batch is never deleted
        # No foreign key in the database: a big import drops and adds the record table's foreign
        # keys again (BulkLoad), which would lock the batch table until it commits, and with it
        # the batch's progress, its claim (renewed on another connection) and the batch pages.
        # The import writes its own batch's id; Django still sets it to NULL should one be deleted.
        db_constraint=False,
    )
    document_type = models.CharField(
        _("資料の種類"), max_length=20, choices=DocumentType.choices, default=DocumentType.REGISTRATION_CARD
    )
    # As written in the document.
    surname_cyr = models.CharField(_("姓（キリル文字）"), max_length=100, blank=True)
    given_name_cyr = models.CharField(_("名（キリル文字）"), max_length=100, blank=True)
    patronymic_cyr = models.CharField(_("父称（キリル文字）"), max_length=100, blank=True)
    surname_kana = models.CharField(_("姓（カタカナ名簿）"), max_length=100, blank=True)
    given_name_kana = models.CharField(_("名（カタカナ名簿）"), max_length=100, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("生年"), null=True, blank=True)
    birthplace_cyr = models.CharField(_("出生地（原文）"), max_length=300, blank=True)
    rank_cyr = models.CharField(_("階級（原文）"), max_length=100, blank=True)
    unit_cyr = models.CharField(_("部隊（原文）"), max_length=200, blank=True)
    camp = models.ForeignKey(
        Camp,
        verbose_name=_("収容所"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="records",
    )
    region = models.CharField(_("地域"), max_length=200, blank=True)
    death_year = models.PositiveSmallIntegerField(_("死亡年"), null=True, blank=True)
    death_month = models.PositiveSmallIntegerField(_("死亡月"), null=True, blank=True)
    death_day = models.PositiveSmallIntegerField(_("死亡日"), null=True, blank=True)
    death_cause = models.CharField(_("死因（原文）"), max_length=300, blank=True)
    burial_site = models.ForeignKey(
        BurialSite,
        verbose_name=_("埋葬地"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="records",
        db_index=False,  # archive_burial_site: only the records that have one
    )
    grave_no = models.CharField(_("墓番号"), max_length=50, blank=True)
    archive_ref = models.CharField(
        _("資料出典（文書館・フォンド・目録・ファイル・枚）"), max_length=300, blank=True
    )
    # Derived for search and matching.
    prefecture = models.CharField(_("都道府県"), max_length=4, blank=True)
    surname_spelling = models.ForeignKey(
        NameSpelling,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("姓の表記"),
        db_index=False,  # archive_name_pair starts with it
    )
    given_spelling = models.ForeignKey(
        NameSpelling,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("名の表記"),
    )
    surname_reading = models.CharField(_("姓の読み"), max_length=100, blank=True)
    given_name_reading = models.CharField(_("名の読み"), max_length=100, blank=True)
    romaji = models.CharField(_("ローマ字"), max_length=200, blank=True)
    imported_at = models.DateTimeField(_("取込日時"), auto_now=True)

    # History is read per record (by id) and by date; its other columns need no index of their own,
    # and every index there is rebuilt or updated for each imported row.
    history = HistoricalRecords(
        excluded_fields=["imported_at", "batch"],
        no_db_index=["source_id", "prefecture", "surname_reading", "camp", "burial_site",
                     "surname_spelling", "given_spelling"],
    )  # fmt: skip
    objects = ArchiveRecordQuerySet.as_manager()

    class Meta:
        ordering = ["source_id"]
        # On PostgreSQL source_id, prefecture and surname_reading compare by code point (COLLATE "C",
        # migration 0004): the same order as C.UTF-8 and kana order, and much faster to index.
        # Plain b-tree indexes (no extra LIKE-pattern copies): these columns are only compared whole.
        constraints = [models.UniqueConstraint(fields=["source_id"], name="archive_unique_source_id")]
        indexes = [
            models.Index(fields=["prefecture"], name="archive_prefecture"),
            models.Index(fields=["surname_reading"], name="archive_surname_reading"),
            models.Index(fields=["birth_year"], name="archive_birth_year"),
            # Candidate generation: records whose name pair falls in two sets of spellings.
            models.Index(fields=["surname_spelling", "given_spelling"], name="archive_name_pair"),
            # Few records name a burial site: a partial index is a fraction of the size and build.
            models.Index(
                fields=["burial_site"],
                name="archive_burial_site",
                condition=models.Q(burial_site__isnull=False),
            ),
        ]
        verbose_name = _("資料記録")
        verbose_name_plural = _("資料記録")

    def __str__(self) -> str:
        name = " ".join(part for part in (self.surname_cyr, self.given_name_cyr) if part)
        return f"{self.source_id} {name or self.surname_kana + ' ' + self.given_name_kana}".strip()

    @property
    def death_date_display(self) -> str:
        parts = [str(p) for p in (self.death_year, self.death_month, self.death_day) if p]
        return "-".join(parts)
