"""AuditEntry, taken over from the inquiries app with its rows (inquiries.0009 renamed the table).

State only for the model; the content type inquiries.auditentry becomes audit.auditentry, so the
permission view_auditentry the role groups hold is the same row.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    old = ContentType.objects.filter(app_label="inquiries", model="auditentry").first()
    if old is None:
        return
    ContentType.objects.filter(app_label="audit", model="auditentry").exclude(pk=old.pk).delete()
    old.app_label = "audit"
    old.save(update_fields=["app_label"])


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="audit", model="auditentry").update(app_label="inquiries")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("inquiries", "0009_audit_entries_move_to_the_audit_app"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditEntry",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("object_id", models.CharField(max_length=64)),
                        ("object_repr", models.CharField(max_length=200, verbose_name="対象")),
                        ("action", models.CharField(choices=[("created", "作成"), ("changed", "変更"), ("deleted", "削除")], max_length=10, verbose_name="操作")),
                        ("changes", models.JSONField(default=dict, verbose_name="変更内容")),
                        ("actor_name", models.CharField(blank=True, max_length=150, verbose_name="実行者名")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="日時")),
                        ("actor", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="実行者")),
                        ("content_type", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="contenttypes.contenttype")),
                    ],
                    options={
                        "verbose_name": "変更履歴",
                        "verbose_name_plural": "変更履歴",
                        "ordering": ["-created_at", "-id"],
                        "default_permissions": ("view",),
                        "indexes": [models.Index(fields=["content_type", "object_id", "created_at"], name="audit_object")],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
