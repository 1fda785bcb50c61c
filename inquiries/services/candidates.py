"""Deciding about candidate matches: propose, verify (four eyes), reject, hold.

A matcher proposes a candidate (the case moves to 'match proposed'); a verifier who is not the
proposer verifies it with a note and an evidence checklist (the case moves to 'identified') or
rejects it (back to 'searching'). The evidence ticked is kept in the candidate's note, the event's
note and the audit trail. Each verb locks the candidate and its case, moves the case through
`_move` (these are the moves the transitions table marks `via_service`) and audits the candidate.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit import trail
from inquiries.models import CandidateMatch, Inquiry, Status
from inquiries.services.workflow import TransitionNotAllowed, _move, require

State = CandidateMatch.State

EVIDENCE = {
    "reading": gettext_lazy("氏名の読み"),
    "birth_year": gettext_lazy("生年"),
    "birthplace": gettext_lazy("出生地・本籍地"),
    "unit": gettext_lazy("部隊"),
    "rank": gettext_lazy("階級"),
    "camp": gettext_lazy("収容所"),
}


def _lock(candidate: CandidateMatch) -> CandidateMatch:
    locked = CandidateMatch.objects.select_for_update().select_related("inquiry").get(pk=candidate.pk)
    Inquiry.objects.select_for_update().filter(pk=locked.inquiry_id).first()
    return locked


def _need_note(note: str) -> str:
    note = (note or "").strip()
    if not note:
        raise TransitionNotAllowed(_("メモ（理由）を書いてください。"))
    return note


def _sync(candidate: CandidateMatch, locked: CandidateMatch) -> None:
    for field in ("status", "note", "proposed_by_id", "proposed_at", "decided_by_id", "decided_at"):
        setattr(candidate, field, getattr(locked, field))


def propose(candidate: CandidateMatch, *, user, note: str) -> CandidateMatch:
    """Put a candidate forward as the identification; the case waits for a verifier."""
    require(user, "candidate.propose")
    note = _need_note(note)
    with transaction.atomic():
        locked = _lock(candidate)
        before = trail.snapshot(locked)
        if locked.status not in (State.SUGGESTED, State.ON_HOLD):
            raise TransitionNotAllowed(_("この候補は照合案にできる状態ではありません。"))
        _move(locked.inquiry, Status.MATCH_PROPOSED, user=user, note=note, via_service=True)
        locked.status, locked.note = State.PROPOSED, note
        locked.proposed_by, locked.proposed_at = user, timezone.now()
        locked.flagged = False
        locked.save()
        trail.record_change(locked, before, user)
    _sync(candidate, locked)
    return locked


def verify(candidate: CandidateMatch, *, user, note: str, evidence) -> list[str]:
    """Confirm a proposed identification (not by its proposer). Returns warnings to show."""
    require(user, "candidate.verify")
    note = _need_note(note)
    ticked = [key for key in EVIDENCE if key in set(evidence or ())]
    if not ticked:
        raise TransitionNotAllowed(_("一致を確認した項目を少なくとも一つ選んでください。"))
    with transaction.atomic():
        locked = _lock(candidate)
        before = trail.snapshot(locked)
        if locked.status != State.PROPOSED:
            raise TransitionNotAllowed(_("確認できるのは照合案になっている候補だけです。"))
        if locked.proposed_by_id == user.pk:
            raise TransitionNotAllowed(
                _("照合案を出した本人は確認できません。別の確認者が確認してください。")
            )
        checked = "、".join(str(EVIDENCE[key]) for key in ticked)
        full_note = _("一致を確認した項目: %(items)s\n%(note)s") % {"items": checked, "note": note}
        _move(locked.inquiry, Status.IDENTIFIED, user=user, note=full_note, via_service=True)
        locked.status, locked.note = State.CONFIRMED, full_note
        locked.decided_by, locked.decided_at = user, timezone.now()
        locked.save()
        trail.record_change(locked, before, user)
    _sync(candidate, locked)
    return identification_warnings(locked)


def reject(candidate: CandidateMatch, *, user, note: str) -> CandidateMatch:
    """Reject a candidate. A proposed one is rejected by a verifier and the case goes back to searching."""
    note = _need_note(note)
    with transaction.atomic():
        locked = _lock(candidate)
        before = trail.snapshot(locked)
        if locked.status == State.PROPOSED:
            require(user, "candidate.reject_proposed")
            _move(locked.inquiry, Status.SEARCHING, user=user, note=note, via_service=True)
        elif locked.status in (State.SUGGESTED, State.ON_HOLD):
            require(user, "candidate.reject_suggested")
        else:
            raise TransitionNotAllowed(_("この候補はすでに判断済みです。"))
        locked.status, locked.note = State.REJECTED, note
        locked.decided_by, locked.decided_at = user, timezone.now()
        locked.flagged = False
        locked.save()
        trail.record_change(locked, before, user)
    _sync(candidate, locked)
    return locked


def hold(candidate: CandidateMatch, *, user, note: str) -> CandidateMatch:
    """Set a suggested candidate aside to look at again later."""
    require(user, "candidate.hold")
    note = _need_note(note)
    with transaction.atomic():
        locked = _lock(candidate)
        before = trail.snapshot(locked)
        if locked.status != State.SUGGESTED:
            raise TransitionNotAllowed(_("保留にできるのは未判断の候補だけです。"))
        locked.status, locked.note, locked.flagged = State.ON_HOLD, note, False
        locked.save()
        trail.record_change(locked, before, user)
    _sync(candidate, locked)
    return locked


def identification_warnings(candidate: CandidateMatch) -> list[str]:
    """A record confirmed for two different inquiries is worth a second look."""
    others = (
        CandidateMatch.objects.filter(record_id=candidate.record_id, status=State.CONFIRMED)
        .exclude(inquiry_id=candidate.inquiry_id)
        .select_related("inquiry")
    )
    return [
        _("注意: この資料は別の照会 %(ref)s でも本人と確認されています。同一人物の照会か確認してください。")
        % {"ref": other.inquiry.reference}
        for other in others
    ]
