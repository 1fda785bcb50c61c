"""Re-sync the role groups' permissions: view_auditentry now belongs to the audit app."""

import importlib

from django.db import migrations


def resync_role_groups(apps, schema_editor):
    staff_roles = importlib.import_module("inquiries.migrations.0004_staff_roles")
    staff_roles.create_role_groups(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("inquiries", "0009_audit_entries_move_to_the_audit_app"),
        ("audit", "0001_initial"),
    ]

    operations = [migrations.RunPython(resync_role_groups, migrations.RunPython.noop)]
