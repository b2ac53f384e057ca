"""Who may change a case, beyond reading it (predicates.can_do_casework): the model
permissions roles.py gives the FOI officer and the disclosure manager."""

from answerable.roles.predicates import User


def can_log_requests(user: User) -> bool:
    return user.has_perm("casework.add_informationrequest")


def can_change_cases(user: User) -> bool:
    """Issue a case's response and close it."""
    return user.has_perm("casework.view_informationrequest") and user.has_perm(
        "casework.change_informationrequest"
    )


def can_edit_questions(user: User) -> bool:
    """Change a question's text and answer, and re-run its figures."""
    return user.has_perm("casework.view_informationrequest") and user.has_perm(
        "casework.change_requestquestion"
    )


def can_task_units(user: User) -> bool:
    """Task a business unit and chase it (tasking.py)."""
    return user.has_perm("casework.view_informationrequest") and user.has_perm(
        "casework.add_searchtask"
    )


def can_record_searches(user: User) -> bool:
    return user.has_perm("casework.view_informationrequest") and user.has_perm(
        "casework.add_searchrecord"
    )


def can_ask_sign_off(user: User) -> bool:
    return user.has_perm("casework.view_informationrequest") and user.has_perm(
        "casework.add_signoffrequest"
    )


def can_approve(user: User) -> bool:
    """Approve or reject a response before it is issued (signoff.py)."""
    return user.has_perm("casework.view_informationrequest") and user.has_perm(
        "casework.approve_response"
    )
