"""No role beyond its reach: the administrator cannot become anyone (issue 15, High).

Each escalation the probe found is tried as the administrator, by POSTing to the admin as a
browser would: each is refused, and the attempt is in the s62 audit trail naming them.
"""

import json
from io import StringIO

import pytest
from casework_helpers import officer
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from answerable.api.models import ApiClient
from answerable.audit.actor import acting_as
from answerable.audit.models import AuditEntry
from answerable.roles.assign import assign_role
from answerable.roles.grants import may_grant, refused_roles, within_reach
from answerable.roles.roles import ROLES, Role

pytestmark = pytest.mark.django_db

User = get_user_model()
PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def log_every_access_change(settings) -> None:
    # As in production: the test settings leave out changes no request or command makes.
    settings.ANSWERABLE_AUDIT_UNNAMED_ACCESS_CHANGES = True


def group(role: Role) -> Group:
    return Group.objects.get(name=ROLES[role].name)


@pytest.fixture
def ada() -> User:
    user = officer("ada.admin")
    assign_role(user, Role.ADMINISTRATOR)
    return user


@pytest.fixture
def admin(ada: User) -> Client:
    client = Client()
    client.force_login(ada)
    return client


@pytest.fixture
def fred() -> User:
    user = officer("fred.foi")
    user.set_password(PASSWORD)
    user.save()
    assign_role(user, Role.FOI_OFFICER)
    return user


def change_url(user: User) -> str:
    return reverse("admin:auth_user_change", args=[user.pk])


