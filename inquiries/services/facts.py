"""Correcting a case's facts after it was filed: a family telephones with the right birth year,
a letter comes back from an old address.

The corrected fields are saved in one transaction with an internal note that names them and
gives the reason; the audit trail keeps the values before and after (audit.trail), and a
change to what matching reads runs matching again after the commit.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from audit import trail
from inquiries import facts, policy
from inquiries.events import record_event
from inquiries.models import Inquiry
from inquiries.services.scheduling import match_after_commit
from inquiries.services.workflow import TransitionNotAllowed


def correctable_by(user) -> tuple[str, ...]:
    """The fields this user may correct (inquiries.policy): the relative's, the contact details, both."""
    fields: tuple[str, ...] = ()
    if policy.may(user, "case.correct_relative"):
        fields += facts.RELATIVE.fields + facts.INTERNMENT.fields
    if policy.may(user, "case.correct_contact"):
        fields += facts.CONTACT.fields
    return fields


def may_correct(user) -> bool:
    """Whether this user may correct any of a case's facts."""
    return bool(correctable_by(user))


def correct_facts(inquiry: Inquiry, values: dict, *, user, reason: str) -> list[str]:
    """Write the fields of `values` that differ from the case's; the names of those fields.

    Raises TransitionNotAllowed without a reason, without the role, or when nothing differs;
    ValueError for a field that staff may not correct (facts.CORRECTABLE)."""
    unknown = set(values) - set(facts.CORRECTABLE)
    if unknown:
        raise ValueError(f"not a correctable fact: {sorted(unknown)}")
    reason = (reason or "").strip()
    if not reason:
        raise TransitionNotAllowed(_("訂正の理由を書いてください。"))
    if not may_correct(user):
        raise TransitionNotAllowed(_("照会の内容を訂正する権限がありません。"))
    with transaction.atomic():
        locked = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        changed = [name for name, value in values.items() if getattr(locked, name) != value]
        if set(changed) - set(correctable_by(user)):
            raise TransitionNotAllowed(_("この項目を訂正する権限がありません。"))
        if not changed:
            raise TransitionNotAllowed(_("訂正された項目がありません。"))
        before = trail.snapshot(locked)
        for name in changed:
            setattr(locked, name, values[name])
        locked.save()
        trail.record_change(locked, before, user, reason=reason[:300])
        labels = [facts.label(name) for name in changed]
        note = _("照会の内容を訂正しました（%(fields)s）。理由: %(reason)s") % {
            "fields": _("、").join(labels),
            "reason": reason,
        }
        record_event(
            locked, from_status=locked.status, to_status=locked.status, actor=user, note=note,
            visible_to_family=False,
        )  # fmt: skip
        if set(changed) & set(facts.MATCHED):
            match_after_commit(locked.pk)
    for name in changed:
        setattr(inquiry, name, values[name])
    return labels
