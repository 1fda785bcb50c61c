"""Staff admin for inquiries: the queue, the case page, candidate matches and the audit trail."""

from inquiries.admin import audit, candidates, inquiry  # noqa: F401
