"""Sign-ins in the audit trail: one entry per attempt, successful or not, about the account tried.

An attempt on a username that does not exist is kept too, against the user model with no object id
and the name that was typed. `changes` holds the client address and which step it was (the password
or the second factor)."""

from __future__ import annotations

from axes.helpers import get_client_ip_address
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

from audit.models import AuditEntry
from audit.trail import record_access

PASSWORD = "password"
SECOND_FACTOR = "second_factor"


def address(request) -> str:
    """The client address as the lockout counts it (accounts.lockout.client_ip; "" if none)."""
    return (get_client_ip_address(request) or "") if request is not None else ""


def signed_in(user, request, *, step: str = PASSWORD, **facts) -> AuditEntry:
    return record_access(
        user, AuditEntry.Action.SIGNED_IN, user, address=address(request), step=step, **facts
    )


def sign_in_failed(username: str, request, *, step: str = PASSWORD, **facts) -> AuditEntry:
    User = get_user_model()
    facts = {"address": address(request), "step": step, **facts}
    user = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first() if username else None
    if user is not None:
        return record_access(user, AuditEntry.Action.SIGN_IN_FAILED, None, **facts)
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(User),
        object_id="",
        object_repr=username[:200],
        action=AuditEntry.Action.SIGN_IN_FAILED,
        changes=facts,
    )
