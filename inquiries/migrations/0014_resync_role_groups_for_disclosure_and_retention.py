"""Give the role groups the permissions the policy derives for them (disclosure, retention period)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def resync_role_groups(apps, schema_editor):
    from inquiries.roles import sync_role_groups

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("archive", "0010_history_into_the_audit_trail"),
        ("audit", "0003_access_and_sign_in"),
        ("inquiries", "0013_privacy_notice_and_retention"),
    ]

    operations = [migrations.RunPython(resync_role_groups, migrations.RunPython.noop)]
