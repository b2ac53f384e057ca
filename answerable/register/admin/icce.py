"""ICCE requests and high-harm referrals, entered by staff (seed 000)."""

from django.contrib import admin

from answerable.register.admin.base import RegisterAdmin
from answerable.register.admin.entry import SharingEntryAdmin
from answerable.register.forms import PERSON_REF_FIELD, IcceRequestForm
from answerable.register.models import IcceRequest
from answerable.register.sharing import record_icce_referral_disclosure


@admin.register(IcceRequest)
class IcceRequestAdmin(SharingEntryAdmin, RegisterAdmin):
    form = IcceRequestForm
    record_sharing = staticmethod(record_icce_referral_disclosure)
    list_display = (
        "reference",
        "sent_on",
        "returned_on",
        "division",
        "result",
        "high_harm",
        "referred_to_hoie",
        "referral_outcome",
    )
    list_filter = (
        "result",
        "high_harm",
        "high_harm_basis",
        "referred_to_hoie",
        "referral_consideration",
        "referral_outcome",
        "division",
    )
    list_select_related = ("division",)
    search_fields = ("reference",)
    date_hierarchy = "sent_on"
    autocomplete_fields = ("person", "custody_episode", "referral_disclosure")
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (
            None,
            {"fields": ("reference", "division", "sent_on", "returned_on", "countries", "result")},
        ),
        ("Person", {"fields": (PERSON_REF_FIELD, "person", "custody_episode")}),
        ("High harm", {"fields": ("high_harm", "high_harm_basis", "criteria")}),
        (
            "Referral to Immigration Enforcement",
            {
                "fields": (
                    "referred_to_hoie",
                    "referred_on",
                    "referral_consideration",
                    "referral_disclosure",
                    "referral_outcome",
                    "referral_outcome_on",
                )
            },
        ),
        (None, {"fields": ("notes",)}),
        ("Record", {"fields": ("created_at", "updated_at")}),
    )
