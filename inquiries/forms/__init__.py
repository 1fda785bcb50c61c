"""Forms of the family pages: the inquiry steps, documents, and replies."""

from .documents import DocumentsForm, ReplyForm, install_size_limit  # noqa: F401
from .steps import ApplicantForm, ConfirmForm, ContactForm, InternmentForm, RelativeForm  # noqa: F401
