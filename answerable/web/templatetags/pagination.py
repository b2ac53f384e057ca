"""Pagination links for every list (register, cases, the audit trail, the disclosure log),
drawn by one template, web/_pagination.html, as GOV.UK Frontend's pagination component."""

from typing import Any

from django import template
from django.core.paginator import Page

register = template.Library()


@register.simple_tag
def page_numbers(page: Page) -> list[int | str]:
    """The page numbers to offer: the first, the last and two either side of this one,
    with the paginator's ellipsis for the pages left out (a long list stays one line)."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))


@register.simple_tag(takes_context=True)
def page_href(context: template.Context, number: int) -> str:
    """A link to page `number` of the same list: the request's query (its search and
    filters) with the page replaced, and any values the view pins in `page_pins`. The
    audit search pins its last entry, so that entries written while someone reads do not
    shift the pages under them."""
    query = context["request"].GET.copy()
    query["page"] = str(number)
    pins: dict[str, Any] = context.get("page_pins") or {}
    for key, value in pins.items():
        query[key] = str(value)
    return f"?{query.urlencode()}"
