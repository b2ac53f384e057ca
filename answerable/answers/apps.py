from django.apps import AppConfig


class AnswersConfig(AppConfig):
    name = "answerable.answers"
    verbose_name = "Answers"
