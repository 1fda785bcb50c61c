"""Archive import: fast, validated, idempotent (see run.import_csv)."""

from .reading import ImportRefused
from .run import import_csv

__all__ = ["ImportRefused", "import_csv"]
