"""Staff sign-in: lockout after repeated failures (django-axes), a TOTP second factor (django-otp),
idle and absolute limits on staff sessions, and every sign-in in the audit trail."""
