"""Where the records say people were held and buried: camps and burial sites."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


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
