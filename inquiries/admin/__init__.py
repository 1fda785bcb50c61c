"""Staff admin for inquiries: the queue, the case page, candidate matches and the
notification outbox."""

from inquiries.admin import candidates, inquiry, notifications, staff  # noqa: F401
