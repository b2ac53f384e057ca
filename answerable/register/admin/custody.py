"""Custody episodes (custody-episodes-v1). Imported in bulk; staff correct them here."""

from django.contrib import admin

from answerable.register.admin.base import ReferenceSearchMixin, RegisterAdmin
from answerable.register.admin.dates import IndexedDateHierarchyMixin
from answerable.register.models import CustodyEpisode

IN_CUSTODY = "In custody"


@admin.register(CustodyEpisode)
class CustodyEpisodeAdmin(IndexedDateHierarchyMixin, ReferenceSearchMixin, RegisterAdmin):
    reference_field = "custody_ref"
    search_fields = ("custody_ref",)
    search_help_text = "Search by the exact custody reference, e.g. NCS-2017-000123."
    list_display = (
        "custody_ref",
        "arrived_at",
        "released_at",
        "duration",
        "station",
        "division",
        "detention_basis",
        "outcome",
    )
    list_filter = ("detention_basis", "outcome", "asylum_claimed", "division", "station")
    list_select_related = ("station", "division")
    # arrived_on is indexed and is the UK local date periods are counted by
    # (custody-episodes-v1, Meaning), so drilling down by it matches the FOI counts.
    date_hierarchy = "arrived_on"
    # Newest first. (arrived_on, id) is what the arrived_on index holds, so the first page of a
    # million episodes is read straight from the index; adding arrived_at would sort them all.
    ordering = ("-arrived_on", "-pk")
    autocomplete_fields = ("person",)
    readonly_fields = (
        "arrived_on",
        "duration_minutes",
        "import_batch",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("force", "custody_ref", "division", "station")}),
        (
            "Custody",
            {
                "fields": (
                    "arrived_at",
                    "released_at",
                    "arrived_on",
                    "duration_minutes",
                    "detention_basis",
                    "primary_offence",
                    "offence_code",
                    "outcome",
                )
            },
        ),
        (
            "Person, as recorded at arrival",
            {
                "fields": (
                    "person",
                    "sex",
                    "age",
                    "nationality",
                    "disability",
                    "asylum_claimed",
                )
            },
        ),
        ("Record", {"fields": ("import_batch", "created_at", "updated_at")}),
    )

    @admin.display(description="duration", ordering="duration_minutes")
    def duration(self, episode: CustodyEpisode) -> str:
        # custody-episodes-v1: episodes still in custody are their own value, not a zero.
        if episode.duration_minutes is None:
            return IN_CUSTODY
        hours, minutes = divmod(episode.duration_minutes, 60)
        return f"{hours}h {minutes:02d}m"
