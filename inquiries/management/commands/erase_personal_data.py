"""Erase one finished case's personal data now, at the family's request (APPI art. 35).

    python manage.py erase_personal_data 2026-000123 --reason "2026-12-01 書面で請求（本人確認済み）"

The same erasure the retention task makes when the period ends; an open case must be withdrawn first.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from inquiries.models import Inquiry
from inquiries.services.retention import NotFinished, erase_on_request


class Command(BaseCommand):
    help = "Erase the personal data of one finished case now, at the family's request."

    def add_arguments(self, parser):
        parser.add_argument("reference", help="the receipt number, e.g. 2026-000123")
        parser.add_argument("--reason", required=True, help="when and how the family asked (no names)")

    def handle(self, reference, reason, **options):
        try:
            inquiry = erase_on_request(reference, reason=reason)
        except Inquiry.DoesNotExist as missing:
            raise CommandError(f"no case with receipt number {reference}") from missing
        except NotFinished as open_case:
            raise CommandError(
                f"{reference} is still open or already erased: withdraw or close it first"
            ) from open_case
        self.stdout.write(f"{inquiry.reference}: personal data erased")
