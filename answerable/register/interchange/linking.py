"""Linking records that name each other by reference.

A disclosure names the custody episode it arose from (`custody_ref`) and the sharing
agreement it relied on (`agreement_ref`). Either may reach the register before or after the
disclosure, so the links are made whenever either side arrives, from the references kept on
the disclosure: the reference is the fact, the link is how the register finds it.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from answerable.register.models import CustodyEpisode, Disclosure, Document, ImportBatch


def _link_episodes(disclosures: QuerySet[Disclosure], episodes: QuerySet[CustodyEpisode]) -> int:
    # Correlated on (force, custody_ref): the unique index answers each lookup.
    named = episodes.filter(force=OuterRef("force"), custody_ref=OuterRef("custody_ref"))
    return (
        disclosures.filter(custody_episode__isnull=True)
        .exclude(custody_ref="")
        .filter(Exists(named))
        .update(custody_episode=Subquery(named.values("id")[:1]))
    )


def _link_agreements(disclosures: QuerySet[Disclosure]) -> int:
    named = Document.objects.filter(reference=OuterRef("agreement_ref"))
    return (
        disclosures.filter(agreement__isnull=True)
        .exclude(agreement_ref="")
        .filter(Exists(named))
        .update(agreement=Subquery(named.values("id")[:1]))
    )


def link_batch(batch: ImportBatch) -> int:
    """Make the links an import may have made possible; returns how many were made."""
    if batch.kind == ImportBatch.Kind.DISCLOSURES:
        arrived = Disclosure.objects.filter(import_batch=batch)
        return _link_episodes(arrived, CustodyEpisode.objects.all()) + _link_agreements(arrived)
    # New episodes: disclosures that named them before they arrived.
    refs = CustodyEpisode.objects.filter(import_batch=batch).values("custody_ref")
    waiting = Disclosure.objects.filter(Q(custody_ref__in=refs))
    return _link_episodes(waiting, CustodyEpisode.objects.filter(import_batch=batch))


def link_agreement(document: Document) -> int:
    """Link the disclosures that quoted this document's reference before it was registered."""
    return _link_agreements(Disclosure.objects.filter(agreement_ref=document.reference))
