"""One person as one Soviet or Mongolian document records them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .batches import ImportBatch
from .places import BurialSite, Camp
from .spellings import NameSpelling


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
