"""A staff member lost the phone with their authenticator app: remove their second factor, so they
enrol a new one at their next sign-in. Written to the audit trail."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import second_factor
from audit.models import AuditEntry
from audit.trail import write


class Command(BaseCommand):
    help = "Remove a staff member's second factor; they enrol a new one at their next sign-in."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--reason", default="", help="Why (kept in the audit trail).")

    def handle(self, *args, username: str, reason: str, **options):
        User = get_user_model()
        user = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(f"No account named {username!r}.")
        with transaction.atomic():
            removed = second_factor.reset(user)
            write(user, AuditEntry.Action.CHANGED, {"second_factor": ["TOTP", None]}, None, reason=reason)
        self.stdout.write(
            f"{username}: {removed} device(s) removed; a new one is enrolled at the next sign-in."
        )
