"""Disclosures of a person's data to the Home Office (home-office-disclosures-v1)."""

from typing import Any

from django.contrib import admin
from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpRequest
from django.utils.safestring import SafeString

from answerable.register.admin.base import (
    ReferenceSearchMixin,
    RegisterAdmin,
)
from answerable.register.admin.dates import IndexedDateHierarchyMixin
from answerable.register.admin.links import change_link
from answerable.register.forms import DisclosureForm
from answerable.register.models import Disclosure, OutcomeReport


class OutcomeReportInline(admin.TabularInline):
    """Every outcome the Home Office reported for the disclosure, newest first.

    Read-only: a report is what was received (through the API or an import), so it is kept
    as received; the disclosure's own outcome fields hold the latest and are corrected there.
    """

    model = OutcomeReport
    extra = 0
    fields = ("outcome", "outcome_on", "reference", "reported_at", "reported_by", "became_latest")
    readonly_fields = fields
    verbose_name_plural = "outcomes reported by the Home Office"

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Disclosure)
class DisclosureAdmin(IndexedDateHierarchyMixin, ReferenceSearchMixin, RegisterAdmin):
    form = DisclosureForm
    reference_field = "disclosure_ref"
    search_fields = ("disclosure_ref",)
    search_help_text = "Search by the exact disclosure reference, e.g. NCCU-42."
    list_display = (
        "disclosure_ref",
        "disclosed_at",
        "role",
        "crime_type",
        "purpose",
        "recipient",
        "channel",
        "consent",
        "home_office_outcome",
        "division",
    )
    list_filter = (
        "purpose",
        "recipient",
        "channel",
        "role",
        "crime_type",
        "initiated_by",
        "consent",
        "home_office_outcome",
        "correction_reason",
        "division",
    )
    list_select_related = ("division",)
    # disclosed_on is the indexed UK local date that periods are counted by.
    date_hierarchy = "disclosed_on"
    # As for custody episodes: (disclosed_on, id) is what the disclosed_on index holds.
    ordering = ("-disclosed_on", "-pk")
    autocomplete_fields = ("person", "custody_episode", "agreement")
    inlines = (OutcomeReportInline,)
    readonly_fields = ("disclosed_on", "made_by", "import_batch", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("force", "disclosure_ref", "division", "made_by")}),
        (
            "Disclosure",
            {
                "fields": (
                    "disclosed_at",
                    "disclosed_on",
                    "recipient",
                    "channel",
                    "purpose",
                    "initiated_by",
                    "requested_at",
                    "consent",
                    "legal_basis",
                    "agreement_ref",
                    "agreement",
                )
            },
        ),
        (
            "Person, as recorded at the time",
            {
                "fields": (
                    "person",
                    "role",
                    "crime_type",
                    "sex",
                    "age",
                    "nationality",
                    "disability",
                )
            },
        ),
        ("Custody", {"fields": ("custody_ref", "custody_episode")}),
        (
            "Afterwards",
            {
                "fields": (
                    "home_office_outcome",
                    "outcome_on",
                    "corrected_at",
                    "correction_reason",
                )
            },
        ),
        ("Record", {"fields": ("import_batch", "created_at", "updated_at")}),
    )

    @admin.display(description="made by")
    def made_by(self, disclosure: Disclosure) -> SafeString | None:
        """The NCCU contact or ICCE referral this disclosure records, if any."""
        for relation in ("nccu_contact", "icce_request"):
            try:
                return change_link(getattr(disclosure, relation))
            except ObjectDoesNotExist:
                continue
        return None
