"""What every register ModelAdmin shares."""

from typing import Any

from django.contrib import messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import unquote
from django.db import transaction
from django.db.models import Model, ProtectedError, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from simple_history.admin import SimpleHistoryAdmin

from answerable.audit.actions import Action
from answerable.audit.hooks import PERSONAL_MODELS
from answerable.audit.trail import record
from answerable.register.models import Force

# NULL means "not recorded", which is never "no" and never zero (register notes, corpus
# A13), so the admin says so rather than showing a dash.
NOT_RECORDED = "Not recorded"


class RegisterAdmin(SimpleHistoryAdmin):
    """A register record: its history page shows who changed what and when (DPA 2018 s62)."""

    empty_value_display = NOT_RECORDED
    # The register holds up to a million custody episodes: never count the whole table
    # just to print "of N" beside a filtered count.
    show_full_result_count = False
    list_per_page = 50

    # A deletion can be refused: a record an open FOI request asks for is held (FOISA
    # s1(4)-(5), casework/holds.py), and a record others point to is protected. The refusal
    # is shown to the user and nothing is deleted, instead of an error page.
    REFUSED = "_answerable_deletion_refused"

    PENDING_LOG = "_answerable_deletions_to_log"

    # Opening a person's record consults it (DPA 2018 s62(1)(c)), in the admin as on the
    # register's pages (register/views/records.py). Saves are logged by audit/hooks.py.
    CONSULTATION_PURPOSE = "administration change page"

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        self._log_consultation(request, object_id, response)
        return response

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
    ) -> HttpResponse:
        # A past version's page shows the record as it was: a consultation too.
        response = super().history_form_view(request, object_id, version_id, extra_context)
        self._log_consultation(request, object_id, response)
        return response

    def _log_consultation(self, request: HttpRequest, object_id: str, response: Any) -> None:
        if request.method != "GET" or response.status_code != 200:
            return  # a save is logged as an alteration; a refusal or redirect shows nothing
        if self.model._meta.label not in PERSONAL_MODELS:
            return  # reference data (custody centres, documents) is not a person's
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            record(Action.CONSULTATION, record=obj, purpose=self.CONSULTATION_PURPOSE)

    def log_deletions(self, request: HttpRequest, queryset: Any) -> list[LogEntry]:
        # Django logs a deletion before it deletes: kept until the deletion is done (and
        # nothing logged yet; Django does not read what this returns).
        setattr(request, self.PENDING_LOG, list(queryset))
        return []

    def _refusable(self, request: HttpRequest, delete: Any) -> None:
        try:
            with transaction.atomic():
                delete()
                super().log_deletions(request, getattr(request, self.PENDING_LOG, []))
        except ProtectedError as refusal:
            setattr(request, self.REFUSED, str(refusal.args[0]))

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        self._refusable(request, lambda: super(RegisterAdmin, self).delete_model(request, obj))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._refusable(
            request, lambda: super(RegisterAdmin, self).delete_queryset(request, queryset)
        )

    def response_delete(self, request: HttpRequest, obj_display: str, obj_id: Any) -> HttpResponse:
        refused = getattr(request, self.REFUSED, None)
        if refused is None:
            return super().response_delete(request, obj_display, obj_id)
        messages.error(request, f"Nothing was deleted. {refused}")
        return HttpResponseRedirect(request.path.removesuffix("delete/"))

    def message_user(self, request: HttpRequest, message: str, *args: Any, **kwargs: Any) -> None:
        refused = getattr(request, self.REFUSED, None)
        if refused is None:
            super().message_user(request, message, *args, **kwargs)
        elif not getattr(request, f"{self.REFUSED}_said", False):
            setattr(request, f"{self.REFUSED}_said", True)  # the bulk action's success line
            messages.error(request, f"Nothing was deleted. {refused}")


def search_by_reference(queryset: QuerySet, field: str, search_term: str) -> tuple[QuerySet, bool]:
    """Exact search on a reference that is unique per force.

    Matching `force IN (...) AND ref IN (...)` uses the (force, reference) unique index on
    SQLite and PostgreSQL alike, where a substring search would read every row of a table
    with a million custody episodes. The term is tried as typed and in capitals.
    """
    term = search_term.strip()
    if not term:
        return queryset, False
    forces = list(Force.objects.values_list("pk", flat=True))
    refs = sorted({term, term.upper()})
    return queryset.filter(force__in=forces, **{f"{field}__in": refs}), False


class ReferenceSearchMixin:
    """For a large table whose reference is unique per force (see search_by_reference)."""

    reference_field: str = ""
    search_help_text = "Search by the exact reference."

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        return search_by_reference(queryset, self.reference_field, search_term)
