import django.db.models.deletion
from django.db import migrations, models

# Columns compared whole and sorted by code point: COLLATE "C" keeps the order of C.UTF-8 (and
# kana order for readings) and makes their indexes about twice as fast to build and search.
C_COLUMNS = (("source_id", 64), ("prefecture", 4), ("surname_reading", 100))


def _collate(collation):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name, length in C_COLUMNS:
            schema_editor.execute(
                f"ALTER TABLE archive_archiverecord ALTER COLUMN {name} TYPE varchar({length}) COLLATE {collation}"
            )

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0003_leaner_indexes"),
    ]

    operations = [
        migrations.AlterField(
            model_name="archiverecord",
            name="surname_spelling",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="archive.namespelling",
                verbose_name="姓の表記",
            ),
        ),
        migrations.RunPython(_collate('"C"'), _collate('"default"')),
    ]
