"""Camps, burial sites and name spellings a file mentions, created in bulk where missing."""

from __future__ import annotations

from django.db import models

from archive.derive import Copied, copied_from
from archive.models import BurialSite, Camp, NameSpelling

_CHUNK = 2000


def _found(model: type[models.Model], names: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i in range(0, len(names), _CHUNK):
        found.update(model.objects.filter(name__in=names[i : i + _CHUNK]).values_list("name", "id"))
    return found


def ids_by_name(model: type[models.Model], wanted: dict[str, str]) -> dict[str, int]:
    """{name: id} for every name in `wanted` ({name: region}), creating the missing ones."""
    names = sorted(n for n in wanted if n)
    found = _found(model, names)
    missing = [n for n in names if n not in found]
    if missing:
        new = [model(name=n, region=wanted[n]) for n in missing]
        model.objects.bulk_create(new, batch_size=_CHUNK, ignore_conflicts=True)
        found.update(_found(model, missing))
    return found


def camp_ids(wanted: dict[str, str]) -> dict[str, int]:
    return ids_by_name(Camp, wanted)


def burial_site_ids(wanted: dict[str, str]) -> dict[str, int]:
    return ids_by_name(BurialSite, wanted)


def spelling_display(ids: set[int]) -> dict[int, Copied]:
    """{spelling id: what a record copies of it}."""
    out: dict[int, tuple[str, str]] = {}
    wanted = sorted(ids)
    for i in range(0, len(wanted), _CHUNK):
        rows = NameSpelling.objects.filter(id__in=wanted[i : i + _CHUNK]).values_list(
            "id", "readings", "romaji"
        )
        out.update((pk, copied_from(readings, romaji)) for pk, readings, romaji in rows)
    return out
