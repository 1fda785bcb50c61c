"""Staff admin for inquiries: the queue, the case page, candidate matches, the audit trail and the
notification outbox."""

from inquiries.admin import audit, candidates, inquiry, notifications, staff  # noqa: F401
