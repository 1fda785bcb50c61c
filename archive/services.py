"""The one path by which a person changes an archive record: a role allowed to edit, a reason, an audit entry.

What a document says is the evidence an identification rests on, so a record changes by hand
only through these verbs (the admin calls them): each checks the Django permission, requires a
reason, derives the record's readings, keys, romaji and prefecture again (archive.derive, the
derivation every import uses), saves, and writes one AuditEntry with the fields that changed and
the reason, all in one transaction. Imports audit the records they change themselves, in bulk
(archive.importing). Archive never imports inquiries, so the check is the Django permission the
role groups grant (inquiries.roles).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from archive.derive import prefecture_of, record_names, spelling_pair
from archive.importing.lookups import spelling_display
from archive.models import ArchiveRecord
from archive.spellings import ensure_spellings
from audit import trail

# Not facts of the record: which import wrote it last and when (the entry's reason names the batch).
NOT_AUDITED = frozenset({"imported_at", "batch_id"})
DERIVED = frozenset(
    {"prefecture", "surname_spelling", "given_spelling", "surname_reading", "given_name_reading", "romaji"}
)
EDITABLE = (
    frozenset(f.name for f in ArchiveRecord._meta.concrete_fields if not f.primary_key and f.editable)
    - DERIVED
    - {"batch"}
)


def refresh_derived(record: ArchiveRecord) -> None:
    """Spellings, readings, romaji and prefecture from the as-written fields, as the import derives them."""
    pairs = (
        spelling_pair(record.surname_cyr, record.surname_kana),
        spelling_pair(record.given_name_cyr, record.given_name_kana),
    )
    ids = ensure_spellings([p for p in pairs if p])
    s_id, g_id = (ids.get(p) if p else None for p in pairs)
    copied = spelling_display({i for i in (s_id, g_id) if i})
    record.surname_spelling_id, record.given_spelling_id = s_id, g_id
    surname, given = (copied.get(i) if i else None for i in (s_id, g_id))
    for name, value in record_names(surname, given).items():
        setattr(record, name, value)
    record.prefecture = prefecture_of(record.birthplace_cyr)


def _checked(values: dict, user, permission: str, reason: str) -> str:
    if user is None or not user.has_perm(permission):
        raise PermissionDenied(_("資料記録を変更する権限がありません。"))
    unknown = set(values) - EDITABLE
    if unknown:
        raise ValueError(f"not editable by hand: {sorted(unknown)}")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("変更の理由を書いてください。"))
    return reason


def edit_record(record: ArchiveRecord, values: dict, *, user, reason: str) -> ArchiveRecord:
    """Change what the record says (field name → value), audited with the reason; the saved record."""
    reason = _checked(values, user, "archive.change_archiverecord", reason)
    with transaction.atomic():
        locked = ArchiveRecord.objects.select_for_update().get(pk=record.pk)
        before = trail.snapshot(locked, ignore=NOT_AUDITED)
        for name, value in values.items():
            setattr(locked, name, value)
        refresh_derived(locked)
        locked.save()
        trail.record_change(locked, before, user, reason=reason, ignore=NOT_AUDITED)
    return locked


def create_record(values: dict, *, user, reason: str) -> ArchiveRecord:
    """A record entered by hand, audited with the reason."""
    reason = _checked(values, user, "archive.add_archiverecord", reason)
    with transaction.atomic():
        record = ArchiveRecord(**values)
        refresh_derived(record)
        record.save()
        trail.record_creation(record, user, reason=reason, ignore=NOT_AUDITED)
    return record


def delete_record(record: ArchiveRecord, *, user, reason: str = "") -> None:
    """Delete a record; its audit entries stay, with one saying who deleted it."""
    if user is None or not user.has_perm("archive.delete_archiverecord"):
        raise PermissionDenied(_("資料記録を変更する権限がありません。"))
    with transaction.atomic():
        trail.record_deletion(record, user, reason=reason)
        record.delete()
