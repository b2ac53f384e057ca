from django.apps import AppConfig


class DisclosureLogConfig(AppConfig):
    name = "answerable.disclosure_log"
    label = "disclosure_log"
    verbose_name = "Disclosure log"
    default_auto_field = "django.db.models.BigAutoField"
