from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from answerable.answers.case_page import CasePage


class CaseworkConfig(AppConfig):
    name = "answerable.casework"
    verbose_name = "FOI casework"

    def ready(self) -> None:
        # Records an open request asks about cannot be deleted (FOISA s1(4)-(5)).
        from answerable.casework import holds

        holds.connect()

        # The answer page's case question and its "keep on a case" form and view, made when
        # the page first asks for them (a command never does: it starts without the views).
        from answerable.answers import case_page

        case_page.connect(_answer_page)


def _answer_page() -> "CasePage":
    from answerable.casework import answer_page

    return answer_page.page()
