"""The purpose-of-use notice (利用目的, APPI art. 21) families are shown before they send an inquiry.

The notice's words live in templates/inquiries/_privacy_notice.html; change PRIVACY_NOTICE_VERSION
whenever they change. `submit_inquiry` stores the version on every inquiry it files (the family
pages and staff intake), so it is known which notice each family agreed to.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inquiries.models import RetentionPolicy

PRIVACY_NOTICE_VERSION = "2026-12"


def retention_in_words(days: int) -> str:
    """The retention period as a family reads it: whole years when it is years, else days."""
    if days % 365 == 0:
        years = days // 365
        return ngettext("%(n)d年", "%(n)d年", years) % {"n": years}
    return _("%(n)d日") % {"n": days}


def notice_context() -> dict:
    return {
        "notice_version": PRIVACY_NOTICE_VERSION,
        "retention": retention_in_words(RetentionPolicy.current().closed_case_days),
    }
