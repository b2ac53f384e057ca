"""Contacts with the NCCU, entered by staff (seed 000)."""

from django.contrib import admin

from answerable.register.admin.base import RegisterAdmin
from answerable.register.admin.dates import IndexedDateHierarchyMixin
from answerable.register.admin.entry import SharingEntryAdmin
from answerable.register.forms import PERSON_REF_FIELD, NccuContactForm
from answerable.register.models import NccuContact
from answerable.register.sharing import record_nccu_disclosure


@admin.register(NccuContact)
class NccuContactAdmin(SharingEntryAdmin, IndexedDateHierarchyMixin, RegisterAdmin):
    form = NccuContactForm
    record_sharing = staticmethod(record_nccu_disclosure)
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
