"""The one table of status transitions: who may move a case from where to where.

`inquiries.services.workflow.move` is the only code that changes `Inquiry.status`; it reads this
table. Transitions marked `via_service` need more than a note (a candidate to propose, a checklist
to verify): `move` refuses them, and only the candidate verbs (`inquiries.services.candidates`)
make them. SYSTEM is the system acting with no user: the standing search, a family's reply.
"""

from __future__ import annotations

from dataclasses import dataclass

from inquiries import policy
from inquiries.models import CLOSED_STATUSES, Status
from inquiries.policy import SYSTEM
from inquiries.roles import INTAKE, MATCHING, VERIFIER


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    roles: frozenset[str]  # Role.code values (and SYSTEM); superusers may make every transition
    note_required: bool = False
    visible_to_family: bool = True
    via_service: bool = False


def _t(source, target, roles, **kwargs) -> Transition:
    return Transition(source, target, frozenset(r if isinstance(r, str) else r.code for r in roles), **kwargs)


OPEN_STATUSES = tuple(s for s in Status if s not in CLOSED_STATUSES)

TRANSITIONS: tuple[Transition, ...] = (
    _t(Status.RECEIVED, Status.TRIAGE, [INTAKE]),
    _t(Status.TRIAGE, Status.SEARCHING, [INTAKE]),
    _t(Status.TRIAGE, Status.AWAITING_FAMILY, [INTAKE], note_required=True),
    _t(Status.SEARCHING, Status.AWAITING_FAMILY, [INTAKE, MATCHING], note_required=True),
    _t(Status.AWAITING_FAMILY, Status.SEARCHING, [INTAKE, MATCHING, SYSTEM]),  # SYSTEM: the family replied
    _t(Status.SEARCHING, Status.MATCH_PROPOSED, [MATCHING], note_required=True, visible_to_family=False,
       via_service=True),
    _t(Status.MATCH_PROPOSED, Status.IDENTIFIED, [VERIFIER], note_required=True, visible_to_family=False,
       via_service=True),
    _t(Status.MATCH_PROPOSED, Status.SEARCHING, [VERIFIER], note_required=True, visible_to_family=False,
       via_service=True),
    _t(Status.SEARCHING, Status.NO_RECORD, [MATCHING, VERIFIER], note_required=True),
    _t(Status.NO_RECORD, Status.SEARCHING, [MATCHING, SYSTEM], visible_to_family=False),
    _t(Status.NO_RECORD, Status.CLOSED, [VERIFIER], note_required=True),
    _t(Status.IDENTIFIED, Status.ANSWERED, [VERIFIER], note_required=True),
    _t(Status.ANSWERED, Status.CLOSED, [INTAKE, VERIFIER]),
    *(_t(s, Status.WITHDRAWN, [INTAKE, VERIFIER], note_required=True) for s in OPEN_STATUSES),
    *(_t(s, Status.DUPLICATE, [INTAKE], note_required=True) for s in OPEN_STATUSES),
)  # fmt: skip

_BY_PAIR = {(t.source, t.target): t for t in TRANSITIONS}


def transition(source: str, target: str) -> Transition | None:
    return _BY_PAIR.get((source, target))


def transitions_from(source: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == source]


def may_make(user, t: Transition) -> bool:
    """Whether this user (None: the system) may make this move: the policy decides."""
    return policy.may_move(user, t)


def allowed_targets(user, source: str, *, include_service: bool = False) -> list[Transition]:
    """Transitions from `source` this user may make (bare moves only unless include_service)."""
    return [
        t for t in transitions_from(source) if may_make(user, t) and (include_service or not t.via_service)
    ]
