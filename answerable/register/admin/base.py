"""What every register ModelAdmin shares."""

from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

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
