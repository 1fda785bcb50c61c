"""How long finished cases keep the applicant's personal data: one row, set by the manager.

Until a manager saves a value, the period is the RETENTION_DAYS setting.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MINIMUM_DAYS = 30  # a slip of the keyboard must not erase every finished case at once


class RetentionPolicy(models.Model):
    closed_case_days = models.PositiveIntegerField(
        _("終了した照会の個人情報の保管期間（日）"),
        validators=[MinValueValidator(MINIMUM_DAYS)],
        help_text=_(
            "完了・取下げ・重複、または回答後にご家族から連絡のない照会は、最後の動きからこの日数が過ぎると、"
            "申請者の個人情報（氏名・連絡先・書類・連絡の本文）を消去します。照会の骨格と統計は残ります。"
        ),
    )
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("更新者"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("個人情報の保管期間")
        verbose_name_plural = _("個人情報の保管期間")

    def __str__(self) -> str:
        return str(_("終了した照会: %(days)s日") % {"days": self.closed_case_days})

    def save(self, *args, **kwargs):
        self.pk = 1  # one row
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> RetentionPolicy:
        policy, _created = cls.objects.get_or_create(
            pk=1, defaults={"closed_case_days": settings.RETENTION_DAYS}
        )
        return policy
