"""What a user may do, as small predicates the pages and the API ask (roles.py)."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as Account
from django.core.exceptions import PermissionDenied

from answerable.roles.roles import ROLES

# Whoever a request is from: a signed-in account (settings.AUTH_USER_MODEL is Django's own
# User) or the anonymous user, which answers the same permission questions with "no".
User = Account | AnonymousUser


# Where role_names() keeps a user's role names on the user object (see forget_role_names).
_ROLE_NAMES = "_answerable_role_names"


def role_names(user: User) -> frozenset[str]:
    """The names of the user's roles (their groups), read once for each user object.

    Django gives each request its own user object (AuthenticationMiddleware), so this is one
    query a request however many predicates ask, as Django keeps its permission cache on the
    object too. Adding or removing the user's groups through the object forgets it at once
    (forget_role_names, connected in apps.py); a request never widens what a user may do.
    """
    if not user.is_authenticated:
        return frozenset()
    names: frozenset[str] | None = getattr(user, _ROLE_NAMES, None)
    if names is None:
        names = frozenset(user.groups.values_list("name", flat=True))
        setattr(user, _ROLE_NAMES, names)
    return names


def forget_role_names(instance: Any, action: str, reverse: bool, **kwargs: Any) -> None:
    """m2m_changed of User.groups: the user object's cached role names are stale, and so
    are the permissions Django's ModelBackend cached on it from the groups."""
    if not reverse and action in {"post_add", "post_remove", "post_clear"}:
        for cached in (_ROLE_NAMES, "_perm_cache", "_group_perm_cache"):
            instance.__dict__.pop(cached, None)


def is_staff_member(user: User) -> bool:
    """Signed in with at least one role (or a superuser)."""
    return bool(user.is_authenticated and user.is_active and user.get_all_permissions())


def can_see_dashboard(user: User) -> bool:
    return user.has_perm("roles.view_dashboard")


def can_ask(user: User) -> bool:
    return user.has_perm("roles.ask_questions")


def can_see_exact_figures(user: User) -> bool:
    return user.has_perm("roles.see_exact_figures")


def can_do_casework(user: User) -> bool:
    return user.has_perm("casework.view_informationrequest")


def can_see_requester(user: User) -> bool:
    return user.has_perm("casework.view_requester")


def can_read_ledger(user: User) -> bool:
    """The release ledger: the disclosure manager and the data protection officer."""
    return user.has_perm("answers.view_release")


def can_audit(user: User) -> bool:
    return user.has_perm("audit.view_auditentry")


def division_of(user: User) -> Any | None:
    """The division a user's register permissions are limited to, or None (force-wide)."""
    if not user.is_authenticated or user.is_superuser:
        return None
    profile = getattr(user, "staff_profile", None)
    if profile is None or not limited_to_division(user):
        return None
    return profile.division


def limited_to_division(user: User) -> bool:
    """Whether every one of the user's roles that gives register access is by division.

    A user who also holds a force-wide reading role (the data protection officer) is not
    limited. A divisional user with no division set sees nothing: refuse, never widen.
    """
    if not user.is_authenticated or user.is_superuser:
        return False
    names = role_names(user)
    specs = [spec for spec in ROLES.values() if spec.name in names]
    readers = [
        spec for spec in specs if any(p.startswith("register.view_") for p in spec.permissions)
    ]
    return bool(readers) and all(spec.by_division for spec in readers)


def can_view_records(user: User, model_name: str) -> bool:
    """May see the register's list and records of this model (e.g. "custodyepisode")."""
    return user.has_perm(f"register.view_{model_name}") and user.has_perm(
        "roles.view_person_record"
    )


def can_view_record(user: User, model_name: str, record: Any) -> bool:
    if not can_view_records(user, model_name):
        return False
    return in_users_division(user, record)


def can_record(user: User, model_name: str) -> bool:
    return user.has_perm(f"register.add_{model_name}")


def can_correct(user: User, model_name: str, record: Any) -> bool:
    return user.has_perm(f"register.change_{model_name}") and in_users_division(user, record)


def in_users_division(user: User, record: Any) -> bool:
    if not limited_to_division(user):
        return True
    division = division_of(user)
    return division is not None and getattr(record, "division_id", None) == division.pk


def can_view_person(user: User) -> bool:
    """A person's page gathers every record of theirs across divisions: force-wide only."""
    return can_view_records(user, "person") and not limited_to_division(user)


REGISTER_MODELS = ("custodyepisode", "nccucontact", "disclosure", "iccerequest")


def must_give_reason_for_records(user: User) -> bool:
    """The data protection officer opens a person's record only with a stated reason (it
    oversees the processing; it does not need the records by default)."""
    from answerable.roles.roles import Role

    name = ROLES[Role.DATA_PROTECTION_OFFICER].name
    return name in role_names(user)


def can_see_register(user: User) -> bool:
    return any(can_view_records(user, model) for model in REGISTER_MODELS)


def account_of(user: User) -> Account:
    """The signed-in account behind a staff page's request, to record as who did something.

    Staff pages are reached only signed in (their views and the admin site check first); an
    anonymous user here is refused as any unauthorised request is.
    """
    if not isinstance(user, Account):
        raise PermissionDenied("sign in first")
    return user
