"""People, known only by their keyed pseudonym (register/pseudonym.py)."""

import re

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from answerable.register.admin.base import RegisterAdmin
from answerable.register.admin.links import changelist_url
from answerable.register.models import (
    CustodyEpisode,
    Disclosure,
    IcceRequest,
    NccuContact,
    Person,
)

HEX = re.compile(r"[0-9a-f]+")

PERSON_RECORDS = (
    (CustodyEpisode, "custody episodes"),
    (Disclosure, "disclosures"),
    (NccuContact, "NCCU contacts"),
    (IcceRequest, "ICCE requests"),
)


@admin.register(Person)
class PersonAdmin(RegisterAdmin):
    list_display = (
        "short_pseudonym",
        "sex",
        "age",
        "nationality",
        "disability",
        "asylum_claimed",
        "last_recorded_at",
    )
    list_filter = ("sex", "disability", "asylum_claimed")
    # Only the pseudonym can be searched: no name or source identifier is stored (DPA 2018
    # s37, data minimisation), and the admin offers no way to turn one into a pseudonym.
    search_fields = ("pseudonym",)
    ordering = ("pseudonym",)  # the unique index the prefix search uses
    search_help_text = "Search by the start of the pseudonym (letters a to f and digits)."
    fields = (
        "pseudonym",
        "sex",
        "age",
        "nationality",
        "disability",
        "asylum_claimed",
        "last_recorded_at",
        "records",
        "created_at",
        "updated_at",
    )
    readonly_fields = ("pseudonym", "last_recorded_at", "records", "created_at", "updated_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A person enters the register only from a source identifier, by import or by the
        # person_ref field of the NCCU contact and ICCE request forms: never by hand here.
        return False

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        term = search_term.strip().lower()
        if not term:
            return queryset, False
        if not HEX.fullmatch(term):
            return queryset.none(), False
        # A range on the unique index finds a prefix among a million people at once
        # ("g" sorts after every hexadecimal digit); startswith keeps it exact under any
        # database collation.
        prefixed = queryset.filter(pseudonym__gte=term, pseudonym__lt=f"{term}g")
        return prefixed.filter(pseudonym__startswith=term), False

    @admin.display(description="pseudonym", ordering="pseudonym")
    def short_pseudonym(self, person: Person) -> str:
        return person.pseudonym[:12]

    @admin.display(description="records")
    def records(self, person: Person) -> SafeString:
        rows = (
            (
                changelist_url(model, person__id__exact=person.pk),
                model.objects.filter(person=person).count(),
                label,
            )
            for model, label in PERSON_RECORDS
        )
        return format_html_join(mark_safe("<br>"), '<a href="{}">{} {}</a>', rows)
