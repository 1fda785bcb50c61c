"""The fuzz tests: how often each target took and refused its inputs, shown after each (pytest -s)."""

from __future__ import annotations

import time
from collections import Counter

import pytest

from tests.fuzz.layer import FORM_EXAMPLES
from tests.fuzz.strategies import EXAMPLES


def _counted(request, examples: int):
    """Count each example's outcome; at the end, a target given enough examples must have seen its
    inputs both taken and refused (otherwise it only ever tested one side)."""
    seen: Counter = Counter()
    start = time.monotonic()
    yield seen
    print(f"\n{request.node.name}: {examples} examples in {time.monotonic() - start:.0f} s, {dict(seen)}")
    if examples >= 100:
        assert seen["taken"] and seen["refused"], dict(seen)


@pytest.fixture
def outcomes(request):
    """For the HTTP layer (FUZZ_EXAMPLES)."""
    yield from _counted(request, EXAMPLES)


@pytest.fixture
def form_outcomes(request):
    """For the fast layer (FUZZ_FORM_EXAMPLES)."""
    yield from _counted(request, FORM_EXAMPLES)
