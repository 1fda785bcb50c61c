"""Verbs that move a case: move, move_many, assign, ask_family, add_internal_note, link_related,
reopen_for_new_candidate.

Each verb owns its transaction: it locks the inquiry row, checks the policy and the transitions
table (`inquiries.transitions`), changes the case, and writes the event, the audit entry and the
family's notification (`outbox.notify_family`) in that transaction. `_move` is the only code that
changes `Inquiry.status`: through `move` for the bare moves, and through the candidate verbs
(`inquiries.services.candidates`) for the moves the table marks `via_service`.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import trail
from inquiries import policy, transitions
from inquiries.events import record_event
from inquiries.models import CLOSED_STATUSES, Direction, Inquiry, InquiryEvent, Message, Status
from inquiries.notifications.outbox import notify_family


class TransitionNotAllowed(ValidationError):
    """A move the table, the user's role or the case's state does not allow."""


def _label(status: str) -> str:
    return str(Status(status).label)


def lock(inquiry: Inquiry) -> Inquiry:
    """The case's row, locked until the end of the caller's transaction."""
    return Inquiry.objects.select_for_update().get(pk=inquiry.pk)


def move(inquiry: Inquiry, to_status: str, *, user, note: str = "", duplicate_of=None) -> InquiryEvent:
    """Move one case to `to_status` (a bare move); returns the recorded event. Raises TransitionNotAllowed.

    `user` None is the system (the standing search, a family's reply)."""
    return _move(inquiry, to_status, user=user, note=note, duplicate_of=duplicate_of, via_service=False)


def _move(inquiry: Inquiry, to_status: str, *, user, note: str, duplicate_of=None, via_service: bool):
    note = (note or "").strip()
    with transaction.atomic():
        locked = lock(inquiry)
        before = trail.snapshot(locked)
        step = transitions.transition(locked.status, to_status)
        where = f"{locked.reference}: {_label(locked.status)} → {_label(to_status)}"
        if step is None:
            raise TransitionNotAllowed(_("%(where)s には移せません。") % {"where": where})
        if step.via_service and not via_service:
            raise TransitionNotAllowed(
                _("%(where)s は照合候補の画面（照合案・確認・却下）からのみ行えます。") % {"where": where}
            )
        if not transitions.may_make(user, step):
            raise TransitionNotAllowed(_("%(where)s を行う権限がありません。") % {"where": where})
        if step.note_required and not note:
            raise TransitionNotAllowed(_("%(where)s にはメモ（理由）が必要です。") % {"where": where})
        if to_status == Status.DUPLICATE:
            if duplicate_of is None:
                raise TransitionNotAllowed(_("%(where)s には重複先の照会が必要です。") % {"where": where})
            if duplicate_of.pk == locked.pk:
                raise TransitionNotAllowed(_("照会を自分自身の重複にはできません。"))
            locked.duplicate_of = duplicate_of
        event = record_event(
            locked,
            from_status=locked.status,
            to_status=to_status,
            actor=user,
            note=note,
            visible_to_family=step.visible_to_family,
        )
        locked.status = to_status
        locked.moved_at = timezone.now()
        locked.save()
        trail.record_change(locked, before, user)
        notify_family(event)
    inquiry.status, inquiry.moved_at, inquiry.duplicate_of = (
        locked.status,
        locked.moved_at,
        locked.duplicate_of,
    )
    return event


def move_many(inquiries, to_status: str, *, user, note: str, duplicate_of=None) -> int:
    """Move every case or none: one transaction, each case through `move`."""
    with transaction.atomic():
        for inquiry in inquiries:
            move(inquiry, to_status, user=user, note=note, duplicate_of=duplicate_of)
    return len(inquiries)


def legal_targets_for_all(inquiries, user) -> list[str]:
    """Statuses this user may move every one of these cases to (bare moves only)."""
    common = None
    for inquiry in inquiries:
        targets = {t.target for t in transitions.allowed_targets(user, inquiry.status)}
        common = targets if common is None else common & targets
    return [s for s in Status if s in (common or set())]


def require(user, ability: str) -> None:
    """Refuse unless the policy lets this user do `ability` (inquiries.policy)."""
    if not policy.may(user, ability):
        raise TransitionNotAllowed(_("この操作を行う権限がありません。"))


def assign(inquiry: Inquiry, *, user, assignee) -> None:
    """Make `assignee` responsible for the case (None to unassign)."""
    require(user, "case.assign")
    with transaction.atomic():
        locked = lock(inquiry)
        if locked.status in CLOSED_STATUSES:
            raise TransitionNotAllowed(
                _("%(ref)s は完了しているため担当を変えられません。") % {"ref": locked.reference}
            )
        before = trail.snapshot(locked)
        locked.assignee = assignee
        locked.save(update_fields=["assignee", "updated_at"])
        trail.record_change(locked, before, user)
    inquiry.assignee = assignee


def assign_many(inquiries, *, user, assignee) -> int:
    with transaction.atomic():
        for inquiry in inquiries:
            assign(inquiry, user=user, assignee=assignee)
    return len(inquiries)


def ask_family(inquiry: Inquiry, *, user, text: str) -> Message:
    """Write to the family and wait for their answer (moves to awaiting family)."""
    text = (text or "").strip()
    if not text:
        raise TransitionNotAllowed(_("ご家族へのお願いの内容を書いてください。"))
    require(user, "case.ask")
    with transaction.atomic():
        move(inquiry, Status.AWAITING_FAMILY, user=user, note=text)
        return Message.objects.create(inquiry=inquiry, direction=Direction.TO_FAMILY, body=text, author=user)


def add_internal_note(inquiry: Inquiry, *, user, text: str):
    """A note for staff only: an event that moves nothing and that the family never sees."""
    text = (text or "").strip()
    if not text:
        raise TransitionNotAllowed(_("メモを書いてください。"))
    require(user, "case.note")
    with transaction.atomic():
        locked = lock(inquiry)
        return record_event(
            locked, from_status=locked.status, to_status=locked.status, actor=user, note=text,
            visible_to_family=False,
        )  # fmt: skip


def link_related(inquiry: Inquiry, other: Inquiry, *, user) -> None:
    """Mark two inquiries as being about the same person (both ways)."""
    require(user, "case.link")
    if inquiry.pk == other.pk:
        raise TransitionNotAllowed(_("照会を自分自身と関連付けることはできません。"))
    with transaction.atomic():
        locked = lock(inquiry)
        if locked.related.filter(pk=other.pk).exists():
            return
        locked.related.add(other)
        trail.record_linked(locked, "related", [other.pk], user)


def reopen_for_new_candidate(inquiry: Inquiry) -> bool:
    """The standing search found a new candidate for a 'no record' case: back to searching.

    Called by the matcher with no user (the system). Returns False when the case is not in
    'no record found' any more (someone moved it meanwhile), so calling twice is harmless.
    """
    with transaction.atomic():
        if lock(inquiry).status != Status.NO_RECORD:
            return False
        move(inquiry, Status.SEARCHING, user=None, note=_("新しい候補が見つかったため調査を再開しました。"))
    return True
