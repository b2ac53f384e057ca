from typing import Any

from django.apps import AppConfig


def link_quoting_disclosures(sender: type, document: Any, **kwargs: Any) -> None:
    """Disclosures that quoted a document's reference before it was registered are linked
    to it when it is saved (interchange/linking.py)."""
    from answerable.register.interchange.linking import link_agreement

    link_agreement(document)


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

        from answerable.register.signals import document_saved

        document_saved.connect(link_quoting_disclosures, dispatch_uid="register.link_agreement")
