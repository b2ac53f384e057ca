"""The records a user's lists may hold: their own division's, when their roles say so.

Custody, divisional and ICCE staff see their own division's records only (roles.py,
by_division; UK GDPR art. 5(1)(c), DPA 2018 s37: no more than the job needs). A divisional
user whose division is not set sees nothing: refuse, never widen (predicates.py).
"""

from django.db.models import QuerySet

from answerable.register.models import Division
from answerable.roles import predicates
from answerable.roles.predicates import User


def list_division(user: User) -> Division | None:
    """The division a user's lists are limited to, or None (force-wide, or none set)."""
    return predicates.division_of(user) if predicates.limited_to_division(user) else None


def lacks_division(user: User) -> bool:
    return predicates.limited_to_division(user) and predicates.division_of(user) is None


def visible(user: User, records: QuerySet) -> QuerySet:
    if not predicates.limited_to_division(user):
        return records
    division = predicates.division_of(user)
    if division is None:
        return records.none()
    return records.filter(division=division)
