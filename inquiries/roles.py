"""Staff roles: one group each, with the Django permissions the policy (inquiries.policy) gives it."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from inquiries import policy


@dataclass(frozen=True)
class Role:
    code: str
    group: str  # the group's name, in Japanese as staff see it
    label: object

    @property
    def permissions(self) -> tuple[str, ...]:  # "app_label.codename", derived from the policy
        return policy.permissions_for(self.code)


INTAKE = Role(policy.INTAKE, policy.GROUP_NAMES[policy.INTAKE], _("受付担当"))
MATCHING = Role(policy.MATCHING, policy.GROUP_NAMES[policy.MATCHING], _("照合担当"))
VERIFIER = Role(policy.VERIFIER, policy.GROUP_NAMES[policy.VERIFIER], _("確認者"))
ADMINISTRATOR = Role(policy.ADMINISTRATOR, policy.GROUP_NAMES[policy.ADMINISTRATOR], _("管理者"))
ROLES = (INTAKE, MATCHING, VERIFIER, ADMINISTRATOR)
BY_GROUP = {role.group: role for role in ROLES}


def sync_role_groups(apps=None) -> None:
    """Create each role's group and give it exactly the permissions the policy derives (idempotent).

    `apps` is a migration's app registry (the historical models); None for the live ones."""
    if apps is None:
        from django.contrib.auth.models import Group, Permission
    else:
        Group, Permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role.group)
        wanted = []
        for dotted in role.permissions:
            app_label, codename = dotted.split(".")
            wanted.extend(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)
