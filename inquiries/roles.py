"""Staff roles: one group each, with the permissions the role needs."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Role:
    code: str
    group: str  # the group's name, in Japanese as staff see it
    label: object
    permissions: tuple[str, ...]  # "app_label.codename"


INTAKE = Role(
    "intake",
    "受付担当",
    _("受付担当"),
    (
        "inquiries.view_inquiry",
        "inquiries.add_inquiry",
        "inquiries.change_inquiry",
        "archive.view_archiverecord",
        "inquiries.view_candidatematch",
        "inquiries.view_document",
        "inquiries.view_message",
        "inquiries.add_message",
        "audit.view_auditentry",
    ),
)
MATCHING = Role(
    "matching",
    "照合担当",
    _("照合担当"),
    (
        "inquiries.view_inquiry",
        "archive.view_archiverecord",
        "archive.change_archiverecord",
        "archive.add_archiverecord",
        "archive.view_importbatch",
        "archive.add_importbatch",
        "inquiries.view_candidatematch",
        "inquiries.change_candidatematch",
        "inquiries.view_document",
        "audit.view_auditentry",
    ),
)
VERIFIER = Role(
    "verifier",
    "確認者",
    _("確認者"),
    (
        "inquiries.view_inquiry",
        "inquiries.change_inquiry",
        "archive.view_archiverecord",
        "inquiries.view_candidatematch",
        "inquiries.change_candidatematch",
        "inquiries.view_document",
        "inquiries.view_message",
        "inquiries.add_message",
        "audit.view_auditentry",
    ),
)
ADMINISTRATOR = Role(
    "administrator",
    "管理者",
    _("管理者"),
    (
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
        "auth.view_group",
        "inquiries.view_inquiry",
        "archive.view_archiverecord",
        "archive.view_importbatch",
        "auth.add_group",
        "auth.change_group",
        "inquiries.view_candidatematch",
        "audit.view_auditentry",
    ),
)
ROLES = (INTAKE, MATCHING, VERIFIER, ADMINISTRATOR)


def sync_role_groups() -> None:
    """Create each role's group and give it exactly the permissions listed (idempotent)."""
    from django.contrib.auth.models import Group, Permission

    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role.group)
        wanted = []
        for dotted in role.permissions:
            app_label, codename = dotted.split(".")
            wanted.extend(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)
