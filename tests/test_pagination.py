"""One pagination component for every list (web/templatetags/pagination.py)."""

from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory

PAGINATION = Template('{% include "web/_pagination.html" %}')


def drawn(query: str, number: int, pages: int = 20, **context: object) -> str:
    request = RequestFactory().get(f"/register/custody/{query}")
    page = Paginator(range(pages * 10), 10).get_page(number)
    return PAGINATION.render(Context({"request": request, "page": page, **context}))


def test_links_keep_the_search_and_filters_and_replace_the_page() -> None:
    html = drawn("?q=Govan&station=3&page=4", 4)
    assert 'href="?q=Govan&amp;station=3&amp;page=5" rel="next"' in html
    assert 'href="?q=Govan&amp;station=3&amp;page=3" rel="prev"' in html
    assert 'aria-current="page">4</a>' in html


def test_a_long_list_is_elided_around_the_current_page() -> None:
    html = drawn("", 10)
    shown = [n for n in range(1, 21) if f'aria-label="Page {n}"' in html]
    assert shown == [1, 8, 9, 10, 11, 12, 20]
    assert html.count("govuk-pagination__item--ellipses") == 2


def test_a_pinned_value_is_added_to_every_link() -> None:
    html = drawn("?actor=pc1", 1, page_pins={"upto": 517})
    assert 'href="?actor=pc1&amp;page=2&amp;upto=517" rel="next"' in html


def test_one_page_draws_nothing_and_the_first_has_no_previous() -> None:
    assert drawn("", 1, pages=1).strip() == ""
    html = drawn("", 1)
    assert 'rel="prev"' not in html and 'rel="next"' in html


def test_hostile_query_values_are_escaped() -> None:
    html = drawn('?q="><script>alert(1)</script>', 1)
    assert "<script>" not in html
