"""The fuzz tests: how often each target took and refused its inputs, shown after each (pytest -s)."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.fuzz.strategies import EXAMPLES


@pytest.fixture
def outcomes(request):
    """Count each example's outcome; at the end, a target given enough examples must have seen its
    inputs both taken and refused (otherwise it only ever tested one side)."""
    seen: Counter = Counter()
    yield seen
    print(f"\n{request.node.name}: {EXAMPLES} examples, {dict(seen)}")
    if EXAMPLES >= 100:
        assert seen["taken"] and seen["refused"], dict(seen)
