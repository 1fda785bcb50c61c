"""One import of a file of records: who, when, what came of it, and the claim of the process importing it."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
