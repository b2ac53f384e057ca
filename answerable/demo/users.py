"""One demonstration user per role, for `make run` and the browser tests.

Only for an installation holding synthetic demonstration data: real staff accounts are made
by an administrator, each with their own password.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from answerable.register.models import Division
from answerable.roles.assign import assign_role
from answerable.roles.roles import ROLES, Role

# User names are the roles' short names, so a demonstrator knows whom they are signed in as.
DEMO_USERNAMES = {role: role.value for role in ROLES}
DEFAULT_DIVISION = "G"  # Greater Glasgow: the most custody centres in the demo register


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: Role
    division: str


@transaction.atomic
def make_demo_users(password: str, division_code: str = DEFAULT_DIVISION) -> list[DemoUser]:
    """Make (or reset) the demo users, each with `password` and only their role."""
    division = Division.objects.filter(code=division_code).first()
    if division is None:
        raise ValueError(f"no division with code {division_code!r}: load the register first")
    made = []
    for role, username in DEMO_USERNAMES.items():
        user, _ = get_user_model().objects.get_or_create(username=username)
        user.groups.clear()
        user.is_superuser = False
        user.is_staff = False
        user.is_active = True
        user.set_password(password)
        user.save()
        by_division = ROLES[role].by_division
        assign_role(user, role, division=division if by_division else None)
        made.append(DemoUser(username, role, str(division) if by_division else "force-wide"))
    return made
