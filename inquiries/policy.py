"""Who may see and do what: the one place that decides, for each staff role, for anonymous visitors
and for staff in no role.

Roles are the four staff groups (受付担当 intake, 照合担当 matching, 確認者 verifier, 管理者
administrator); a user may hold several. Each ability below names the roles that have it and the
Django permissions it needs, so the role groups' permissions are derived from this table
(`inquiries.roles.sync_role_groups`) and the admin's own permission checks agree with the services.
Workflow moves are listed in `inquiries.transitions` (each move names its roles); `may_move` here
decides them. Anonymous visitors and staff in no role may do nothing here; superusers (the
operator's accounts, made with `createsuperuser` on the server) may do everything, except verify
an identification they proposed themselves (`inquiries.services.candidates.verify`).

Pure data and small functions: imports nothing else of the project.
"""

from __future__ import annotations

from dataclasses import dataclass

INTAKE, MATCHING, VERIFIER, ADMINISTRATOR = "intake", "matching", "verifier", "administrator"
ROLE_CODES = (INTAKE, MATCHING, VERIFIER, ADMINISTRATOR)
SYSTEM = "system"  # acting with no user: the standing search, a family's reply
ALL_ROLES = frozenset(ROLE_CODES)
CASEWORKERS = frozenset({INTAKE, MATCHING, VERIFIER})
GROUP_NAMES = {INTAKE: "受付担当", MATCHING: "照合担当", VERIFIER: "確認者", ADMINISTRATOR: "管理者"}


@dataclass(frozen=True)
class Ability:
    name: str
    roles: frozenset[str]
    permissions: tuple[str, ...] = ()  # "app_label.codename" the role's group needs for it
    summary: str = ""  # English, for the README's demo-login table


def _a(name, roles, permissions=(), summary="") -> Ability:
    return Ability(name, frozenset(roles), tuple(permissions), summary)


