from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "answerable.api"
    verbose_name = "Systems API"
    default_auto_field = "django.db.models.BigAutoField"
