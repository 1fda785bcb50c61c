"""Remove families' private tracking links from notification rows written before they were redacted.

Receipt e-mails already sent (or failed or cancelled) lose the link; letters and telephone notes,
which should never have carried it, lose it whatever their status. Pending e-mails keep it: they
still have to deliver it, and are redacted when they are sent.
"""

import re

from django.db import migrations

LINK = re.compile(r"(?:https?://\S*?)?/inquiries/status/[A-Za-z0-9_\-]+/")
SENT = "（専用リンクは送信済みのメールに記載しています）"
UNSENT = "（専用リンクは安全のため削除しました。受付番号を添えてお問い合わせください）"


def redact(apps, schema_editor):
    Notification = apps.get_model("inquiries", "Notification")
    rows = Notification.objects.filter(body_text__contains="/inquiries/status/").exclude(
        channel="email", status__in=["pending", "sending"]
    )
    for row in rows.iterator():
        if row.channel == "email":
            replacement = SENT if row.status == "sent" else UNSENT
        else:
            replacement = ""
        body = LINK.sub(replacement, row.body_text)
        if body != row.body_text:
            Notification.objects.filter(pk=row.pk).update(body_text=body)


class Migration(migrations.Migration):
    dependencies = [("inquiries", "0007_inquiry_priority_index")]

    operations = [migrations.RunPython(redact, migrations.RunPython.noop)]
