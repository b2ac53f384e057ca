from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AuditConfig(AppConfig):
    name = "answerable.audit"
    verbose_name = "Audit trail (DPA 2018 s62)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from answerable.audit import accounts, guard, hooks

        hooks.connect()
        accounts.connect()
        post_migrate.connect(guard.install_after_migrate, sender=self)
