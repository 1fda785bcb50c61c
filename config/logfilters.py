"""Secrets carried in URL paths never reach a log: status-page tracking tokens and password-reset tokens.

`redact` rewrites any text; `RedactTokens` is a logging filter attached to every handler in LOGGING
(and to gunicorn's loggers by config/gunicorn_logging.py), so Django's request logger ("Bad Request:
/inquiries/status/<token>/reply/"), gunicorn's access and error logs and the app's own messages all
carry "[redacted]" instead. It rewrites the message, its arguments (a tuple or gunicorn's dict of
atoms) and the text of an exception's traceback.
"""

from __future__ import annotations

import logging
import re

REDACTED = "[redacted]"
_SLASH = r"(?:/|%2F)"
_SECRET = r"[^/\s?#&\"'<>%]+"
_PATTERNS = [
    # /inquiries/status/<token>/ and /inquiries/status/<token>/reply/ (plain or percent-encoded).
    re.compile(rf"({_SLASH}inquiries{_SLASH}status{_SLASH}){_SECRET}", re.IGNORECASE),
    # Django's password-reset link /admin/reset/<uidb64>/<token>/ (its own "set-password" step kept).
    re.compile(
        rf"({_SLASH}admin{_SLASH}reset{_SLASH}{_SECRET}{_SLASH})(?!set-password\b){_SECRET}", re.IGNORECASE
    ),
]


def redact(text: str) -> str:
    for pattern in _PATTERNS:
        text = pattern.sub(rf"\g<1>{REDACTED}", text)
    return text


def _clean(value):
    """A string redacted; any other object whose text would carry a token, replaced by that text redacted."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, int | float | type(None)):
        return value
    text = str(value)
    cleaned = redact(text)
    return value if cleaned == text else cleaned


class RedactTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, dict):  # gunicorn's atoms: a dict subclass, so changed in place
            for key, value in list(record.args.items()):
                dict.__setitem__(record.args, key, _clean(value))
        elif isinstance(record.args, tuple):
            record.args = tuple(_clean(value) for value in record.args)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True
