"""The register's lists: custody episodes, NCCU contacts, disclosures and ICCE requests.

Each is filtered by a period, place and kind of record, searched by exact reference,
newest first, 50 to a page, and holds only what the user's division lets them see
(scope.py). Showing a page of records consults them (DPA 2018 s62(1)(c)): one audit entry
per page names the records shown and the filters used, never a value of a person.
"""

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from answerable.audit.actions import Action
from answerable.audit.trail import record
from answerable.core.record_types import record_type_of
from answerable.register.forms.filters import (
    CustodyFilter,
    DisclosureFilter,
    IcceFilter,
    NccuFilter,
    RegisterFilter,
)
from answerable.register.views import access
from answerable.register.views.kinds import CUSTODY, DISCLOSURE, ICCE, NCCU, Kind
from answerable.register.views.scope import lacks_division, list_division, visible
from answerable.web.access import require

PER_PAGE = 50
LIST_PURPOSE = "register list"


class KeysFirstPaginator(Paginator):
    """Django's Paginator, each page read keys first: the page's primary keys from the
    index that matches the list's filter and order (register migration 0010: division, then
    the UK local date, time and key; an index-only read that never sorts the division's
    rows), then those 50 rows, with what they show of other tables, by key.

    A page past the middle is read from the other end of the index (the order reversed,
    the offset counted from the last record), so the last pages cost what the first do.
    The pages, their numbers and their rows are exactly the Paginator's.
    """

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        records: QuerySet = self.object_list  # type: ignore[assignment]
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        keys_of = records.values_list("pk", flat=True)  # in the list's order
        if bottom > self.count - top:  # nearer the end: read the index backwards
            keys = list(keys_of.reverse()[self.count - top : self.count - bottom])[::-1]
        else:
            keys = list(keys_of[bottom:top])
        by_key = records.order_by().in_bulk(keys) if keys else {}
        rows = [by_key[key] for key in keys if key in by_key]
        return self._get_page(rows, number, self)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Listing:
    kind: Kind
    filters: type[RegisterFilter]  # a django-filter FilterSet
    template: str
    related: tuple[str, ...]  # what each row shows of other tables (one query, not 50)


def show_list(request: HttpRequest, listing: Listing, extra: dict | None = None) -> HttpResponse:
    user = request.user
    kind = listing.kind
    # Always bound: every filter is optional, so no query lists everything, newest first.
    records = visible(user, kind.model._default_manager.select_related(*listing.related))
    filters = listing.filters(request.GET, records, division=list_division(user))
    form = filters.form
    page, rows = None, []
    if filters.is_valid():
        records = filters.qs.order_by(*kind.ordering)
        page = KeysFirstPaginator(records, PER_PAGE).get_page(request.GET.get("page"))
        rows = list(page.object_list)
        if rows:
            record(
                Action.CONSULTATION,
                record_type=record_type_of(kind.model),
                purpose=LIST_PURPOSE,
                detail={**filters.applied(), "page": page.number, "records": [r.pk for r in rows]},
            )
    context = {
        "kind": kind,
        "form": form,
        "page": page,
        "rows": rows,
        "filtered": any(request.GET.get(name) for name in form.fields),
        "no_division": lacks_division(user),
        **(extra or {}),
    }
    return render(request, listing.template, context)


CUSTODY_LIST = Listing(CUSTODY, CustodyFilter, "register/custody_list.html", ("station",))
NCCU_LIST = Listing(NCCU, NccuFilter, "register/nccu_list.html", ("station", "disclosure"))
DISCLOSURE_LIST = Listing(
    DISCLOSURE, DisclosureFilter, "register/disclosure_list.html", ("division",)
)
ICCE_LIST = Listing(ICCE, IcceFilter, "register/icce_list.html", ("division",))


@require(access.can_view_custody)
def custody_list(request: HttpRequest) -> HttpResponse:
    return show_list(request, CUSTODY_LIST)


@require(access.can_view_nccu)
def nccu_list(request: HttpRequest) -> HttpResponse:
    return show_list(request, NCCU_LIST, {"may_record": access.can_record_nccu(request.user)})


@require(access.can_view_disclosures)
def disclosure_list(request: HttpRequest) -> HttpResponse:
    return show_list(request, DISCLOSURE_LIST)


@require(access.can_view_icce)
def icce_list(request: HttpRequest) -> HttpResponse:
    return show_list(request, ICCE_LIST, {"may_record": access.can_record_icce(request.user)})
