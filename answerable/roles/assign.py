"""Giving a user a role: the group, the admin flag and the division together."""

from django.contrib.auth.models import Group

from answerable.roles.models import StaffProfile
from answerable.roles.roles import ROLES, Role


def assign_role(user, role: Role, division=None) -> None:
    spec = ROLES[role]
    if spec.by_division and division is None:
        raise ValueError(f"{spec.name} works in a division: give the division")
    user.groups.add(Group.objects.get(name=spec.name))
    if spec.uses_admin and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    profile, _ = StaffProfile.objects.get_or_create(user=user)
    if division is not None and profile.division_id != division.pk:
        profile.division = division
        profile.save(update_fields=["division"])
