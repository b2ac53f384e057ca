"""Linking records that name each other by reference.

A disclosure names the custody episode it arose from (`custody_ref`) and the sharing
agreement it relied on (`agreement_ref`). Either may reach the register before or after the
disclosure, so the links are made whenever either side arrives, from the references kept on
the disclosure: the reference is the fact, the link is how the register finds it.
"""

from collections.abc import Callable

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from answerable.audit.actions import Action
from answerable.audit.trail import record
from answerable.core.record_types import record_type_of
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
    quoting = Disclosure.objects.filter(agreement_ref=document.reference)
    return _logged(quoting, "agreement", lambda: _link_agreements(quoting))


def _logged(disclosures: QuerySet[Disclosure], field: str, link: Callable[[], int]) -> int:
    """Make the links, logging each disclosure altered: an UPDATE sends no save signal
    (audit/hooks.py), so the alteration is logged here (s62(1)(b))."""
    before = set(disclosures.filter(**{f"{field}__isnull": True}).values_list("pk", flat=True))
    made = link()
    if made:
        now_linked = disclosures.filter(pk__in=before, **{f"{field}__isnull": False})
        for pk in sorted(now_linked.values_list("pk", flat=True)):
            record(
                Action.ALTERATION,
                record_type=record_type_of(Disclosure),
                record_id=pk,
                detail={"fields": [field], "linked_by": "reference"},
            )
    return made


def link_disclosure(disclosure: Disclosure) -> int:
    """Link one disclosure to the custody episode and agreement it names, if held."""
    one = Disclosure.objects.filter(pk=disclosure.pk)
    episodes = _logged(
        one, "custody_episode", lambda: _link_episodes(one, CustodyEpisode.objects.all())
    )
    return episodes + _logged(one, "agreement", lambda: _link_agreements(one))


def link_episode(episode: CustodyEpisode) -> int:
    """Link the disclosures that named this custody episode before it was held."""
    waiting = Disclosure.objects.filter(force=episode.force_id, custody_ref=episode.custody_ref)
    only = CustodyEpisode.objects.filter(pk=episode.pk)
    return _logged(waiting, "custody_episode", lambda: _link_episodes(waiting, only))
