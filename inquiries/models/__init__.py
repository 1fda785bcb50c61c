"""Models of the inquiries app, one module per area."""

from inquiries.models.cases import (  # noqa: F401
    CLOSED_STATUSES,
    FINISHED_STATUSES,
    CandidateMatch,
    Channel,
    Contact,
    Inquiry,
    InquiryEvent,
    Relationship,
    Status,
    overdue_days,
)
from inquiries.models.documents import Document, DocumentKind  # noqa: F401
from inquiries.models.messages import Direction, Message  # noqa: F401
from inquiries.models.notifications import CallLog, Notification  # noqa: F401
from inquiries.models.receipts import ReceiptCounter  # noqa: F401
from inquiries.models.retention import RetentionPolicy  # noqa: F401
