"""Messages between staff and a family about one inquiry (requests for information, replies)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    TO_FAMILY = "to_family", _("ご家族へ")
    FROM_FAMILY = "from_family", _("ご家族から")


class Message(models.Model):
    inquiry = models.ForeignKey("inquiries.Inquiry", on_delete=models.CASCADE, related_name="messages")
    direction = models.CharField(_("方向"), max_length=12, choices=Direction.choices)
    body = models.TextField(_("本文"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("日時"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("連絡")
        verbose_name_plural = _("連絡")

    def __str__(self) -> str:
        return f"{self.inquiry.reference} {self.get_direction_display()} {self.created_at:%Y-%m-%d}"
