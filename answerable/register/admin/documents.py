"""Policy documents (MoUs, sharing agreements, policies, criteria) and their versions.

Seed 000 asks for "any final version or draft" of each, so versions are entered with the
document, each with its own status, dates and file.
"""

from pathlib import PurePath
from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import FileResponse, Http404, HttpRequest
from django.urls import path, reverse
from django.utils.html import format_html

from answerable.audit.actions import Action
from answerable.audit.trail import record
from answerable.register.admin.base import RegisterAdmin
from answerable.register.documents import save_and_link
from answerable.register.forms import DocumentForm, DocumentVersionForm
from answerable.register.models import Document, DocumentVersion
from answerable.register.uploads import UploadError, check_upload


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

    def save_model(self, request: HttpRequest, obj: Document, form: Any, change: bool) -> None:
        # As SimpleHistoryAdmin.save_model does (its history's user), then the service: saved
        # with the disclosures that quoted its reference linked (documents.py). A revert from
        # the history page comes here too.
        obj._history_user = request.user  # type: ignore[attr-defined]  # simple_history's own
        save_and_link(obj)

    @admin.display(description="versions", ordering="version_count")
    def version_count(self, document: Document) -> int:
        return document.version_count  # type: ignore[attr-defined]  # get_queryset annotates it


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
    readonly_fields = ("created_at", "updated_at", "download")

    def get_urls(self) -> list[Any]:
        download = path(
            "<path:object_id>/download/",
            self.admin_site.admin_view(self.download_view),
            name="register_documentversion_download",
        )
        return [download, *super().get_urls()]

    @admin.display(description="download")
    def download(self, version: DocumentVersion) -> str:
        if not version.pk or not version.file:
            return "No file"
        url = reverse("admin:register_documentversion_download", args=[version.pk])
        return format_html('<a class="govuk-link" href="{}">Download the file</a>', url)

    def download_view(self, request: HttpRequest, object_id: str) -> FileResponse:
        """The version's file, for those who may see the version; each download logged.

        Always as an attachment, with the type its content was checked to be: never shown
        in the browser as a page (an old upload of HTML is refused here too)."""
        version = self.get_object(request, unquote(object_id))
        if version is None or not version.file:
            raise Http404("No such document file.")
        if not self.has_view_permission(request, version):
            raise PermissionDenied
        name = PurePath(version.file.name).name
        handle = version.file.open("rb")
        content = handle.read()
        handle.seek(0)
        try:
            content_type = check_upload(name, content).mime_type
        except UploadError:
            handle.close()
            raise PermissionDenied("The stored file is not a document this site serves.") from None
        record(
            Action.CONSULTATION,
            record=version,
            purpose="document file downloaded",
            detail={"file": name},
        )
        response = FileResponse(handle, as_attachment=True, filename=name)
        response["Content-Type"] = content_type
        return response
