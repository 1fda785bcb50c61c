"""The family's private tracking link: in the receipt e-mail only, and gone from the outbox afterwards.

The raw token exists outside the family's browser only in the receipt e-mail's stored body, while
the e-mail waits to be sent. Once it is sent, or has failed or been cancelled for good, the link is
replaced by a neutral sentence. Letters and telephone notes never carry it (`for_channel`).
"""

from __future__ import annotations

import re
from functools import cache

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from inquiries.models import Notification

SENT_PLACEHOLDER = _("（専用リンクは送信済みのメールに記載しています）")
UNSENT_PLACEHOLDER = _("（専用リンクは安全のため削除しました。受付番号を添えてお問い合わせください）")


@cache
def link_pattern() -> re.Pattern:
    """Any absolute or relative address of the family status page, whatever the site's host."""
    marker = "TOKEN"
    before, _, after = reverse("inquiries:status", args=[marker]).partition(marker)
    return re.compile(rf"(?:https?://\S*?)?{re.escape(before)}[A-Za-z0-9_\-]+{re.escape(after)}")


def redact(body: str, *, delivered: bool) -> str:
    placeholder = str(SENT_PLACEHOLDER if delivered else UNSENT_PLACEHOLDER)
    return link_pattern().sub(placeholder, body)


def for_channel(channel: str, tracking_url: str) -> str:
    """The link goes into e-mail only: a letter or a note read out on the phone must not carry it."""
    return tracking_url if channel == Notification.Medium.EMAIL else ""
