"""The register's front page: the sections this user's roles open, and what they may record."""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from answerable.register.views import access
from answerable.register.views.scope import lacks_division, list_division
from answerable.roles import predicates
from answerable.web.access import require


@dataclass(frozen=True)
class Section:
    title: str
    url: str
    description: str


SECTIONS = (
    (
        access.can_view_custody,
        "Custody episodes",
        "register:custody_list",
        "People held in custody, from arrival to release or transfer.",
    ),
    (
        access.can_view_nccu,
        "NCCU contacts",
        "register:nccu_list",
        "Officers' contacts with Immigration Enforcement's National Command and Control Unit.",
    ),
    (
        access.can_view_disclosures,
        "Disclosures to the Home Office",
        "register:disclosure_list",
        "Every sharing of a person's data with the Home Office, with its purpose and basis.",
    ),
    (
        access.can_view_icce,
        "ICCE requests",
        "register:icce_list",
        "International Criminal Conviction Exchange requests and high-harm referrals.",
    ),
)
ENTRIES = (
    (access.can_record_nccu, "Record an NCCU contact", "register:nccu_new"),
    (access.can_record_icce, "Record an ICCE request", "register:icce_new"),
)


@require(predicates.can_see_register)
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "sections": [
            Section(title, reverse(name), description)
            for allowed, title, name, description in SECTIONS
            if allowed(user)
        ],
        "entries": [(title, reverse(name)) for allowed, title, name in ENTRIES if allowed(user)],
        "division": list_division(user),
        "no_division": lacks_division(user),
    }
    return render(request, "register/index.html", context)
