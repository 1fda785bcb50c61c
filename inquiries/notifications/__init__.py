"""Telling families (and staff) what happened: outbox rows, delivery, sweeper, letters and calls.

The verbs in `inquiries.services` write a family's message with `outbox.notify_family` in the
transaction of the step that causes it; `sending.send_notification` delivers e-mails after
commit. Staff resend, print and log calls through `manual` (the admin's お知らせ pages).

Without a broker (`make run` with no REDIS_URL) tasks run in the request after commit and e-mail
is written as files under var/mail/. A send that fails there stays pending with its error (the
admin list of お知らせ, filter 送信待ち) and is sent again with the next notification written after
its retry time (`outbox.publish_and_catch_up`); with a broker, beat's sweeper does that every few
minutes.

The family's private link is only in the receipt e-mail, and only until it is sent (`privacy`).
"""
