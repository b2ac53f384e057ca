from django.apps import AppConfig


def synthetic_data_loaded() -> bool:
    """Whether any import batch holds synthetic (demonstration) records."""
    from answerable.register.models import ImportBatch

    return ImportBatch.objects.filter(synthetic=True).exists()


class RegisterConfig(AppConfig):
    name = "answerable.register"
    verbose_name = "Register"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from answerable.web.demonstration import register_check

        # The demonstration warning on every page and in the admin (web/demonstration.py).
        register_check(synthetic_data_loaded)

        # The list rows' cached routes follow a changed URL setting (templatetags).
        from django.core.signals import setting_changed

        from answerable.register.templatetags.register_rows import routes_changed

        setting_changed.connect(routes_changed, dispatch_uid="register.list_routes")
