"""Questions a data-protection officer asks of the trail.

`opened_by`: whose records did one account read (view, download, print) between two moments. It
reads the index (actor, action, created_at) for each of the read actions, so it answers from the
account's own entries however long the trail grows (bench/audit.py: 1,000,000 entries). The first
and last times come back as text and are read with `datetime.fromisoformat`: Django's timestamp
loader for psycopg runs in Python and took most of the time on an account with thousands of cases.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Max, Min
from django.db.models.functions import Cast

from audit.models import AuditEntry

READS = (AuditEntry.Action.VIEWED, AuditEntry.Action.DOWNLOADED, AuditEntry.Action.PRINTED)


@dataclass(frozen=True)
class Opened:
    object_id: str
    object_repr: str
    first: datetime.datetime
    last: datetime.datetime
    times: int


def reads(actor_id: int, start: datetime.datetime, end: datetime.datetime, model=None):
    """The account's read entries in [start, end), of `model`'s objects if given."""
    entries = AuditEntry.objects.filter(
        actor_id=actor_id, action__in=READS, created_at__gte=start, created_at__lt=end
    )
    if model is not None:
        entries = entries.filter(content_type=ContentType.objects.get_for_model(model))
    return entries


def opened(actor_id: int, start: datetime.datetime, end: datetime.datetime, model=None):
    """The query of `opened_by` (its values, not yet read): one row per object read."""
    return (
        reads(actor_id, start, end, model)
        .values("content_type", "object_id")
        .alias(first_at=Min("created_at"))
        .annotate(
            repr=Max("object_repr"),
            first=Cast(Min("created_at"), CharField()),
            last=Cast(Max("created_at"), CharField()),
            times=Count("id"),
        )
        .order_by("first_at", "object_id")
    )


def opened_by(actor_id: int, start: datetime.datetime, end: datetime.datetime, model=None) -> list[Opened]:
    """Each object the account read in [start, end), once, with the first and last time and how often;
    in the order first read."""
    rows = opened(actor_id, start, end, model)
    return [
        Opened(r["object_id"], r["repr"], _moment(r["first"]), _moment(r["last"]), r["times"]) for r in rows
    ]


def _moment(text: str) -> datetime.datetime:
    """A stored time as text (PostgreSQL: with its offset; SQLite: UTC without one) as an aware datetime."""
    moment = datetime.datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=datetime.UTC)
