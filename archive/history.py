"""A record's history starts when it first changes.

An import writes no history row for the records it creates: a copy of every new record would
double the work of a big import, and the record itself says where it came from (its batch and
`imported_at`). Just before a record first changes, by a later import or by hand in the admin,
its state as created is written as the '+' row, dated when it was imported, with that import's
reason and user. From then on its history reads as if it had been kept from the start: created,
then every change. The PostgreSQL import does the same in SQL (importing.postgres).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .models import ArchiveRecord, ImportBatch

_REASON = gettext_noop("取込 #%(id)s %(file)s")
REASON_MAX = 100


def import_reason(batch: ImportBatch) -> str:
    """The change reason of the history rows an import writes."""
    return (_(_REASON) % {"id": batch.pk, "file": batch.file_name})[:REASON_MAX]


def import_reason_sql(batch_alias: str) -> tuple[str, dict[str, str]]:
    """import_reason as SQL over an ImportBatch row `batch_alias` (NULL without a batch), and its parameters."""
    template = _(_REASON) % {"id": "\x01", "file": "\x02"}
    head, _sep, rest = template.partition("\x01")
    middle, _sep, tail = rest.partition("\x02")
    sql = (
        f"left(%(reason_head)s || {batch_alias}.id::text || %(reason_middle)s || {batch_alias}.file_name"
        f" || %(reason_tail)s, {REASON_MAX})"
    )
    return sql, {"reason_head": head, "reason_middle": middle, "reason_tail": tail}


def keep_first_states(ids: Iterable[int]) -> int:
    """Write the '+' row of each of these records that has no history yet (its state as stored now)."""
    ids = list(ids)
    history = ArchiveRecord.history.model
    first = list(
        ArchiveRecord.objects.filter(pk__in=ids)
        .exclude(pk__in=history.objects.filter(id__in=ids).values("id"))
        .select_related("batch__created_by")
    )
    for record in first:
        record._history_date = record.imported_at
        if record.batch is not None:
            record._history_user = record.batch.created_by
            record._change_reason = import_reason(record.batch)
    if first:
        ArchiveRecord.history.bulk_history_create(first)
    return len(first)


@receiver(pre_save, sender=ArchiveRecord, dispatch_uid="archive_first_state")
def _before_a_change(sender, instance: ArchiveRecord, raw: bool = False, **kwargs) -> None:
    """A record changed by hand (the admin) keeps its imported state as its first history row."""
    if instance.pk is not None and not raw:
        keep_first_states([instance.pk])
