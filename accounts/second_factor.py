"""The TOTP second factor: enrolment at the first sign-in, verification at each one after.

An account has at most one confirmed device. Until it has one, it is shown a new secret (as a QR
code and as text) and confirms it with a code from the app; from then on it gives a code at each
sign-in. django-otp refuses a code used before and slows down guessing (each wrong code doubles the
wait before the next is looked at). Every attempt is written to the audit trail."""

from __future__ import annotations

import enum
from base64 import b32encode

import segno
from django.db import transaction
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import trail

DEVICE_NAME = "TOTP"


class Outcome(enum.Enum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    WAIT = "wait"  # too many wrong codes just now: not even looked at


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def enrolment_device(user) -> TOTPDevice:
    """The unconfirmed device whose secret is being shown to this account (made on first call)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32 as authenticator apps take it typed in, in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code(device: TOTPDevice) -> SafeString:
    """The enrolment link as an inline SVG QR code (no image file, no data: URI)."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=4, dark="#000", light="#fff", title=_("認証アプリで読み取るQRコード")
    )
    # segno writes the whole SVG from the link, which we built; nothing in it comes from a request.
    return format_html('<div class="otp-qr">{}</div>', mark_safe(svg))  # nosec B308, B703


def _check(device: TOTPDevice, code: str) -> Outcome:
    if not device.verify_is_allowed()[0]:
        return Outcome.WAIT
    return Outcome.ACCEPTED if device.verify_token(code) else Outcome.WRONG


def enrol(request, code: str) -> Outcome:
    """Confirm the secret shown to request.user with a code from their app."""
    user = request.user
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=enrolment_device(user).pk)
        outcome = _check(device, code)
        if outcome is Outcome.ACCEPTED:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return _finish(request, device, outcome, enrolled=True)


def verify(request, code: str) -> Outcome:
    """Check a code against request.user's confirmed device."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=request.user, confirmed=True).first()
        if device is None:
            return Outcome.WRONG
        outcome = _check(device, code)
        return _finish(request, device, outcome, enrolled=False)


def _finish(request, device: TOTPDevice, outcome: Outcome, *, enrolled: bool) -> Outcome:
    """The session is verified on success; the attempt is audited in the caller's transaction."""
    facts = {"enrolled": True} if enrolled else {}
    if outcome is Outcome.ACCEPTED:
        otp_login(request, device)
        trail.signed_in(request.user, request, step=trail.SECOND_FACTOR, **facts)
    else:
        trail.sign_in_failed(
            request.user.get_username(), request, step=trail.SECOND_FACTOR, refused=outcome.value, **facts
        )
    return outcome


def reset(user) -> int:
    """Remove the account's devices: it enrols again at its next sign-in (a lost phone)."""
    deleted, _rows = TOTPDevice.objects.filter(user=user).delete()
    return deleted
