"""Keeping the answer on the page as a figures question of an FOI case (answers:attach): the
view is casework's (casework/answer_page.py), connected through answers/case_page.py."""

from django.http import HttpRequest, HttpResponse

from answerable.answers.case_page import case_page


def attach(request: HttpRequest) -> HttpResponse:
    return case_page().attach(request)
