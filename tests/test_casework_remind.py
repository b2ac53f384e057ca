"""`answerable remind`: each officer's cases due soon or overdue, by e-mail, with no
requester's personal data."""

import pytest
from casework_remind_support import (
    TODAY,
    cases,  # noqa: F401  (fixtures)
)
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_each_officer_gets_one_mail_with_references_and_days_left(cases, mailoutbox, capsys):
    call_command("remind", "--today", TODAY.isoformat())
    assert len(mailoutbox) == 2  # "mine" and "reviewer"; "nomail" has no address
    mail = next(m for m in mailoutbox if m.to == ["mine@force.example"])
    assert mail.subject == "FOI reminder: 2 cases due, 1 overdue"
    lines = mail.body.splitlines()
    overdue_line = next(line for line in lines if cases["overdue"].reference in line)
    assert "OVERDUE by 3 working days" in overdue_line and "Wed 22 Jul 2026" in overdue_line
    soon_line = next(line for line in lines if cases["due_soon"].reference in line)
    assert "2 working days left" in soon_line
    assert lines.index(overdue_line) < lines.index(soon_line)  # soonest first
    review_mail = next(m for m in mailoutbox if m.to == ["reviewer@force.example"])
    assert "review" in review_mail.body
    for sent in mailoutbox:
        assert "Requester" not in sent.body and "private.example" not in sent.body
        assert "Immigration custodies" not in sent.body  # not even the subject line
    printed = capsys.readouterr()
    assert "nomail has no e-mail address" in printed.err
    assert cases["unassigned"].reference in printed.err
    assert "Sent 2 reminder(s)." in printed.out


def test_within_sets_how_far_ahead(cases, mailoutbox):
    call_command("remind", "--today", TODAY.isoformat(), "--within", "0")
    mail = next(m for m in mailoutbox if m.to == ["mine@force.example"])
    assert cases["overdue"].reference in mail.body
    assert cases["due_soon"].reference not in mail.body


def test_dry_run_sends_nothing(cases, mailoutbox, capsys):
    call_command("remind", "--today", TODAY.isoformat(), "--dry-run")
    assert mailoutbox == []
    out = capsys.readouterr().out
    assert cases["overdue"].reference in out and "Dry run: nothing sent." in out
