"""What the case page shows beside the facts: moves, candidates side by side, timeline, notes."""

from __future__ import annotations

from archive.display import era_date as era
from archive.display import place_name
from archive.matching import reasons
from audit.queries import READS
from audit.trail import entries_for
from inquiries import policy, transitions
from inquiries.admin.audit import visible
from inquiries.models import CandidateMatch, Status
from inquiries.services.candidates import EVIDENCE, identification_warnings
from inquiries.services.facts import may_correct

State = CandidateMatch.State


def _record_row(candidate: CandidateMatch, user) -> dict:
    record = candidate.record
    cyrillic = " ".join(p for p in (record.surname_cyr, record.given_name_cyr, record.patronymic_cyr) if p)
    listed_kana = " ".join(p for p in (record.surname_kana, record.given_name_kana) if p)
    reading = " ".join(p for p in (record.surname_reading, record.given_name_reading) if p)
    is_open = candidate.status in (State.SUGGESTED, State.ON_HOLD)
    return {
        "candidate": candidate,
        "record": record,
        "cyrillic": cyrillic or "—",
        "listed_kana": listed_kana,
        "reading": reading or "—",
        "birth": era(record.birth_year),
        "death": era(record.death_year, record.death_month, record.death_day),
        "birthplace": " / ".join(p for p in (record.birthplace_cyr, place_name(record.prefecture)) if p),
        "reasons": reasons(candidate.explanation or {}),
        "also": candidate.also or [],
        "can_propose": is_open
        and candidate.inquiry.status == Status.SEARCHING
        and policy.may(user, "candidate.propose"),
        "can_hold": candidate.status == State.SUGGESTED and policy.may(user, "candidate.hold"),
        "can_reject": (is_open and policy.may(user, "candidate.reject_suggested"))
        or (candidate.status == State.PROPOSED and policy.may(user, "candidate.reject_proposed")),
        "can_verify": candidate.status == State.PROPOSED
        and policy.may(user, "candidate.verify")
        and candidate.proposed_by_id != user.pk,
        "proposer_is_me": candidate.status == State.PROPOSED and candidate.proposed_by_id == user.pk,
    }


def case_context(request, inquiry) -> dict:
    """What the case page shows; `inquiry` comes from the admin's queryset (with_overdue)."""
    user = request.user
    candidates = list(
        inquiry.candidates.select_related(
            "record__camp", "record__burial_site", "proposed_by", "decided_by", "inquiry"
        ).order_by("-score")
    )
    events = list(inquiry.events.select_related("actor").order_by("created_at", "id"))
    see_notes = policy.may(user, "case.internal_notes")
    see_documents = policy.may(user, "case.documents")
    warnings = []
    for candidate in candidates:
        if candidate.status == State.CONFIRMED:
            warnings.extend(identification_warnings(candidate))
    return {
        "case": inquiry,
        "case_overdue": inquiry.is_overdue,
        "case_birth": era(
            inquiry.birth_year, inquiry.birth_month, inquiry.birth_day, inquiry.birth_approximate
        ),
        "case_birthplace": place_name(inquiry.birthplace),
        "moves": [
            (t.target, Status(t.target).label, t.note_required, t.visible_to_family)
            for t in transitions.allowed_targets(user, inquiry.status)
        ],
        "can_ask_family": policy.may(user, "case.ask")
        and any(
            t.target == Status.AWAITING_FAMILY for t in transitions.allowed_targets(user, inquiry.status)
        ),
        "candidate_rows": [_record_row(c, user) for c in candidates],
        "can_correct": may_correct(user),
        "evidence_choices": list(EVIDENCE.items()),
        "timeline": [e for e in events if e.from_status != e.to_status],
        "can_see_notes": see_notes,
        "internal_notes": [e for e in events if e.from_status == e.to_status and not e.visible_to_family]
        if see_notes
        else [],
        "can_note": policy.may(user, "case.note"),
        "can_assign": policy.may(user, "case.assign"),
        "can_link": policy.may(user, "case.link"),
        "family_messages": list(inquiry.messages.select_related("author").order_by("created_at")),
        "can_see_documents": see_documents,
        "documents": list(inquiry.documents.order_by("uploaded_at")) if see_documents else [],
        "related_cases": list(inquiry.related.all()),
        "duplicates": list(inquiry.duplicates.all()),
        # Changes only: who read the case is in the audit trail (its reads would crowd out the changes).
        "audit_entries": [
            visible(entry, user) for entry in entries_for(inquiry).exclude(action__in=READS)[:50]
        ],
        "identification_warnings": warnings,
    }
