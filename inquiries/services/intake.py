"""Staff-assisted intake: an inquiry that came by post or telephone, entered by staff.

It is filed through the family pages' own `submit_inquiry` (same receipt number, token, first event
and notifications), with the channel it came by and the staff member as the audit's actor.
"""

from __future__ import annotations

import uuid

from django.utils.translation import gettext as _

from inquiries import policy
from inquiries.models import Channel
from inquiries.services.submission import Submission, submit_inquiry
from inquiries.services.workflow import TransitionNotAllowed


def enter_inquiry(fields: dict, *, user) -> Submission:
    """File an inquiry for a family that wrote or telephoned; returns the submission (with its token)."""
    if not policy.may(user, "case.enter"):
        raise TransitionNotAllowed(_("郵便・電話の照会を登録する権限がありません。"))
    channel = fields.get("channel")
    if channel not in (Channel.POST, Channel.PHONE):
        raise TransitionNotAllowed(_("受付経路は郵便か電話を選んでください。"))
    values = {k: v for k, v in fields.items() if k != "channel"}
    return submit_inquiry(f"staff-{uuid.uuid4().hex}", values, [], channel=channel, actor=user)
