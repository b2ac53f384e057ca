"""Sign-off before issue (casework/signoff.py) and the issue step's refusal without it."""

from datetime import date

import pytest
from casework_helpers import approve, approver, make_case, officer

from answerable.audit.models import AuditEntry
from answerable.casework import signoff
from answerable.casework.issue import IssueError, issue_response
from answerable.casework.models import IssuedLetter, RequestQuestion, SignOffDecision
from answerable.casework.signoff import SignOffError

pytestmark = pytest.mark.django_db


def text_case(**fields):
    case = make_case(date(2026, 7, 1), **fields)
    RequestQuestion.objects.create(
        request=case,
        number=1,
        text="Do you hold the policy?",
        answer_kind="text",
        answer_text="Yes: it is enclosed.",
    )
    return case


def test_one_approver_or_two_for_a_sensitive_case() -> None:
    assert signoff.approvals_needed(()) == 1
    assert signoff.approvals_needed(("media interest",)) == 2
    case = make_case(third_parties=True, law_enforcement=True)
    assert signoff.sensitive_flags(case) == ("third parties", "law enforcement")


def test_the_author_cannot_approve_and_an_approver_needs_the_permission() -> None:
    case = text_case()
    author = approver("author")  # an approver too, but the response's author
    sign_off = signoff.request_sign_off(case, notice="full", user=author, note="Check q1")
    with pytest.raises(SignOffError, match="someone other than its author"):
        signoff.decide(sign_off, user=author, approved=True)
    with pytest.raises(SignOffError, match="Only an approver"):
        signoff.decide(sign_off, user=officer("colleague"), approved=True)
    with pytest.raises(IssueError, match="needs 1 approval before it is issued, and has 0"):
        issue_response(case, notice="full", issued_on=date(2026, 7, 20))
    signoff.decide(sign_off, user=approver("manager"), approved=True, comment="Fine.")
    sign_off.refresh_from_db()
    assert sign_off.status == "approved"
    with pytest.raises(IssueError, match="not “Information not held"):
        issue_response(case, notice="not_held", issued_on=date(2026, 7, 20))
    issued = issue_response(case, notice="full", issued_on=date(2026, 7, 20), user=author)
    assert IssuedLetter.objects.get(request=case) == issued


def test_a_sensitive_case_needs_a_second_different_approver() -> None:
    case = text_case(media_interest=True)
    sign_off = signoff.request_sign_off(case, notice="full", user=officer("author"))
    first = approver("first")
    signoff.decide(sign_off, user=first, approved=True)
    with pytest.raises(SignOffError, match="second, different approver"):
        signoff.decide(sign_off, user=first, approved=True)
    with pytest.raises(IssueError, match=r"needs 2 approvals \(a sensitive case: media interest\)"):
        issue_response(case, notice="full", issued_on=date(2026, 7, 20))
    signoff.decide(sign_off, user=approver("second"), approved=True)
    assert signoff.state(case, "full").approved
    issue_response(case, notice="full", issued_on=date(2026, 7, 20))


def test_a_rejection_needs_a_comment_and_is_kept_with_the_case() -> None:
    case = text_case()
    sign_off = signoff.request_sign_off(case, notice="full", user=officer("author"))
    manager = approver("manager")
    with pytest.raises(SignOffError, match="Say why"):
        signoff.decide(sign_off, user=manager, approved=False)
    signoff.decide(sign_off, user=manager, approved=False, comment="Cite the policy's date.")
    with pytest.raises(IssueError, match="rejected by manager: Cite the policy's date"):
        issue_response(case, notice="full", issued_on=date(2026, 7, 20))
    with pytest.raises(SignOffError, match="decided or replaced"):
        signoff.decide(sign_off, user=approver("other"), approved=True)
    # Asked again: the rejection stays on the case, the new request is decided afresh.
    again = approve(case)
    assert again.pk != sign_off.pk
    assert SignOffDecision.objects.filter(sign_off__request=case).count() == 2
    issue_response(case, notice="full", issued_on=date(2026, 7, 20))
    actions = AuditEntry.objects.filter(record_type__startswith="casework.signoff")
    assert actions.count() == 4  # two requests, two decisions


def test_a_response_changed_after_approval_needs_sign_off_again() -> None:
    case = text_case()
    approve(case)
    question = case.questions.get()
    question.answer_text = "No: nothing is held."
    question.save()
    with pytest.raises(IssueError, match="changed since sign-off was asked for"):
        issue_response(case, notice="full", issued_on=date(2026, 7, 20))
    approve(case)
    issue_response(case, notice="full", issued_on=date(2026, 7, 20))
    with pytest.raises(SignOffError, match="has been answered"):
        signoff.request_sign_off(case, notice="full", user=officer("late"))


def test_a_case_flagged_sensitive_after_one_approval_needs_another() -> None:
    case = text_case()
    sign_off = approve(case)
    assert signoff.state(case, "full").approved
    case.law_enforcement = True
    case.save()
    state = signoff.state(case, "full")
    assert not state.approved and state.awaiting_decision
    assert "needs 2 approvals" in state.problem
    signoff.decide(sign_off, user=approver("second"), approved=True)
    assert signoff.state(case, "full").approved and not signoff.state(case).awaiting_decision


def test_a_response_changed_while_waiting_cannot_be_approved() -> None:
    case = text_case()
    sign_off = signoff.request_sign_off(case, notice="full", user=officer("author"))
    RequestQuestion.objects.filter(request=case).update(answer_text="Changed.")
    with pytest.raises(SignOffError, match="changed since sign-off was asked for"):
        signoff.decide(sign_off, user=approver("manager"), approved=True)
