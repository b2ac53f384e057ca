"""Who may give whom which role: nobody more than they hold themselves (least privilege).

UK GDPR art. 5(1)(f) and art. 32, DPA 2018 s40 and s66: each person sees only the personal
data their job needs. If an account manager could give a role holding permissions they do
not hold (to another account, or to one they have just made and know the password of), they
would hold those permissions in effect. So, in the administration site:

- a role is granted or removed only by someone who holds every permission of that role;
- nobody changes their own roles;
- an account holding any permission its editor does not hold (or a superuser) is out of the
  editor's reach: its details and roles are not theirs to change (only its active state, so
  that a leaver can still be shut out at once);
- superuser status and permissions outside the roles are never set there: a superuser is
  made on the server (`answerable createsuperuser`), and every permission comes from a role.

The rules are pure functions of permission sets ("app_label.codename"), tested on their own.
"""

from collections.abc import Iterable

from answerable.roles.roles import ROLES, Role

# Fields of an account that only the server's command line sets.
COMMAND_LINE_ONLY = ("is_superuser", "user_permissions")


def role_of_group(name: str) -> Role | None:
    for role, spec in ROLES.items():
        if spec.name == name:
            return role
    return None


def may_grant(editor: frozenset[str], role: Role) -> bool:
    """Whether someone holding `editor` may give (or take away) `role`."""
    return ROLES[role].permissions <= editor


def within_reach(editor: frozenset[str], target: frozenset[str], target_is_superuser: bool) -> bool:
    """Whether an account holding `target` is the editor's to change: it holds nothing the
    editor does not."""
    return not target_is_superuser and target <= editor


def refused_roles(
    editor: frozenset[str], before: Iterable[str], after: Iterable[str], own_account: bool
) -> list[str]:
    """The group names among those added or removed that the editor may not change, in
    order; every change when the account is the editor's own."""
    changed = sorted(set(before) ^ set(after))
    if own_account:
        return changed
    refused = []
    for name in changed:
        role = role_of_group(name)
        if role is None or not may_grant(editor, role):
            refused.append(name)
    return refused
