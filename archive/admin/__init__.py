"""Admin for archivists: records (searchable in any script), camps and burial sites (`records`),
import batches (`batches`). Laid out as `inquiries.admin` is: one module per subject."""

from archive.admin import batches, records  # noqa: F401
