"""Keeping the answer on the page as a figures question of an FOI case (answers:attach): the
view is casework's (casework/answer_page.py), connected through answers/case_page.py."""

from django.http import HttpRequest
from django.http.response import HttpResponseBase

from answerable.answers.case_page import case_page
from answerable.answers.views.page import too_costly_page


@too_costly_page
def attach(request: HttpRequest) -> HttpResponseBase:
    return case_page().attach(request)
