"""Import batches: the record of each interchange file imported. Read-only.

A batch is the register's account of what an import did; editing it by hand would make that
account untrue, so the admin shows batches and nothing more. ImportBatch keeps no history
of its own (it is itself a record of changes), so this is a plain ModelAdmin.
"""

from django.contrib import admin
from django.http import HttpRequest

from answerable.register.admin.base import NOT_RECORDED
from answerable.register.models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    empty_value_display = NOT_RECORDED
    list_display = (
        "started_at",
        "kind",
        "file_name",
        "synthetic",
        "imported_by",
        "rows_read",
        "created",
        "updated",
        "unchanged",
        "finished_at",
    )
    list_filter = ("kind", "synthetic")
    search_fields = ("file_name", "=sha256", "imported_by")
    date_hierarchy = "started_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ImportBatch | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ImportBatch | None = None) -> bool:
        return False
