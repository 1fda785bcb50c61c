"""A thin endpoint for tests: one POST files one inquiry through the family pages' service."""

from __future__ import annotations

import time
import uuid

from django.http import JsonResponse
from django.urls import include, path
from django.views.decorators.http import require_POST

from inquiries.services.submission import submit_inquiry
from tests.factories import family_fields


@require_POST
def file_inquiry(request):
    n = uuid.uuid4().hex[:10]
    fields = family_fields()
    started = time.monotonic()
    submission = submit_inquiry(f"web-{n}", fields, [])
    return JsonResponse({"inquiry": submission.inquiry.pk, "seconds": time.monotonic() - started})


urlpatterns = [path("file/", file_inquiry), path("", include("config.urls"))]