def form_of(user: User, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on" if user.is_active else "",
        "groups": [str(pk) for pk in user.groups.values_list("pk", flat=True)],
        "_save": "Save",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def refusals(actor: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(actor=actor, purpose__startswith="refused"))


def assert_cannot_read_everything(client: Client) -> None:
    assert client.get(reverse("register:person_detail", args=[1])).status_code in (403, 404)
    assert client.get(reverse("audit:export")).status_code == 403
    assert client.get(reverse("audit:search")).status_code == 403


def test_the_administrator_cannot_make_themself_superuser(admin: Client, ada: User) -> None:
    view_person = Permission.objects.get(codename="view_person_record")
    response = admin.post(
        change_url(ada),
        form_of(
            ada,
            is_superuser="on",
            is_staff="on",
            user_permissions=[str(view_person.pk)],
        ),
    )
    assert response.status_code == 200  # the form again, with the error
    assert "Superuser status and single permissions are not set here" in response.content.decode()
    ada.refresh_from_db()
    assert not ada.is_superuser
    assert not ada.user_permissions.exists()
    assert_cannot_read_everything(admin)
    (entry,) = refusals("ada.admin")
    assert entry.record_type == "auth.user" and entry.record_id == str(ada.pk)
    assert json.loads(entry.detail)["fields"] == ["is_superuser", "user_permissions"]


def test_the_administrator_cannot_give_themself_another_role(admin: Client, ada: User) -> None:
    groups = [str(group(Role.ADMINISTRATOR).pk), str(group(Role.DATA_PROTECTION_OFFICER).pk)]
    response = admin.post(change_url(ada), form_of(ada, groups=groups))
    assert "You cannot change your own roles" in response.content.decode()
    assert list(ada.groups.values_list("name", flat=True)) == [ROLES[Role.ADMINISTRATOR].name]
    assert_cannot_read_everything(admin)
    (entry,) = refusals("ada.admin")
    assert json.loads(entry.detail)["roles"] == [ROLES[Role.DATA_PROTECTION_OFFICER].name]


def test_nor_give_another_account_a_role_beyond_their_own(admin: Client, ada: User) -> None:
    # An account of their own making, whose password they chose, given the DPO's role:
    # the escalation by a second account.
    response = admin.post(
        reverse("admin:auth_user_add"),
        {
            "username": "sock.puppet",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "_continue": "1",
        },
    )
    assert response.status_code == 302
    puppet = User.objects.get(username="sock.puppet")
    for role in (Role.DATA_PROTECTION_OFFICER, Role.CUSTODY, Role.FOI_OFFICER):
        response = admin.post(change_url(puppet), form_of(puppet, groups=[str(group(role).pk)]))
        assert "only roles whose permissions you hold" in response.content.decode()
    assert not puppet.groups.exists()
    assert puppet.check_password(PASSWORD)
    puppet_client = Client()
    puppet_client.force_login(puppet)
    assert_cannot_read_everything(puppet_client)
    assert len(refusals("ada.admin")) == 3


def test_a_superuser_is_not_created_in_the_admin(admin: Client) -> None:
    response = admin.post(
        reverse("admin:auth_user_add"),
        {
            "username": "root2",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "is_superuser": "on",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="root2").exists()
    assert not User.objects.filter(is_superuser=True).exists()
    (entry,) = refusals("ada.admin")
    assert "superuser" in entry.purpose


def test_the_administrator_cannot_set_another_accounts_password(admin: Client, fred: User) -> None:
    url = reverse("admin:auth_user_password_change", args=[fred.pk])
    assert admin.get(url).status_code == 403
    new = "another long passphrase 42"
    response = admin.post(url, {"password1": new, "password2": new, "usable_password": "true"})
    assert response.status_code == 403
    fred.refresh_from_db()
    assert fred.check_password(PASSWORD)
    assert len(refusals("ada.admin")) == 2


def test_an_account_beyond_reach_is_not_re_addressed(admin: Client, fred: User) -> None:
    """Changing the e-mail of an account holding more would let a password reset take it."""
    response = admin.post(change_url(fred), form_of(fred, email="ada@attacker.example"))
    assert response.status_code == 302
    fred.refresh_from_db()
    assert fred.email == "fred.foi@force.example"


def test_a_leaver_is_shut_out_and_that_is_audited(admin: Client, fred: User) -> None:
    response = admin.post(change_url(fred), form_of(fred, is_active=""))
    assert response.status_code == 302
    fred.refresh_from_db()
    assert not fred.is_active
    entry = AuditEntry.objects.filter(record_type="auth.user", record_id=str(fred.pk)).last()
    assert entry is not None and entry.actor == "ada.admin"
    assert json.loads(entry.detail) == {"is_active": False}


def test_roles_within_their_own_are_given_and_audited(admin: Client) -> None:
    newcomer = officer("new.admin")
    administrator = group(Role.ADMINISTRATOR)
    response = admin.post(change_url(newcomer), form_of(newcomer, groups=[str(administrator.pk)]))
    assert response.status_code == 302
    assert list(newcomer.groups.all()) == [administrator]
    newcomer.refresh_from_db()
    assert newcomer.is_staff  # the role uses the admin
    entry = AuditEntry.objects.get(
        record_type="auth.user", record_id=str(newcomer.pk), purpose="account's roles changed"
    )
    assert entry.actor == "ada.admin"
    assert json.loads(entry.detail) == {"roles_added": [administrator.name]}


def test_every_change_of_access_is_audited_whoever_makes_it() -> None:
    user = officer("someone")
    with acting_as("command shell (root)"):
        user.is_superuser = True
        user.save()
        user.set_password(PASSWORD)
        user.save()
        user.user_permissions.add(Permission.objects.get(codename="view_person"))
        user.groups.add(group(Role.ANALYST))
        user.groups.clear()
    entries = AuditEntry.objects.filter(record_type="auth.user", record_id=str(user.pk))
    details = [json.loads(entry.detail) for entry in entries.order_by("sequence")]
    assert details[1:] == [
        {"is_superuser": True},
        {"password": "changed"},
        {"permissions_added": ["register.view_person"]},
        {"roles_added": [ROLES[Role.ANALYST].name]},
        {"roles_removed": [ROLES[Role.ANALYST].name]},
    ]
    assert {entry.actor for entry in entries[1:]} == {"command shell (root)"}
    assert PASSWORD not in str(list(entries.values()))
    assert user.password not in str(list(entries.values()))


def test_a_named_actor_is_logged_whatever_the_settings(settings) -> None:
    settings.ANSWERABLE_AUDIT_UNNAMED_ACCESS_CHANGES = False
    user = officer("quiet")
    user.groups.add(group(Role.ANALYST))
    assert not AuditEntry.objects.exists()  # a fixture's: no request, no command
    with acting_as("ada.admin"):
        user.groups.add(group(Role.ADMINISTRATOR))
    assert AuditEntry.objects.get().actor == "ada.admin"


def test_roles_beyond_the_admin_are_given_on_the_server(fred: User) -> None:
    with acting_as("command roles (root)"):
        call_command("roles", "grant", "fred.foi", "dpo", stdout=StringIO())
        call_command("roles", "revoke", "fred.foi", "foi-officer", stdout=StringIO())
    assert list(fred.groups.values_list("name", flat=True)) == [
        ROLES[Role.DATA_PROTECTION_OFFICER].name
    ]
    out = StringIO()
    call_command("roles", "list", "fred.foi", stdout=out)
    assert out.getvalue().startswith("fred.foi\tData protection officer")
    changes = AuditEntry.objects.filter(actor="command roles (root)", record_id=str(fred.pk))
    assert [json.loads(entry.detail) for entry in changes] == [
        {"roles_added": [ROLES[Role.DATA_PROTECTION_OFFICER].name]},
        {"roles_removed": [ROLES[Role.FOI_OFFICER].name]},
    ]


# API tokens: never minted in the admin (High).


def test_the_administrator_cannot_mint_a_token(admin: Client) -> None:
    assert admin.get(reverse("admin:api_apiclient_add")).status_code == 403
    response = admin.post(
        reverse("admin:api_apiclient_add"),
        {"name": "read-all", "scopes": ["custody:read", "disclosures:read"], "active": "on"},
    )
    assert response.status_code == 403
    assert not ApiClient.objects.exists()


def test_a_token_is_not_widened_nor_reissued_in_the_admin(admin: Client) -> None:
    with acting_as("command apitoken (root)"):
        call_command(
            "apitoken",
            "create",
            "dashboard",
            "--scope",
            "answers:read",
            stdout=StringIO(),
            stderr=StringIO(),
        )
    client = ApiClient.objects.get()
    digest = client.token_hash
    admin.post(
        reverse("admin:api_apiclient_change", args=[client.pk]),
        {"description": "x", "scopes": ["custody:read"], "active": "on", "_save": "Save"},
    )
    response = admin.post(
        reverse("admin:api_apiclient_changelist"),
        {"action": "issue_new_token", "_selected_action": [client.pk]},
    )
    assert response.status_code in (200, 302)
    client.refresh_from_db()
    assert client.scopes == ["answers:read"] and client.token_hash == digest
    created = AuditEntry.objects.get(record_type="api.apiclient", actor="command apitoken (root)")
    assert created.purpose == "API client created, token issued"
    assert json.loads(created.detail)["scopes"] == ["answers:read"]
    assert digest not in created.detail


def test_revoking_a_token_is_audited_naming_the_administrator(admin: Client) -> None:
    with acting_as("command apitoken (root)"):
        call_command(
            "apitoken",
            "create",
            "custody-system",
            "--scope",
            "custody:write",
            stdout=StringIO(),
            stderr=StringIO(),
        )
    client = ApiClient.objects.get()
    response = admin.post(
        reverse("admin:api_apiclient_changelist"),
        {"action": "revoke", "_selected_action": [client.pk]},
    )
    assert response.status_code == 302
    client.refresh_from_db()
    assert not client.active
    entry = AuditEntry.objects.filter(record_type="api.apiclient").last()
    assert entry is not None
    assert (entry.actor, entry.purpose) == ("ada.admin", "API client's token revoked")


# The rules themselves.

ADMIN = ROLES[Role.ADMINISTRATOR].permissions


def test_a_role_is_granted_only_by_one_holding_all_its_permissions() -> None:
    assert may_grant(ADMIN, Role.ADMINISTRATOR)
    assert not may_grant(ADMIN, Role.DATA_PROTECTION_OFFICER)
    assert not may_grant(ADMIN, Role.ANALYST)  # asking questions is not the administrator's
    everything = frozenset().union(*(spec.permissions for spec in ROLES.values()))
    assert all(may_grant(everything, role) for role in ROLES)


def test_an_account_holding_more_is_beyond_reach() -> None:
    assert within_reach(ADMIN, frozenset(), False)
    assert not within_reach(ADMIN, ADMIN | {"register.view_person"}, False)
    assert not within_reach(ADMIN, frozenset(), True)


def test_own_roles_are_never_changed() -> None:
    admin, dpo = ROLES[Role.ADMINISTRATOR].name, ROLES[Role.DATA_PROTECTION_OFFICER].name
    assert refused_roles(ADMIN, [admin], [admin], own_account=True) == []
    assert refused_roles(ADMIN, [admin], [], own_account=True) == [admin]
    assert refused_roles(ADMIN, [], [admin, dpo], own_account=False) == [dpo]
    assert refused_roles(ADMIN, [], ["not a role"], own_account=False) == ["not a role"]


def test_the_account_pages_open_for_the_administrator(admin: Client, ada: User, fred: User) -> None:
    for url in (
        reverse("admin:auth_user_changelist"),
        reverse("admin:auth_user_add"),
        change_url(ada),
        change_url(fred),
        reverse("admin:api_apiclient_changelist"),
    ):
        response = admin.get(url)
        assert response.status_code == 200, url
    page = admin.get(change_url(fred)).content.decode()
    assert "Superuser status" not in page and "User permissions" not in page
    assert 'name="email"' not in page  # beyond reach: not re-addressed
    assert 'name="is_active"' in page
