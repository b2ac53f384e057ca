"""Sign-off: no response is issued until someone other than its author has approved it.

The rules (the authority's own governance of its responses; the Scottish Ministers'
Code of Practice under FOISA s60 asks authorities to have clear procedures for handling
requests):

- the officer who drafts the response (its author) asks for sign-off of a kind of response;
- an approver holds the `casework.approve_response` permission (the disclosure manager's
  role, roles.py) and is not the author;
- a case flagged sensitive (media interest, third parties, law enforcement) needs a second
  approver, different from the first;
- a rejection needs a comment; every request and decision is kept on the case;
- the approval is of the response as it stood when sign-off was asked for: a change to its
  questions, answers or exemptions, or another kind of response, needs sign-off again.

issue.issue_response refuses to issue without it (`approval_problem`).
"""

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from answerable.audit.actions import Action
from answerable.audit.trail import record
from answerable.casework.models import (
    InformationRequest,
    SignOffDecision,
    SignOffRequest,
    SignOffStatus,
)
from answerable.casework.models.choices import AWAITING_RESPONSE, Notice

APPROVE_PERMISSION = "casework.approve_response"
# The flags that make a case sensitive, as the case records them, and how they are named.
SENSITIVE_FLAGS = {
    "media_interest": "media interest",
    "third_parties": "third parties",
    "law_enforcement": "law enforcement",
}


class SignOffError(ValueError):
    """Sign-off cannot be asked for or given as asked; the message says why."""


def approvals_needed(flags: tuple[str, ...] | list[str]) -> int:
    """One approver; two, each different, for a case flagged sensitive."""
    return 2 if flags else 1


def sensitive_flags(case: InformationRequest) -> tuple[str, ...]:
    return tuple(label for field, label in SENSITIVE_FLAGS.items() if getattr(case, field))


def may_approve(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_perm(APPROVE_PERMISSION))


