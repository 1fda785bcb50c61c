"""Matching an inquiry's facts to archive records: candidates, scores and reasons."""

from .engine import match
from .explain import explanation, reasons
from .facts import Facts, facts_from_row, parse_birth
from .grouping import Candidate
from .scoring import band

__all__ = ["Candidate", "Facts", "band", "explanation", "facts_from_row", "match", "parse_birth", "reasons"]
