"""Staff admin: the queue, the case page, candidate matches, the notification outbox, staff
accounts and the audit trail."""

from inquiries.admin import audit, candidates, inquiry, notifications, retention, staff  # noqa: F401
