"""The service navigation: each staff user sees the sections their roles open, no others."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from answerable.roles import predicates


@dataclass(frozen=True)
class Item:
    label: str
    url: str
    current: bool


SECTIONS = (
    # (label, URL name, predicate, path prefix that marks it current)
    ("Dashboard", "dashboard:index", predicates.can_see_dashboard),
    ("Register", "register:index", predicates.can_see_register),
    ("Answers", "answers:index", predicates.can_ask),
    ("Cases", "casework:case_list", predicates.can_do_casework),
    ("Release ledger", "answers:ledger", predicates.can_read_ledger),
    ("Audit trail", "audit:search", predicates.can_audit),
    ("Disclosure log", "disclosure_log:list", lambda user: True),
    ("Statistics", "statistics:latest", lambda user: True),
)
# What the public (not signed in) sees.
PUBLIC = ("disclosure_log:list", "statistics:latest")


def items(request: HttpRequest) -> list[Item]:
    # No user yet when the request was refused before authentication (a bad Host header).
    user = getattr(request, "user", None)
    if user is None:
        return []
    found = []
    for label, name, allowed in SECTIONS:
        if not user.is_authenticated and name not in PUBLIC:
            continue
        if not allowed(user):
            continue
        url = reverse(name)
        found.append(Item(label, url, request.path.startswith(url) and url != "/"))
    if user.is_authenticated and user.is_staff:
        found.append(Item("Administration", reverse("admin:index"), False))
    return found
