"""Who the audit trail names: the command and its account, or the request's signed-in user."""

import getpass

import pytest

from answerable.audit.actor import acting_as, command_actor, current_actor
from answerable.cli import main

SHOW_ACTOR = "from answerable.audit.actor import current_actor; print(current_actor())"


def test_a_command_run_through_the_console_script_is_the_actor(capsys):
    assert current_actor() == "system"
    main(["answerable", "shell", "--no-imports", "-c", SHOW_ACTOR])
    assert capsys.readouterr().out.strip() == f"command shell ({getpass.getuser()})"
    assert current_actor() == "system"  # the command's actor ends with it


def test_acting_as_nests_and_is_cut_to_the_fields_length():
    with acting_as("outer"):
        with acting_as("x" * 200):
            assert current_actor() == "x" * 150
        assert current_actor() == "outer"


def test_a_command_actor_without_an_account_name(monkeypatch):
    def no_account() -> str:
        raise KeyError("uid 1234 has no name")

    monkeypatch.setattr(getpass, "getuser", no_account)
    assert command_actor("import") == "command import (unknown account)"


@pytest.mark.django_db
def test_a_request_names_its_signed_in_user(client, django_user_model):
    from answerable.audit.models import AuditEntry
    from answerable.roles.assign import assign_role
    from answerable.roles.roles import Role

    user = django_user_model.objects.create_user("dora.dpo")
    assign_role(user, Role.DATA_PROTECTION_OFFICER)
    client.force_login(user)
    assert client.get("/audit/").status_code == 200
    assert AuditEntry.objects.get().actor == "dora.dpo"
