"""The notification outbox: one row per message a family (or staff) must be sent, and call logs.

Rows are written in the same transaction as the event that causes them and delivered after
commit by `inquiries.tasks.send_notification`, which claims a row with a conditional UPDATE.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationQuerySet(models.QuerySet):
    def failed(self):
        return self.filter(status=Notification.Status.FAILED)

    def due(self, now=None):
        """E-mails a sweeper should queue again: pending and overdue, or stuck past their lease."""
        now = now or timezone.now()
        grace = now - timezone.timedelta(seconds=settings.NOTIFY_SWEEP_SECONDS)
        pending = models.Q(status=Notification.Status.PENDING, next_attempt_at__lte=grace)
        stuck = models.Q(status=Notification.Status.SENDING, lease_until__lt=now)
        return self.filter(pending | stuck, channel=Notification.Medium.EMAIL)


class Notification(models.Model):
    class Kind(models.TextChoices):
        RECEIVED = "received", _("受付のお知らせ")
        MORE_INFO = "more_info", _("追加情報のお願い")
        REMINDER = "reminder", _("追加情報のお願い（再送）")
        ANSWERED = "answered", _("調査結果のお知らせ")
        NO_RECORD = "no_record", _("該当資料なしのお知らせ")
        CLOSED = "closed", _("完了のお知らせ")
        DIGEST = "digest", _("職員向け滞留案件一覧")

    class Medium(models.TextChoices):
        EMAIL = "email", _("メール")
        LETTER = "letter", _("郵便")
        PHONE = "phone", _("電話")

    class Status(models.TextChoices):
        PENDING = "pending", _("送信待ち")
        SENDING = "sending", _("送信中")
        SENT = "sent", _("送信済み")
        FAILED = "failed", _("送信失敗")
        CANCELLED = "cancelled", _("取消し")

    key = models.CharField(max_length=255, unique=True)  # one event → one message per recipient and channel
    inquiry = models.ForeignKey(
        "inquiries.Inquiry", null=True, blank=True, on_delete=models.PROTECT, related_name="notifications"
    )
    event = models.ForeignKey(
        "inquiries.InquiryEvent", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("種類"), max_length=20, choices=Kind.choices)
    channel = models.CharField(_("連絡方法"), max_length=10, choices=Medium.choices)
    recipient = models.TextField(_("宛先"))
    language = models.CharField(_("言語"), max_length=5, default="ja")
    subject = models.CharField(_("件名"), max_length=300)
    body_text = models.TextField(_("本文"))
    body_html = models.TextField(_("本文（HTML）"), blank=True)
    status = models.CharField(_("状態"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("試行回数"), default=0)
    last_error = models.TextField(_("最後のエラー"), blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("作成日時"), default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(_("送信日時"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("次の試行"), default=timezone.now)
    lease_until = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="notification_due")]
        verbose_name = _("お知らせ")
        verbose_name_plural = _("お知らせ")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} / {self.get_channel_display()} / {self.recipient.splitlines()[0]}"

    def save(self, *args, **kwargs):
        if not self.message_id:
            self.message_id = stable_message_id(self.key)
        super().save(*args, **kwargs)


def stable_message_id(key: str) -> str:
    """The same Message-ID for every attempt at one notification, so a repeat can be recognised."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"<notification.{digest}@{settings.NOTIFY_MESSAGE_ID_DOMAIN}>"


class CallLog(models.Model):
    """One telephone call made for a notification whose channel is the telephone."""

    class Outcome(models.TextChoices):
        REACHED = "reached", _("お伝えした")
        NO_ANSWER = "no_answer", _("不在")
        LEFT_MESSAGE = "left_message", _("伝言を残した（内容は伝えていない）")
        WRONG_NUMBER = "wrong_number", _("番号違い")

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="calls")
    caller = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("担当者"), on_delete=models.PROTECT)
    called_at = models.DateTimeField(_("日時"), default=timezone.now)
    outcome = models.CharField(_("結果"), max_length=20, choices=Outcome.choices)
    note = models.TextField(_("メモ"), blank=True)

    class Meta:
        ordering = ["called_at", "id"]
        verbose_name = _("電話連絡の記録")
        verbose_name_plural = _("電話連絡の記録")

    def __str__(self) -> str:
        return f"{self.called_at:%Y-%m-%d %H:%M} {self.get_outcome_display()}"
