"""The fast layer of the fuzz tests: generated input given straight to the form classes that judge it
and to the services that write what a valid form gave, without HTTP.

FUZZ_FORM_EXAMPLES (default 500, so that `make test` stays quick: 10-25 ms an input) sets how many
inputs each of its targets gets; CI runs 10,000 each on PostgreSQL (.ci/run). Every example runs in a
savepoint rolled back afterwards, so each meets the same database.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from hypothesis import settings
from hypothesis import strategies as st

from config.badinput import IN_FORM
from config.env import envint
from tests.fuzz.strategies import FUZZ

FORM_EXAMPLES = envint("FUZZ_FORM_EXAMPLES", 500)
FAST = settings(FUZZ, max_examples=FORM_EXAMPLES)
LANGUAGES = st.sampled_from(["ja", "en"])


class Rollback(Exception):
    pass


@contextmanager
def rolled_back(language: str = "ja"):
    """The example's writes, undone when it ends (the assertions inside see them)."""
    try:
        with translation.override(language), transaction.atomic():
            yield
            raise Rollback
    except Rollback:
        pass


def as_posted(data: dict) -> tuple[MultiValueDict, MultiValueDict]:
    """The form's `data` and `files` as Django parses a POST of `data` (a list: the field sent more than
    once, a file: sent as an upload, whatever the field)."""
    values, files = MultiValueDict(), MultiValueDict()
    for key, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            (files if isinstance(item, UploadedFile) else values).appendlist(key, item)
    return values, files


def refused_at_the_door(values: MultiValueDict) -> bool:
    """What config.badinput refuses before any view (a NUL in a field's name or value)."""
    return any(IN_FORM.search(key) or any(IN_FORM.search(v) for v in items) for key, items in values.lists())