# fmt: off
ABILITIES: tuple[Ability, ...] = (
    # The queue and the case page.
    _a("queue", ALL_ROLES, ["inquiries.view_inquiry"], "the queue, case pages, candidates, archive records, audit trail"),
    _a("case.relative", ALL_ROLES, []),
    # The applicant's postal address, telephone and e-mail: for those who write to or telephone the
    # family (intake; the verifier, who sends the answer). Matching works from the relative's facts.
    _a("case.contact", {INTAKE, VERIFIER}, [], "contact details"),
    _a("case.documents", CASEWORKERS, ["inquiries.view_document"], "documents"),
    _a("case.internal_notes", CASEWORKERS, [], "internal notes"),
    _a("case.note", CASEWORKERS, []),
    _a("case.assign", CASEWORKERS, [], "takes cases"),
    _a("case.link", CASEWORKERS, []),
    # Asking the family moves the case to 'awaiting family': the same roles as that move.
    _a("case.ask", {INTAKE, MATCHING}, ["inquiries.view_message", "inquiries.add_message"],
       "asks the family"),
    _a("case.enter", {INTAKE}, ["inquiries.add_inquiry", "inquiries.change_inquiry"],
       "enters post/phone inquiries"),
    _a("case.correct_relative", {INTAKE, MATCHING}, [], "corrects the relative's facts"),
    _a("case.correct_contact", {INTAKE}, [], "corrects contact details"),
    # Candidate matches.
    _a("candidate.view", ALL_ROLES, ["inquiries.view_candidatematch"]),
    _a("candidate.propose", {MATCHING}, ["inquiries.change_candidatematch"],
       "proposes matches"),
    _a("candidate.hold", {MATCHING}, ["inquiries.change_candidatematch"]),
    _a("candidate.reject_suggested", {MATCHING}, ["inquiries.change_candidatematch"]),
    _a("candidate.verify", {VERIFIER}, ["inquiries.change_candidatematch"],
       "verifies matches (never its own)"),
    _a("candidate.reject_proposed", {VERIFIER}, ["inquiries.change_candidatematch"]),
    # The notification outbox.
    _a("outbox.view", {INTAKE, VERIFIER}, ["inquiries.view_notification", "inquiries.view_calllog"],
       "outbox"),
    _a("outbox.resend", {INTAKE, VERIFIER}, ["inquiries.change_notification"], "resends e-mails"),
    _a("letters.print", {INTAKE}, ["inquiries.change_notification"], "prints letters"),
    _a("calls.log", {INTAKE}, ["inquiries.change_notification", "inquiries.add_calllog"],
       "logs calls"),
    # The archive (record edits are matching's; their history is for everyone who may view records).
    _a("archive.view", ALL_ROLES, ["archive.view_archiverecord", "archive.view_camp",
                                   "archive.view_burialsite"]),
    _a("archive.edit", {MATCHING}, ["archive.add_archiverecord", "archive.change_archiverecord"],
       "edits records"),
    _a("imports.view", {MATCHING, ADMINISTRATOR}, ["archive.view_importbatch"], "import history"),
    _a("imports.add", {MATCHING}, ["archive.add_importbatch"], "imports archive files"),
    _a("audit.view", ALL_ROLES, ["audit.view_auditentry"]),
    # For a data-protection officer's questions: whose cases did this account open, and when.
    _a("audit.reads", {ADMINISTRATOR}, ["audit.view_auditentry"], "who opened which case"),
    # Exports of the queue (CSV): the cases (contact details only with "case.contact") and the
    # statistics for the ministry's reports; each export is itself in the audit trail.
    _a("export.cases", {ADMINISTRATOR}, ["inquiries.view_inquiry"], "exports cases"),
    _a("export.statistics", {ADMINISTRATOR}, ["inquiries.view_inquiry"], "exports statistics"),
    # Staff accounts: one form (name, e-mail, roles); never superuser status, raw permissions,
    # a superuser's account or another person's password (a reset link is e-mailed instead).
    _a("users.manage", {ADMINISTRATOR}, ["auth.view_user", "auth.add_user", "auth.change_user",
                                         "auth.view_group"], "staff accounts and roles"),
    # APPI: everything held about one applicant, as one archive, when the family asks for it (intake
    # handles the request; the manager answers for it); how long finished cases keep personal data.
    _a("disclose", {INTAKE, ADMINISTRATOR}, ["inquiries.view_inquiry"], "disclosure exports"),
    _a("retention.manage", {ADMINISTRATOR}, ["inquiries.view_retentionpolicy",
                                             "inquiries.change_retentionpolicy"], "retention period"),
)
# fmt: on
# Camps and burial sites are reference lists that change with an import; only superusers edit them
# by hand.

BY_NAME = {ability.name: ability for ability in ABILITIES}


def role_codes(user) -> frozenset[str]:
    """The role codes a user holds through group membership (cached on the user object)."""
    if user is None:
        return frozenset({SYSTEM})
    cached = getattr(user, "_role_codes", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True)) if user.is_authenticated else set()
        cached = frozenset(code for code, group in GROUP_NAMES.items() if group in names)
        user._role_codes = cached
    return cached


def is_staff_member(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_staff)


def _holds(user, roles: frozenset[str]) -> bool:
    """An active staff member who is a superuser or holds one of `roles`."""
    return is_staff_member(user) and (user.is_superuser or bool(role_codes(user) & roles))


def may(user, ability: str) -> bool:
    """May this user (None: the system) do or see `ability`?"""
    return _holds(user, BY_NAME[ability].roles)


def may_move(user, step) -> bool:
    """May this user make a move of the transitions table (`step.roles`; None is the system)?"""
    if user is None:
        return SYSTEM in step.roles
    return _holds(user, step.roles)


def abilities_of(code: str) -> list[Ability]:
    return [ability for ability in ABILITIES if code in ability.roles]


def permissions_for(code: str) -> tuple[str, ...]:
    """The Django permissions a role's group holds: those its abilities need, each once."""
    seen: dict[str, None] = {}
    for ability in abilities_of(code):
        seen.update(dict.fromkeys(ability.permissions))
    return tuple(seen)


def summary(code: str) -> str:
    """One line saying what the role may do (the README's demo-login table)."""
    return ", ".join(a.summary for a in abilities_of(code) if a.summary)
