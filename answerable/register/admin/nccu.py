"""Contacts with the NCCU, entered by staff (seed 000)."""

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse

from answerable.register.admin.base import RegisterAdmin
from answerable.register.admin.dates import IndexedDateHierarchyMixin
from answerable.register.admin.entry import announce_disclosure, hide_person_ref
from answerable.register.forms import PERSON_REF_FIELD, NccuContactForm
from answerable.register.models import NccuContact
from answerable.register.sharing import record_nccu_disclosure


@admin.register(NccuContact)
class NccuContactAdmin(IndexedDateHierarchyMixin, RegisterAdmin):
    form = NccuContactForm
    list_display = (
        "__str__",
        "contacted_at",
        "channel",
        "role",
        "trigger",
        "advice",
        "action_taken",
        "division",
        "station",
        "disclosure",
    )
    list_filter = ("channel", "role", "trigger", "advice", "action_taken", "division", "station")
    list_select_related = ("division", "station", "disclosure")
    search_fields = ("reference", "=officer", "=disclosure__disclosure_ref")
    search_help_text = "Search by NCCU reference, officer's service number or disclosure reference."
    date_hierarchy = "contacted_on"
    ordering = ("-contacted_on", "-contacted_at")
    autocomplete_fields = ("person", "custody_episode", "disclosure")
    readonly_fields = ("contacted_on", "created_at", "updated_at")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "reference",
                    "contacted_at",
                    "contacted_on",
                    "channel",
                    "division",
                    "station",
                    "officer",
                )
            },
        ),
        (
            "Person",
            {
                "fields": (
                    PERSON_REF_FIELD,
                    "person",
                    "role",
                    "crime_type",
                    ("sex", "age"),
                    ("nationality", "disability"),
                    "trigger",
                )
            },
        ),
        ("Outcome", {"fields": ("advice", "action_taken")}),
        ("Links", {"fields": ("custody_episode", "disclosure")}),
        (None, {"fields": ("notes",)}),
        ("Record", {"fields": ("created_at", "updated_at")}),
    )

    @hide_person_ref
    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(
        self, request: HttpRequest, obj: NccuContact, form: ModelForm, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        # Every contact shares the person's data (seed 000), so it must be in the
        # disclosure register; a service function, so imports and scripts can do the same.
        announce_disclosure(request, record_nccu_disclosure(obj))
