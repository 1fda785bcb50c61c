"""django-otp's own admin page for TOTP devices shows each secret key as a QR code to whoever may
open it: taken away. A lost phone is handled with `manage.py reset_second_factor <username>`."""

from django.contrib import admin
from django_otp.plugins.otp_totp.models import TOTPDevice

if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)
