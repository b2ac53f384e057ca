"""Who may open each register page: roles/predicates.py, named for @require.

Record-level checks (the user's division) are made by each view once it has the record.
"""

from answerable.roles import predicates
from answerable.roles.predicates import User


def can_view_custody(user: User) -> bool:
    return predicates.can_view_records(user, "custodyepisode")


def can_view_nccu(user: User) -> bool:
    return predicates.can_view_records(user, "nccucontact")


def can_view_disclosures(user: User) -> bool:
    return predicates.can_view_records(user, "disclosure")


def can_view_icce(user: User) -> bool:
    return predicates.can_view_records(user, "iccerequest")


def _may_record_in_division(user: User) -> bool:
    # A divisional user records in their own division: without one set, nowhere.
    return not predicates.limited_to_division(user) or predicates.division_of(user) is not None


def can_record_nccu(user: User) -> bool:
    return (
        can_view_nccu(user)
        and predicates.can_record(user, "nccucontact")
        and _may_record_in_division(user)
    )


def can_record_icce(user: User) -> bool:
    return (
        can_view_icce(user)
        and predicates.can_record(user, "iccerequest")
        and _may_record_in_division(user)
    )


def may_correct_custody(user: User) -> bool:
    """May open some custody episode's correction (which one: predicates.can_correct)."""
    return can_view_custody(user) and user.has_perm("register.change_custodyepisode")


def may_correct_nccu(user: User) -> bool:
    return can_view_nccu(user) and user.has_perm("register.change_nccucontact")


def may_correct_icce(user: User) -> bool:
    return can_view_icce(user) and user.has_perm("register.change_iccerequest")
