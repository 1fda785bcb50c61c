"""Writes the audit trail of inquiries and candidate matches: who changed what, from what to what.

The verbs in `inquiries.services` (and the matcher, for the candidates it keeps) call these
functions in the transaction that makes the change: `snapshot` the row under its lock, change it,
then `record_change(instance, before, actor)` writes the differing fields as one `AuditEntry`.
An actor of None is the system. Archive records keep their history with django-simple-history.
"""

from __future__ import annotations

import datetime
import decimal

from django.contrib.contenttypes.models import ContentType

from inquiries.models.audit import AuditEntry

IGNORED_FIELDS = {"updated_at"}


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def snapshot(instance) -> dict:
    """The instance's field values as the audit trail stores them."""
    return {
        f.attname: _plain(getattr(instance, f.attname))
        for f in instance._meta.concrete_fields
        if f.attname not in IGNORED_FIELDS
    }


def write(instance, action: str, changes: dict, actor=None) -> AuditEntry:
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        action=action,
        changes=changes,
        actor=actor,
        actor_name=actor.get_username() if actor is not None else "",
    )


def record_creation(instance, actor) -> AuditEntry:
    values = snapshot(instance)
    return write(
        instance,
        AuditEntry.Action.CREATED,
        {k: [None, v] for k, v in values.items() if v not in ("", None)},
        actor,
    )


def record_change(instance, before: dict, actor) -> AuditEntry | None:
    """One entry with the fields that differ from `before` (a `snapshot`); none if nothing differs."""
    after = snapshot(instance)
    changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    return write(instance, AuditEntry.Action.CHANGED, changes, actor) if changes else None


def record_deletion(instance, actor) -> AuditEntry:
    return write(instance, AuditEntry.Action.DELETED, {}, actor)


def record_linked(instance, field: str, added_ids, actor) -> AuditEntry:
    return write(instance, AuditEntry.Action.CHANGED, {field: [None, sorted(added_ids)]}, actor)


def entries_for(instance):
    ct = ContentType.objects.get_for_model(instance, for_concrete_model=True)
    return AuditEntry.objects.filter(content_type=ct, object_id=str(instance.pk)).select_related("actor")
