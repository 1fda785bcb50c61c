"""The purpose-of-use notice as a page of its own, linked from every step of the family form."""

from __future__ import annotations

from django.shortcuts import render


def notice(request):
    return render(request, "inquiries/privacy.html")
