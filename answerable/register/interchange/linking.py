"""Linking records that name each other by reference.

A disclosure names the custody episode it arose from (`custody_ref`) and the sharing
agreement it relied on (`agreement_ref`). Either may reach the register before or after the
disclosure, so the links are made whenever either side arrives, from the references kept on
the disclosure: the reference is the fact, the link is how the register finds it.
"""

from django.db.models import OuterRef, Subquery

from answerable.register.models import CustodyEpisode, Disclosure, Document


def link_records() -> int:
    """Link unlinked disclosures to the episodes and agreements they name; returns how many
    links were made."""
    episode = CustodyEpisode.objects.filter(
        force=OuterRef("force"), custody_ref=OuterRef("custody_ref")
    ).values("id")[:1]
    linked = (
        Disclosure.objects.filter(custody_episode__isnull=True)
        .exclude(custody_ref="")
        .filter(custody_ref__in=CustodyEpisode.objects.values("custody_ref"))
        .update(custody_episode=Subquery(episode))
    )
    agreement = Document.objects.filter(reference=OuterRef("agreement_ref")).values("id")[:1]
    linked += (
        Disclosure.objects.filter(agreement__isnull=True)
        .exclude(agreement_ref="")
        .filter(agreement_ref__in=Document.objects.values("reference"))
        .update(agreement=Subquery(agreement))
    )
    return linked
