"""The audit trail: who changed what, when, from what to what, and why. Append-only."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        CREATED = "created", _("作成")
        CHANGED = "changed", _("変更")
        DELETED = "deleted", _("削除")
        # Reading personal data leaves a trace too (APPI): a case opened, a document downloaded,
        # data exported or printed; and every staff sign-in, successful or not.
        VIEWED = "viewed", _("閲覧")
        DOWNLOADED = "downloaded", _("ダウンロード")
        EXPORTED = "exported", _("書き出し")
        PRINTED = "printed", _("印刷")
        SIGNED_IN = "signed_in", _("ログイン")
        SIGN_IN_FAILED = "sign_in_failed", _("ログイン失敗")
        ERASED = "erased", _("個人情報の消去")

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("対象"), max_length=200)
    action = models.CharField(_("操作"), max_length=20, choices=Action.choices)
    changes = models.JSONField(_("変更内容"), default=dict)  # {field: [old, new]}, plus extra facts
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("実行者"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("実行者名"), max_length=150, blank=True)  # kept if the user goes
    reason = models.CharField(_("理由"), max_length=300, blank=True)
    # Set when written; an import's entries and those carried over from the old history keep their date.
    created_at = models.DateTimeField(_("日時"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        default_permissions = ("view",)  # nobody may change or delete an entry, not even in the admin
        indexes = [
            models.Index(fields=["content_type", "object_id", "created_at"], name="audit_object"),
            # "whose cases did this account open between two dates"
            models.Index(fields=["actor", "action", "created_at"], name="audit_actor_action"),
        ]
        verbose_name = _("変更履歴")
        verbose_name_plural = _("変更履歴")

    def __str__(self) -> str:
        return f"{self.object_repr} {self.get_action_display()} ({self.actor_name or '-'})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("audit entries are append-only")
