"""Remove secrets (a tracking token's hash, a submission key, a password) from entries written before
the trail stopped storing them: hiding them at display left them readable in the database. The one
other change ever made to written entries is the erasure of a finished case's personal data."""

from django.db import migrations

SECRET_FIELDS = ("tracking_token_hash", "submission_key", "password", "token")  # audit.trail.SECRET_FIELDS


def scrub(apps, schema_editor):
    AuditEntry = apps.get_model("audit", "AuditEntry")
    for name in SECRET_FIELDS:
        for pk, changes in (
            AuditEntry.objects.filter(changes__has_key=name).values_list("pk", "changes").iterator()
        ):
            cleaned = {k: v for k, v in changes.items() if k not in SECRET_FIELDS}
            AuditEntry.objects.filter(pk=pk).update(changes=cleaned)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_access_and_sign_in")]

    operations = [migrations.RunPython(scrub, migrations.RunPython.noop)]
