"""Writes the audit trail for inquiries, candidate matches and archive records.

Every save of those models is compared with the row as it was in the database and the differing
fields are written as one `AuditEntry`, in the saving transaction. Services say who acts with
`acting(user)`; admin requests are picked up from simple_history's request middleware. Bulk
actions go through the services one case at a time, so each case gets its own entry.
"""

from __future__ import annotations

import contextvars
import datetime
import decimal
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from inquiries.models.audit import AuditEntry

AUDITED = ("inquiries.Inquiry", "inquiries.CandidateMatch", "archive.ArchiveRecord")
IGNORED_FIELDS = {"updated_at", "imported_at"}

_actor: contextvars.ContextVar = contextvars.ContextVar("audit_actor", default=None)


@contextmanager
def acting(user):
    """Attribute every audited change inside the block to `user` (None: the system)."""
    token = _actor.set(user)
    try:
        yield
    finally:
        _actor.reset(token)


def current_actor():
    user = _actor.get()
    if user is not None:
        return user
    from simple_history.models import HistoricalRecords

    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def _fields(instance) -> dict:
    return {
        f.attname: _plain(getattr(instance, f.attname))
        for f in instance._meta.concrete_fields
        if f.attname not in IGNORED_FIELDS
    }


def write(instance, action: str, changes: dict, actor=None) -> AuditEntry:
    actor = actor if actor is not None else current_actor()
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        action=action,
        changes=changes,
        actor=actor,
        actor_name=actor.get_username() if actor is not None else "",
    )


def entries_for(instance):
    ct = ContentType.objects.get_for_model(instance, for_concrete_model=True)
    return AuditEntry.objects.filter(content_type=ct, object_id=str(instance.pk)).select_related("actor")


def _remember_old(sender, instance, raw=False, **kwargs):
    if raw or instance._state.adding or instance.pk is None:
        return
    old = sender._base_manager.filter(pk=instance.pk).values(*_fields(instance).keys()).first()
    instance._audit_old = {k: _plain(v) for k, v in old.items()} if old else None


def _write_change(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    new = _fields(instance)
    if created:
        write(
            instance, AuditEntry.Action.CREATED, {k: [None, v] for k, v in new.items() if v not in ("", None)}
        )
        return
    old = getattr(instance, "_audit_old", None) or {}
    instance._audit_old = None
    changes = {k: [old.get(k), v] for k, v in new.items() if old.get(k) != v}
    if changes:
        write(instance, AuditEntry.Action.CHANGED, changes)


def _write_delete(sender, instance, **kwargs):
    write(instance, AuditEntry.Action.DELETED, {})


def _write_related(sender, instance, action, pk_set, **kwargs):
    if action not in ("post_add", "post_remove") or not pk_set:
        return
    field = "related"
    for f in instance._meta.many_to_many:
        if f.remote_field.through is sender:
            field = f.name
    change = sorted(pk_set)
    before, after = (None, change) if action == "post_add" else (change, None)
    write(instance, AuditEntry.Action.CHANGED, {field: [before, after]})


# Connected per model (lazily, by name), so models that are not audited keep Django's fast deletes.
for _model in AUDITED:
    pre_save.connect(_remember_old, sender=_model, dispatch_uid=f"audit-pre-{_model}")
    post_save.connect(_write_change, sender=_model, dispatch_uid=f"audit-post-{_model}")
    post_delete.connect(_write_delete, sender=_model, dispatch_uid=f"audit-delete-{_model}")
m2m_changed.connect(_write_related, sender="inquiries.Inquiry_related", dispatch_uid="audit-related")
