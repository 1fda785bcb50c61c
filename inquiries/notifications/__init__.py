"""Telling families (and staff) what happened: outbox rows, delivery, sweeper, letters and calls.

Public entry points for other parts of the system: `resend`, `failed_count`, `log_call`,
`mark_printed`. Receivers are connected by `inquiries.apps.InquiriesConfig.ready`.
"""


def resend(notification_id: int, user) -> bool:
    from inquiries.notifications.manual import resend as _resend

    return _resend(notification_id, user)


def failed_count() -> int:
    from inquiries.notifications.manual import failed_count as _failed_count

    return _failed_count()
