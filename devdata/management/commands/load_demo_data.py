"""Create the staff roles, one demo account per role, and sample archive records (idempotent)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from inquiries.roles import ROLES, sync_role_groups

# Demo only: these accounts are listed in README.md and must never exist in production.
DEMO_PASSWORD = "demo-2026-ja"
DEMO_USERS = (
    ("intake", "受付", "花子", "intake"),
    ("matcher", "照合", "一郎", "matching"),
    ("verifier", "確認", "次郎", "verifier"),
    ("manager", "管理", "三郎", "administrator"),
)


class Command(BaseCommand):
    help = "Create staff roles, demo logins and sample archive records. Safe to run more than once."

    def add_arguments(self, parser):
        parser.add_argument("--records", type=int, default=5000, help="Sample archive records to load.")

    def handle(self, *args, records: int, **options):
        with transaction.atomic():
            sync_role_groups()
            users = self.create_demo_users()
        if records > 0:
            from devdata.archive_sample import load_sample, sample_inquiries
            from devdata.demo_inquiries import load_demo_inquiries

            load_sample(records, stdout=self.stdout)
            new = load_demo_inquiries(sample_inquiries(records, count=12))
            self.stdout.write(f"Sample inquiries: {new} new (matched against the sample archive)")
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {DEMO_PASSWORD}):"))
        for username, role in users:
            self.stdout.write(f"  {username:<10} {role}")

    def create_demo_users(self) -> list[tuple[str, str]]:
        User = get_user_model()
        roles = {role.code: role for role in ROLES}
        created = []
        for username, last, first, role_code in DEMO_USERS:
            role = roles[role_code]
            user, was_created = User.objects.get_or_create(
                username=username, defaults={"last_name": last, "first_name": first, "is_staff": True}
            )
            if was_created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            user.groups.add(Group.objects.get(name=role.group))
            created.append((username, role.group))
        return created
