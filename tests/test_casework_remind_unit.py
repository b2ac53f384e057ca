"""`answerable remind`: cases due or overdue that nobody holds go to the FOI unit's mailbox
(ANSWERABLE_FOI_UNIT_EMAIL), with no requester's personal data."""

import pytest
from casework_remind_support import TODAY, cases  # noqa: F401  (the fixture)
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_cases_nobody_holds_go_to_the_foi_unit_mailbox(cases, mailoutbox, settings, capsys):
    settings.ANSWERABLE_FOI_UNIT_EMAIL = "foi-unit@force.example"
    call_command("remind", "--today", TODAY.isoformat())
    [unit] = [m for m in mailoutbox if m.to == ["foi-unit@force.example"]]
    assert "no officer assigned" in unit.subject
    assert cases["unassigned"].reference in unit.body
    assert cases["due_soon"].reference not in unit.body  # an officer holds that one
    assert "Requester" not in unit.body and "private.example" not in unit.body
    assert "Sent 3 reminder(s)." in capsys.readouterr().out


def test_without_a_unit_mailbox_they_are_only_listed(cases, mailoutbox, settings, capsys):
    settings.ANSWERABLE_FOI_UNIT_EMAIL = ""
    call_command("remind", "--today", TODAY.isoformat())
    assert all(m.to != ["foi-unit@force.example"] for m in mailoutbox)
    assert cases["unassigned"].reference in capsys.readouterr().err
