from typing import Any

from django.apps import AppConfig


def link_quoting_disclosures(sender: type, document: Any, **kwargs: Any) -> None:
    """Disclosures that quoted a document's reference before it was registered are linked
    to it when it is saved (interchange/linking.py)."""
    from answerable.interchange.linking import link_agreement

    link_agreement(document)


class InterchangeConfig(AppConfig):
    """The interchange formats and their importer: no models of its own (it writes the
    register's), the `import` command, and the receiver that links disclosures to the
    documents they quote."""

    name = "answerable.interchange"
    verbose_name = "Interchange formats"

    def ready(self) -> None:
        from answerable.register.signals import document_saved

        document_saved.connect(link_quoting_disclosures, dispatch_uid="interchange.link_agreement")
