"""When matching runs: a new inquiry, changed facts, and every archive import (standing search)."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from archive.models import ImportBatch
from archive.signals import batch_imported
from inquiries.events import event_recorded
from inquiries.matching.service import FACT_FIELDS, fact_fingerprint
from inquiries.matching.tasks import match_inquiry, queue_quietly, standing_search
from inquiries.models import Inquiry, InquiryEvent, Status


@receiver(event_recorded, sender=InquiryEvent, dispatch_uid="match_new_inquiry")
def match_new_inquiry(sender, event: InquiryEvent, **kwargs) -> None:
    if event.to_status == Status.RECEIVED and not event.from_status:
        transaction.on_commit(partial(queue_quietly, match_inquiry, event.inquiry_id))


@receiver(pre_save, sender=Inquiry, dispatch_uid="remember_inquiry_facts")
def remember_facts(sender, instance: Inquiry, update_fields=None, **kwargs) -> None:
    if update_fields is not None and not set(update_fields) & set(FACT_FIELDS):
        return  # a status move or an assignment: the facts did not change
    if instance.pk:
        previous = Inquiry.objects.filter(pk=instance.pk).first()
        instance._previous_facts = fact_fingerprint(previous) if previous else None


@receiver(post_save, sender=Inquiry, dispatch_uid="rematch_changed_facts")
def rematch_changed_facts(sender, instance: Inquiry, created: bool, **kwargs) -> None:
    previous = getattr(instance, "_previous_facts", None)
    if not created and previous is not None and previous != fact_fingerprint(instance):
        transaction.on_commit(partial(queue_quietly, match_inquiry, instance.pk))


@receiver(batch_imported, sender=ImportBatch, dispatch_uid="standing_search_after_import")
def standing_search_after_import(sender, batch: ImportBatch, **kwargs) -> None:
    transaction.on_commit(partial(queue_quietly, standing_search, batch.pk))