def draft_fingerprint(case: InformationRequest, notice: str) -> str:
    """What the response says, as a digest: its kind, questions, answers and exemptions.

    The figures themselves are not in it: they are re-run from the query the question
    keeps, and frozen as the query gives them when the response is issued.
    """
    questions = [
        [q.number, q.text, q.answer_kind, q.answer_text, q.ask, q.exemption_id, q.document_id]
        for q in case.questions.order_by("number")
    ]
    exemptions = [[e.section, e.reasons, e.public_interest] for e in case.exemptions.order_by("pk")]
    draft = {"notice": notice, "questions": questions, "exemptions": exemptions}
    encoded = json.dumps(draft, sort_keys=True, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()


def latest(case: InformationRequest) -> SignOffRequest | None:
    return case.sign_offs.exclude(status=SignOffStatus.REPLACED).order_by("-pk").first()


def _who(user: Any) -> str:
    return user.get_full_name() or user.get_username()


def _notice_label(notice: str) -> str:
    try:
        return str(Notice(notice).label)
    except ValueError:
        return notice


@dataclass(frozen=True)
class SignOffState:
    """Where a case's sign-off stands: the latest request, its approvals, what is missing."""

    sign_off: SignOffRequest | None
    approvals: tuple[SignOffDecision, ...]
    rejection: SignOffDecision | None
    needed: int
    flags: tuple[str, ...]
    problem: str  # why the response cannot be issued yet; "" once approved

    @property
    def approved(self) -> bool:
        return not self.problem

    @property
    def awaiting_decision(self) -> bool:
        """An approver may decide: the latest request is neither rejected nor replaced and
        lacks approvals (a case flagged sensitive after one approval needs another)."""
        return (
            self.sign_off is not None
            and self.sign_off.status in (SignOffStatus.PENDING, SignOffStatus.APPROVED)
            and self.rejection is None
            and len(self.approvals) < self.needed
        )


def state(case: InformationRequest, notice: str | None = None) -> SignOffState:
    """The sign-off of `case`'s response (of the kind `notice`, when given)."""
    flags = sensitive_flags(case)
    needed = approvals_needed(flags)
    sign_off = latest(case)
    if sign_off is None:
        problem = (
            "Ask for sign-off before issuing: a response is issued only once someone other "
            "than its author has approved it"
        )
        return SignOffState(None, (), None, needed, flags, problem)
    decisions = list(sign_off.decisions.select_related("decided_by").order_by("pk"))
    approvals = tuple(d for d in decisions if d.approved)
    rejection = next((d for d in decisions if not d.approved), None)
    problem = ""
    if rejection is not None:
        problem = (
            f"The response was rejected by {_who(rejection.decided_by)}: "
            f"{rejection.comment.strip()} Change it and ask for sign-off again"
        )
    elif sign_off.fingerprint != draft_fingerprint(case, sign_off.notice):
        problem = (
            f"The response has changed since sign-off was asked for on "
            f"{sign_off.requested_at:%-d %B %Y}: ask for sign-off again"
        )
    elif notice is not None and notice != sign_off.notice:
        problem = (
            f"Sign-off was asked for a response of the kind “{_notice_label(sign_off.notice)}”, "
            f"not “{_notice_label(notice)}”: ask for sign-off of the response you mean to issue"
        )
    elif len(approvals) < needed:
        why = f" (a sensitive case: {', '.join(flags)})" if flags else ""
        problem = (
            f"The response needs {needed} approval{'s' if needed > 1 else ''}{why} before "
            f"it is issued, and has {len(approvals)}"
        )
    return SignOffState(sign_off, approvals, rejection, needed, flags, problem)


def approval_problem(case: InformationRequest, notice: str | None) -> str:
    """Why a response (of the kind `notice`, when chosen) cannot be issued yet; "" when it
    can."""
    return state(case, notice).problem


@transaction.atomic
def request_sign_off(
    case: InformationRequest,
    *,
    notice: str,
    user: Any,
    note: str = "",
    flags: list[str] | None = None,
) -> SignOffRequest:
    """The author asks for sign-off of the response as it now stands; `flags`, when given,
    are the sensitive flags (SENSITIVE_FLAGS' names) the case now has."""
    if not getattr(user, "is_authenticated", False):
        raise SignOffError("Sign-off is asked for by the response's author, signed in")
    if case.responded_on is not None or case.status not in AWAITING_RESPONSE:
        raise SignOffError(f"{case.reference} has been answered: nothing to sign off")
    if flags is not None:
        unknown = set(flags) - SENSITIVE_FLAGS.keys()
        if unknown:
            raise SignOffError(f"unknown sensitive flags: {', '.join(sorted(unknown))}")
        changed = [name for name in SENSITIVE_FLAGS if getattr(case, name) != (name in flags)]
        if changed:
            for name in changed:
                setattr(case, name, name in flags)
            case.save()
            record(
                Action.ALTERATION,
                record=case,
                purpose=f"FOI request {case.reference}: sensitive flags set",
                detail={"fields": changed},
            )
    # A request already open is replaced: only the latest is decided on.
    replaced = list(case.sign_offs.filter(status=SignOffStatus.PENDING))
    for old in replaced:
        old.status = SignOffStatus.REPLACED
        old.save(update_fields=["status"])
    sign_off = SignOffRequest.objects.create(
        request=case,
        notice=notice,
        fingerprint=draft_fingerprint(case, notice),
        note=note.strip(),
        requested_by=user,
    )
    record(
        Action.COLLECTION,
        record=sign_off,
        purpose=f"FOI request {case.reference}: sign-off asked for",
        detail={"notice": notice, "replaced": [old.pk for old in replaced]},
    )
    return sign_off


@transaction.atomic
def decide(
    sign_off: SignOffRequest, *, user: Any, approved: bool, comment: str = ""
) -> SignOffDecision:
    """An approver approves or rejects the response, with a comment (needed to reject)."""
    case = sign_off.request
    if not may_approve(user):
        raise SignOffError("Only an approver (the disclosure manager) can sign a response off")
    if user.pk == sign_off.requested_by_id:
        raise SignOffError("You wrote this response: someone other than its author must approve it")
    if sign_off.status in (SignOffStatus.REJECTED, SignOffStatus.REPLACED) or (
        latest(case) != sign_off
    ):
        raise SignOffError("This sign-off request has been decided or replaced")
    if case.responded_on is not None:
        raise SignOffError(f"{case.reference} has been answered already")
    if sign_off.fingerprint != draft_fingerprint(case, sign_off.notice):
        raise SignOffError(
            "The response has changed since sign-off was asked for: its author must ask again"
        )
    if sign_off.decisions.filter(decided_by=user).exists():
        raise SignOffError(
            "You have approved this response already: a sensitive case needs a second, "
            "different approver"
        )
    needed = approvals_needed(sensitive_flags(case))
    approvals = sign_off.decisions.filter(approved=True).count()
    if approved and approvals >= needed:
        raise SignOffError("The response has all the approvals it needs")
    if not approved and not comment.strip():
        raise SignOffError("Say why the response is rejected, for its author to put right")
    decision = SignOffDecision.objects.create(
        sign_off=sign_off, approved=approved, comment=comment.strip(), decided_by=user
    )
    if not approved:
        sign_off.status = SignOffStatus.REJECTED
    elif approvals + 1 >= needed:
        sign_off.status = SignOffStatus.APPROVED
    sign_off.save(update_fields=["status"])
    record(
        Action.COLLECTION,
        record=decision,
        purpose=f"FOI request {case.reference}: response {'approved' if approved else 'rejected'}",
        detail={"sign_off": sign_off.pk, "approved": approved},
    )
    return decision
