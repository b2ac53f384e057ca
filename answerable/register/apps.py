from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "answerable.register"
    verbose_name = "Register"
    default_auto_field = "django.db.models.BigAutoField"
