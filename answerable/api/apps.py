from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "answerable.api"
    verbose_name = "Systems API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from answerable.api import audit_clients

        # Who issued, changed or revoked each token, in the s62 audit trail.
        audit_clients.connect()
