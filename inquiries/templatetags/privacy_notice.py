"""{% privacy_notice %}: the purpose-of-use notice, on its own page and on the confirm page."""

from __future__ import annotations

from django import template

from inquiries.privacy import notice_context
from inquiries.services.submission import POSTAL_ADDRESS

register = template.Library()


@register.inclusion_tag("inquiries/_privacy_notice.html")
def privacy_notice(heading_level: int = 2) -> dict:
    return {**notice_context(), "postal_address": POSTAL_ADDRESS, "h": f"h{heading_level}"}
