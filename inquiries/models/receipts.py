"""Receipt numbers on SQLite: one counter row per year (PostgreSQL uses a sequence per year)."""

from django.db import models


class ReceiptCounter(models.Model):
    """The last receipt number given in a year; bumped by one UPDATE inside the submission's transaction
    (SQLite lets one writer in at a time, so two submissions cannot read the same value)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"
