"""Policy documents (MoUs, sharing agreements, policies, criteria) and their versions.

Seed 000 asks for "any final version or draft" of each, so versions are entered with the
document, each with its own status, dates and file.
"""

from typing import Any

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from answerable.register.admin.base import RegisterAdmin
from answerable.register.forms import DocumentForm, DocumentVersionForm
from answerable.register.models import Document, DocumentVersion


class DocumentVersionInline(admin.StackedInline):
    model = DocumentVersion
    form = DocumentVersionForm
    fields = ("version", "status", "dated", "effective_from", "withdrawn_on", "file", "notes")
    show_change_link = True  # the version's own page shows its history

    def get_extra(self, request: HttpRequest, obj: Document | None = None, **kwargs: Any) -> int:
        return 1 if obj is None else 0  # a new document comes with its first version


@admin.register(Document)
class DocumentAdmin(RegisterAdmin):
    form = DocumentForm
    inlines = (DocumentVersionInline,)
    list_display = ("reference", "title", "kind", "version_count", "published_url")
    list_filter = ("kind",)
    search_fields = ("reference", "title")
    readonly_fields = ("created_at", "updated_at")

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(version_count=Count("versions"))

    @admin.display(description="versions", ordering="version_count")
    def version_count(self, document: Document) -> int:
        return document.version_count


@admin.register(DocumentVersion)
class DocumentVersionAdmin(RegisterAdmin):
    form = DocumentVersionForm
    list_display = (
        "document",
        "version",
        "status",
        "dated",
        "effective_from",
        "withdrawn_on",
        "file",
    )
    list_filter = ("status", "document__kind")
    list_select_related = ("document",)
    search_fields = ("version", "document__reference", "document__title")
    date_hierarchy = "dated"
    readonly_fields = ("created_at", "updated_at")
