"""Print-ready letters for families who chose the post: one A4 page each, address in the window."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation

from inquiries.notifications.privacy import link_pattern
from inquiries.notifications.rendering import era_date


def letter_pages(notifications) -> str:
    """One HTML document, one page per letter, for the browser's print dialog.

    A letter never carries the family's private link (receipts by post are written without it);
    a row written before that rule is printed without it too.
    """
    letters = []
    for n in notifications:
        with translation.override(n.language):
            letters.append(
                {
                    "notification": n,
                    "address_lines": n.recipient.splitlines(),
                    "date": era_date(timezone.localdate(), n.language),
                    "body": link_pattern().sub("", n.body_text),
                    "language": n.language,
                }
            )
    return render_to_string("letters/batch.html", {"letters": letters})
