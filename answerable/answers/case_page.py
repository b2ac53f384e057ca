"""What the answer page shows and does for an FOI case, given by casework.

The answer page can be opened for a case's figures question (?case=REF&case_question=N,
links.answers_url) and can keep its question on a case (answers:attach). Casework sits above
the answers (docs/architecture.md), so the answers cannot import it: casework connects its
part here from its AppConfig.ready() (casework/answer_page.py), and the page asks for it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase


@dataclass(frozen=True)
class CasePage:
    # The case question the page was opened for, or None (an object the template reads:
    # reference, number, question, back_url, problem, can_save).
    for_case: Callable[[HttpRequest], Any]
    # The form that keeps the answer's question on a case (unbound).
    attach_form: Callable[[], forms.Form]
    # The view behind answers:attach (POST).
    attach: Callable[[HttpRequest], HttpResponseBase]


def _no_attach(request: HttpRequest) -> HttpResponse:
    raise Http404("no casework to attach answers to")


_NONE = CasePage(for_case=lambda request: None, attach_form=forms.Form, attach=_no_attach)
_connected: list[CasePage | Callable[[], CasePage]] = []


def connect(page: CasePage | Callable[[], CasePage]) -> None:
    """Casework's part of the answer page (called once, from CaseworkConfig.ready()).

    Given as a function that makes it, it is made when the page first asks: casework's
    page brings the answer page's views with it, which a command never shows (issue 16:
    `answerable ask` and `--help` start without them).
    """
    _connected[:] = [page]


def case_page() -> CasePage:
    if not _connected:
        return _NONE
    page = _connected[0]
    if not isinstance(page, CasePage):
        page = _connected[0] = page()
    return page
