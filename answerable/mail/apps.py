from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "answerable.mail"
    verbose_name = "FOI mailbox"
