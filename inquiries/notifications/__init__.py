"""Telling families (and staff) what happened: outbox rows, delivery, sweeper, letters and calls.

Public entry points for other parts of the system: `resend`, `failed_count`, `log_call`,
`mark_printed`. Receivers are connected by `inquiries.apps.InquiriesConfig.ready`.

Without a broker (`make run` with no REDIS_URL) tasks run in the request after commit and e-mail
is written as files under var/mail/. A send that fails there stays pending with its error (the
admin list of お知らせ, filter 送信待ち) and is sent again with the next notification written after
its retry time (`outbox.publish`); with a broker, beat's sweeper does that every few minutes.

The family's private link is only in the receipt e-mail, and only until it is sent (`privacy`).
"""


def resend(notification_id: int, user) -> bool:
    from inquiries.notifications.manual import resend as _resend

    return _resend(notification_id, user)


def failed_count() -> int:
    from inquiries.notifications.manual import failed_count as _failed_count

    return _failed_count()
