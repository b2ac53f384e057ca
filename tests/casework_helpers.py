"""Making FOI cases in tests (tests/test_casework_*.py)."""

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from factories import InformationRequestFactory, UserFactory

from answerable.casework.models import InformationRequest


def officer(username: str = "officer", **fields: Any):
    return UserFactory(username=username, **fields)


def make_case(received_on: date = date(2026, 7, 1), **fields: Any) -> InformationRequest:
    # No request text unless a test gives one (the factory's default): the response then
    # replicates the questions alone; a test of the request as received gives the text its
    # questions are taken from.
    return InformationRequestFactory(received_on=received_on, **fields)


def approver(username: str = "approver"):
    """A user holding the approver permission (the disclosure manager's, roles.py)."""
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.filter(username=username).first() or officer(username)
    user.user_permissions.add(Permission.objects.get(codename="approve_response"))
    return get_user_model().objects.get(pk=user.pk)  # permissions are cached on the object


def approve(case: InformationRequest, notice: str = "full", *, author: Any = None) -> Any:
    """Sign `case`'s response off as issuing needs (signoff.py): asked for by its author,
    approved by another user holding the approver permission, twice for a sensitive case.
    Call it once the case's answers are as they will be issued. Returns the sign-off."""
    from answerable.casework import signoff

    if author is None:
        author = get_user_model().objects.filter(username="author").first() or officer("author")
    sign_off = signoff.request_sign_off(case, notice=notice, user=author)
    for n in range(signoff.approvals_needed(signoff.sensitive_flags(case))):
        signoff.decide(sign_off, user=approver(f"approver-{n + 1}"), approved=True)
    return sign_off
