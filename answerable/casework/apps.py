from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "answerable.casework"
    verbose_name = "FOI casework"

    def ready(self) -> None:
        # Records an open request asks about cannot be deleted (FOISA s1(4)-(5)).
        from answerable.casework import holds

        holds.connect()

        # The answer page's case question and its "keep on a case" form and view.
        from answerable.answers import case_page
        from answerable.casework import answer_page

        case_page.connect(answer_page.page())
