"""Who may keep an answer on a case, beyond asking questions (predicates.can_ask)."""

from answerable.roles import predicates
from answerable.roles.predicates import User


def can_attach(user: User) -> bool:
    """Add a figures question to a case, or replace one's figures: casework, with the right to
    change cases and their questions (roles.py gives both to the FOI officer and the
    disclosure manager)."""
    return (
        predicates.can_do_casework(user)
        and user.has_perm("casework.change_informationrequest")
        and user.has_perm("casework.add_requestquestion")
        and user.has_perm("casework.change_requestquestion")
    )
