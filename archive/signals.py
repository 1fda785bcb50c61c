"""Signals the archive sends; other apps connect to them (the archive never imports them).

`batch_imported(sender=ImportBatch, batch=...)` is sent after an import has written records.
"""

from django.dispatch import Signal

batch_imported = Signal()
