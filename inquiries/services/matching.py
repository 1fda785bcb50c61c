"""Match an inquiry against the archive and keep the candidates staff decide on.

A rejected candidate stays rejected however often matching runs again: a group of cards any of
which staff rejected for this inquiry is not put forward again. Candidates staff have touched
(proposed, confirmed, on hold) keep their status; untouched suggestions that fell out of the
top N are dropped. In the standing search, a new candidate scoring `likely` is flagged for staff
(and never shown to the family before a person has verified it). The system is the actor of
the audit entries for the candidates it adds, rescores and drops.
"""

from __future__ import annotations

from django.db import transaction

from archive.matching import Facts, explanation, match
from archive.matching.scoring import LIKELY
from audit import trail
from inquiries.models import CandidateMatch, Inquiry, Status
from inquiries.services.workflow import reopen_for_new_candidate

TOP_N = 10


def facts_of(inquiry: Inquiry) -> Facts:
    return Facts(
        surname_kanji=inquiry.surname_kanji,
        given_name_kanji=inquiry.given_name_kanji,
        surname_kana="" if inquiry.reading_unknown else inquiry.surname_kana,
        given_name_kana="" if inquiry.reading_unknown else inquiry.given_name_kana,
        birth_year=inquiry.birth_year,
        birth_approximate=inquiry.birth_approximate,
        prefecture=inquiry.birthplace,
        unit=inquiry.unit,
    )


def run_matching(inquiry_id: int, *, standing: bool = False) -> list[CandidateMatch]:
    """Match one inquiry and store its candidates; returns the candidates newly flagged for staff."""
    with transaction.atomic():
        inquiry = Inquiry.objects.select_for_update().filter(pk=inquiry_id).first()
        if inquiry is None or not inquiry.is_open:
            return []
        found = match(facts_of(inquiry), top=TOP_N)
        existing = {cm.record.source_id: cm for cm in inquiry.candidates.select_related("record")}
        rejected = {sid for sid, cm in existing.items() if cm.status == CandidateMatch.State.REJECTED}
        kept, flagged = set(), []
        for candidate in found:
            cards = {card.record.source_id for card in candidate.cards}
            if cards & rejected:
                continue
            head = candidate.head.record
            current = next((existing[sid] for sid in cards if sid in existing), None)
            values = {
                "score": candidate.score,
                "band": candidate.band,
                "explanation": explanation(candidate),
                "also": candidate.also,
            }
            if current is not None:
                before = trail.snapshot(current)
                for name, value in values.items():
                    setattr(current, name, value)
                current.save(update_fields=[*values, "updated_at"])
                trail.record_change(current, before, None)
                kept.add(current.pk)
                continue
            is_new_lead = standing and candidate.score >= LIKELY
            created = CandidateMatch.objects.create(
                inquiry=inquiry, record_id=head.id, flagged=is_new_lead, **values
            )
            trail.record_creation(created, None)
            kept.add(created.pk)
            if is_new_lead:
                flagged.append(created)
        dropped = [
            cm
            for cm in existing.values()
            if cm.status == CandidateMatch.State.SUGGESTED and cm.pk not in kept
        ]
        for cm in dropped:
            trail.record_deletion(cm, None)
        CandidateMatch.objects.filter(pk__in=[cm.pk for cm in dropped]).delete()
        if flagged and inquiry.status == Status.NO_RECORD:
            reopen_for_new_candidate(inquiry)
    return flagged


def standing_search_ids() -> list[int]:
    return list(Inquiry.objects.for_standing_search().order_by("pk").values_list("pk", flat=True))
