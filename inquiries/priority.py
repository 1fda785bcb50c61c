"""The queue's priority score: older applicants and longer waits first.

One point per day the case has waited, seven per year of the applicant's age (a year of age
counts as a week of waiting). Both grow at the same rate for every case, so the order never
changes with time and the score is stored once, in `Inquiry.priority`, and indexed: the queue
sorts 50,000 cases by it without computing anything.

    priority = BASE - (days from 2000-01-01 to receipt) + 7 × (2000 - applicant's birth year)

`priority_of` is called by `submit_inquiry` when a case is filed (no verb changes the applicant's
birth year afterwards).
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

BASE = 20_000
EPOCH = date(2000, 1, 1)
UNKNOWN_BIRTH_YEAR = 1950  # applicants who did not say: counted as about 75


def priority_for(received: date, applicant_birth_year: int | None) -> int:
    age_weeks = 7 * (2000 - (applicant_birth_year or UNKNOWN_BIRTH_YEAR))
    return max(0, min(32_767, BASE - (received - EPOCH).days + age_weeks))


def priority_of(inquiry) -> int:
    received = timezone.localdate(inquiry.created_at) if inquiry.created_at else timezone.localdate()
    return priority_for(received, inquiry.applicant_birth_year)
