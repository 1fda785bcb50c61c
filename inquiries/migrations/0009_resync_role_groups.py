"""Give the role groups the permissions the policy (inquiries.policy) derives for them."""

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
        ("archive", "0009_spelling_rederive"),
        ("inquiries", "0008_redact_tracking_links_in_notifications"),
    ]

    operations = [migrations.RunPython(resync_role_groups, migrations.RunPython.noop)]
