"""A thin endpoint for tests: one POST files one inquiry through the family pages' service."""

from __future__ import annotations

import time
import uuid

from django.http import JsonResponse
from django.urls import include, path
from django.views.decorators.http import require_POST

from inquiries.services.submission import submit_inquiry


@require_POST
def file_inquiry(request):
    n = uuid.uuid4().hex[:10]
    fields = dict(
        applicant_surname="佐藤", applicant_given_name="花子", relationship="child", postal_code="950-0001",
        address="新潟県新潟市中央区一番町1-1", phone="025-000-0000", email=f"family-{n}@example.jp",
        preferred_contact="email", language="ja", consent=True, surname_kanji="佐藤", given_name_kanji="一郎",
    )  # fmt: skip
    started = time.monotonic()
    submission = submit_inquiry(f"web-{n}", fields, [])
    return JsonResponse({"inquiry": submission.inquiry.pk, "seconds": time.monotonic() - started})


urlpatterns = [path("file/", file_inquiry), path("", include("config.urls"))]
