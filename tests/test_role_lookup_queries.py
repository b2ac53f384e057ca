"""A staff page reads the user's roles once (issue 16): the predicates that ask which roles
a user holds (limited to a division? the data protection officer?) share one query of the
user's groups a request, and a change of the user's groups is seen at once."""

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from answerable.register.models import Division, Station
from answerable.roles import predicates
from answerable.roles.assign import assign_role
from answerable.roles.roles import ROLES, Role

pytestmark = pytest.mark.django_db

GROUP_NAMES = 'SELECT "auth_group"."name"'


@pytest.fixture
def division(stations: dict[str, Station]) -> Division:
    return stations["Govan"].division


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", [Role.CUSTODY, Role.DATA_PROTECTION_OFFICER])
def test_a_staff_list_reads_the_users_roles_once(division, role):
    user = User.objects.create_user(f"staff-{role.value}", password="not used")
    assign_role(user, role, division=division if ROLES[role].by_division else None)
    client = _signed_in(user)
    url = reverse("register:custody_list")
    assert client.get(url).status_code == 200  # warm: the session, the site's caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith(GROUP_NAMES)]
    assert len(reads) == 1, reads  # was 6 for a custody coordinator: one per predicate


def test_what_the_roles_decide_is_unchanged(division):
    custody = User.objects.create_user("custody", password="not used")
    assign_role(custody, Role.CUSTODY, division=division)
    dpo = User.objects.create_user("dpo", password="not used")
    assign_role(dpo, Role.DATA_PROTECTION_OFFICER)
    both = User.objects.create_user("both", password="not used")
    assign_role(both, Role.CUSTODY, division=division)
    assign_role(both, Role.DATA_PROTECTION_OFFICER)

    assert predicates.limited_to_division(custody)
    assert predicates.division_of(custody) == division
    assert not predicates.must_give_reason_for_records(custody)
    assert not predicates.limited_to_division(dpo)
    assert predicates.must_give_reason_for_records(dpo)
    assert not predicates.limited_to_division(both)  # a force-wide role: not limited
    assert predicates.role_names(both) == {
        ROLES[Role.CUSTODY].name,
        ROLES[Role.DATA_PROTECTION_OFFICER].name,
    }


def test_a_change_of_roles_is_seen_at_once_never_the_cached_roles(division):
    """Read once, but not kept past a change: taking the force-wide role away limits the
    same user object to its division again (least privilege), and giving it back widens it
    only through the change itself."""
    user = User.objects.create_user("changing", password="not used")
    assign_role(user, Role.CUSTODY, division=division)
    assign_role(user, Role.DATA_PROTECTION_OFFICER)
    assert not predicates.limited_to_division(user)
    assert predicates.can_view_person(user)  # Django caches the permissions on the object

    dpo = Group.objects.get(name=ROLES[Role.DATA_PROTECTION_OFFICER].name)
    user.groups.remove(dpo)
    assert predicates.limited_to_division(user)
    assert not predicates.must_give_reason_for_records(user)
    assert not predicates.can_view_person(user)

    user.groups.clear()
    assert predicates.role_names(user) == frozenset()
    assert not predicates.limited_to_division(user)  # no reading role at all
    assert not predicates.can_view_records(user, "custodyepisode")

    user.groups.add(dpo)
    assert predicates.must_give_reason_for_records(user)


def test_the_anonymous_user_holds_no_role():
    from django.contrib.auth.models import AnonymousUser

    assert predicates.role_names(AnonymousUser()) == frozenset()
