"""The audit trail moves to its own app (audit): its table is renamed, its rows stay.

The model leaves this app's state only; audit.0001 takes it over on the renamed table and moves
its content type, so the permission view_auditentry and references to it keep working.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("inquiries", "0008_redact_tracking_links_in_notifications"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.AlterModelTable("AuditEntry", "audit_auditentry")],
            state_operations=[migrations.DeleteModel("AuditEntry")],
        ),
    ]
