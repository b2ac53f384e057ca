"""The corrections table in the admin: administrators add proclaimed bank holidays and
remove days wrongly listed, each with its source; the history shows who changed what."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from answerable.clock.models import HolidayCorrection
from answerable.roles.predicates import account_of


@admin.register(HolidayCorrection)
class HolidayCorrectionAdmin(SimpleHistoryAdmin):
    list_display = ("date", "region", "action", "name", "source", "updated_at", "updated_by")
    list_filter = ("region", "action")
    search_fields = ("name", "source", "note")
    date_hierarchy = "date"
    readonly_fields = ("created_at", "created_by", "updated_at", "updated_by")
    fields = (
        "date",
        "region",
        "action",
        "name",
        "source",
        "note",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
    )

    def save_model(
        self, request: HttpRequest, obj: HolidayCorrection, form: Any, change: bool
    ) -> None:
        if not change:
            obj.created_by = account_of(request.user)
        obj.updated_by = account_of(request.user)
        super().save_model(request, obj, form, change)
