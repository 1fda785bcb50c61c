"""Archive records are audited by the one trail (audit.AuditEntry): their old history moves there.

django-simple-history kept a whole copy of a record at each change. Each record's copies are
read in order and each is written as one audit entry with the fields that differ from the copy
before it ({field: [old, new]}, as every entry holds); the first copy, having none before it,
lists its values. Date, user and change reason are kept. Then the history table is dropped.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import migrations

BATCH = 2000
HISTORY_FIELDS = {"history_id", "history_date", "history_change_reason", "history_type", "history_user"}
ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


def record_repr(values: dict) -> str:
    """str(ArchiveRecord) of these values."""
    name = " ".join(p for p in (values["surname_cyr"], values["given_name_cyr"]) if p)
    return f"{values['source_id']} {name or values['surname_kana'] + ' ' + values['given_name_kana']}".strip()


def entry_values(previous: dict | None, current: dict, history_type: str) -> tuple[str, dict]:
    """The action and changes of one history row, given the record's row before it (or None)."""
    action = ACTIONS.get(history_type, "changed")
    if action == "deleted":
        return action, {}
    if previous is None:
        return action, {k: [None, v] for k, v in current.items() if v not in ("", None)}
    return action, {k: [previous.get(k), v] for k, v in current.items() if previous.get(k) != v}


def history_to_audit(apps, schema_editor):
    Historical = apps.get_model("archive", "HistoricalArchiveRecord")
    AuditEntry = apps.get_model("audit", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    if not Historical.objects.exists():
        return
    content_type, _created = ContentType.objects.get_or_create(app_label="archive", model="archiverecord")
    fields = [f.attname for f in Historical._meta.concrete_fields if f.name not in HISTORY_FIELDS]
    users = dict(
        User.objects.filter(pk__in=Historical.objects.values("history_user_id")).values_list(
            "pk", get_user_model().USERNAME_FIELD
        )
    )
    rows = Historical.objects.order_by("id", "history_date", "history_id").values(
        *fields, "history_date", "history_change_reason", "history_type", "history_user_id"
    )
    pending, previous, previous_id = [], None, None
    for row in rows.iterator(chunk_size=BATCH):
        current = {f: row[f] for f in fields}
        if current["id"] != previous_id:
            previous, previous_id = None, current["id"]
        action, changes = entry_values(previous, current, row["history_type"])
        pending.append(
            AuditEntry(
                content_type=content_type,
                object_id=str(current["id"]),
                object_repr=record_repr(current)[:200],
                action=action,
                changes=changes,
                actor_id=row["history_user_id"],
                actor_name=users.get(row["history_user_id"], ""),
                reason=row["history_change_reason"] or "",
                created_at=row["history_date"],
            )
        )
        previous = current
        if len(pending) >= BATCH:
            AuditEntry.objects.bulk_create(pending)
            pending = []
    AuditEntry.objects.bulk_create(pending)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0009_spelling_rederive"),
        ("audit", "0002_reason"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # Backwards the entries stay and the history table comes back empty.
        migrations.RunPython(history_to_audit, migrations.RunPython.noop),
        migrations.DeleteModel(name="HistoricalArchiveRecord"),
    ]
