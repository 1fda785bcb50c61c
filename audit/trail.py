"""Writes the audit trail: who changed what, from what to what, and why.

Each verb calls these functions in the transaction that makes the change: `snapshot` the row
under its lock, change it, then `record_change(instance, before, actor, reason=...)` writes the
differing fields as one `AuditEntry`. An actor of None is the system. Bulk writers (the archive
import) build unsaved entries with `entry` and `bulk_create` them; `entries_for` reads an
object's trail, newest first. `record_access` writes one entry for a read of personal data
(a case viewed, a document downloaded, an export, a print); `record_export` one for an export of
many rows of a model. Secrets (SECRET_FIELDS: a tracking token's hash, a submission key, a
password) are never written into an entry, whoever writes it.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Collection

from django.contrib.contenttypes.models import ContentType

from audit.models import AuditEntry

# Fields whose value is a secret or stands for one: never in the trail, never shown (see `without_secrets`).
SECRET_FIELDS = frozenset({"tracking_token_hash", "submission_key", "password", "token"})
IGNORED_FIELDS = frozenset({"updated_at"}) | SECRET_FIELDS


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def snapshot(instance, *, ignore: Collection[str] = IGNORED_FIELDS) -> dict:
    """The instance's field values as the audit trail stores them (by attname: `camp_id`)."""
    return {
        f.attname: _plain(getattr(instance, f.attname))
        for f in instance._meta.concrete_fields
        if f.attname not in ignore
    }


def diff(before: dict, after: dict) -> dict:
    """{field: [old, new]} for the fields of `after` whose value differs from `before`."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def without_secrets(changes: dict) -> dict:
    """`changes` with the SECRET_FIELDS left out (for writing, and for showing older entries)."""
    return {k: v for k, v in (changes or {}).items() if k not in SECRET_FIELDS}


def entry(instance, action: str, changes: dict, actor=None, *, reason: str = "", **extra) -> AuditEntry:
    """An unsaved entry about `instance` (save it, or bulk_create many)."""
    return AuditEntry(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        action=action,
        changes=without_secrets(changes),
        actor=actor,
        actor_name=actor.get_username() if actor is not None else "",
        reason=reason,
        **extra,
    )


def write(instance, action: str, changes: dict, actor=None, *, reason: str = "") -> AuditEntry:
    written = entry(instance, action, changes, actor, reason=reason)
    written.save()
    return written


def record_creation(
    instance, actor, *, reason: str = "", ignore: Collection[str] = IGNORED_FIELDS
) -> AuditEntry:
    values = snapshot(instance, ignore=ignore)
    changes = {k: [None, v] for k, v in values.items() if v not in ("", None)}
    return write(instance, AuditEntry.Action.CREATED, changes, actor, reason=reason)


def record_change(
    instance, before: dict, actor, *, reason: str = "", ignore: Collection[str] = IGNORED_FIELDS
) -> AuditEntry | None:
    """One entry with the fields that differ from `before` (a `snapshot`); none if nothing differs."""
    changes = diff(before, snapshot(instance, ignore=ignore))
    return write(instance, AuditEntry.Action.CHANGED, changes, actor, reason=reason) if changes else None


def record_deletion(instance, actor, *, reason: str = "") -> AuditEntry:
    return write(instance, AuditEntry.Action.DELETED, {}, actor, reason=reason)


def record_linked(instance, field: str, added_ids, actor) -> AuditEntry:
    return write(instance, AuditEntry.Action.CHANGED, {field: [None, sorted(added_ids)]}, actor)


def record_access(instance, action: str, actor, **facts) -> AuditEntry:
    """One entry saying that `actor` read `instance` (viewed, downloaded, exported, printed),
    with `facts` (what was exported, which document...) kept in `changes`."""
    return write(instance, action, facts, actor)


def record_export(model, actor, **facts) -> AuditEntry:
    """One entry saying that `actor` exported rows of `model` (what, which filter, how many rows)."""
    written = AuditEntry(
        content_type=ContentType.objects.get_for_model(model, for_concrete_model=True),
        object_id="",
        object_repr=str(model._meta.verbose_name_plural)[:200],
        action=AuditEntry.Action.EXPORTED,
        changes=without_secrets(facts),
        actor=actor,
        actor_name=actor.get_username() if actor is not None else "",
    )
    written.save()
    return written


def entries_for(instance):
    """The object's entries, newest first."""
    ct = ContentType.objects.get_for_model(instance, for_concrete_model=True)
    return AuditEntry.objects.filter(content_type=ct, object_id=str(instance.pk)).select_related("actor")
