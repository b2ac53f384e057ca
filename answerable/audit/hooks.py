"""The register's records log their own collection, alteration and erasure (s62(1)).

Signals catch every save and delete through the ORM: the staff pages, the admin, the API
and the demo, and the records a deletion unlinks (SET_NULL, an UPDATE without a signal).
A queryset's update() and bulk writes send no signal, so whoever uses them logs what they
did: bulk imports log one collection entry per batch (interchange/), with its counts.
"""

from typing import Any, Protocol, cast

from django.db import models
from django.db.models.signals import post_delete, post_save, pre_delete

from answerable.audit.actions import Action
from answerable.audit.trail import record

# The register's records of people. Reference data (stations, documents) is not personal.
PERSONAL_MODELS = (
    "register.CustodyEpisode",
    "register.Disclosure",
    "register.NccuContact",
    "register.IcceRequest",
    "register.Person",
)


class _Disclosure(Protocol):
    """What the trail reads of a register.Disclosure (the register is above the audit layer)."""

    def get_recipient_display(self) -> str: ...

    def get_purpose_display(self) -> str: ...


def _saved(sender: type[models.Model], instance: models.Model, created: bool, **kwargs: Any):
    if kwargs.get("raw"):
        return  # loaddata (a restore) brings back records, and their entries, as they were
    update_fields = kwargs.get("update_fields")
    detail = {"fields": sorted(update_fields)} if update_fields else {}
    record(Action.COLLECTION if created else Action.ALTERATION, record=instance, detail=detail)
    if created and instance._meta.label == "register.Disclosure":
        # The disclosure itself (s62(1)(d), (3)(b)): to whom the person's data went.
        disclosure = cast(_Disclosure, instance)
        record(
            Action.DISCLOSURE,
            record=instance,
            recipient=disclosure.get_recipient_display(),
            purpose=disclosure.get_purpose_display(),
        )


def _deleted(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    record(Action.ERASURE, record=instance)


def _unlinking(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    """Records that lose their link to one being erased (on_delete=SET_NULL) are altered,
    by an UPDATE that sends no save signal: each is logged here. pre_delete runs inside the
    deletion's transaction, so a deletion that fails takes these entries with it."""
    for relation in instance._meta.related_objects:
        related = relation.related_model
        if relation.on_delete is not models.SET_NULL or related._meta.label not in PERSONAL_MODELS:
            continue
        linked = related._base_manager.filter(**{relation.field.name: instance})
        for pk in linked.order_by("pk").values_list("pk", flat=True):
            record(
                Action.ALTERATION,
                record_type=related._meta.label_lower,
                record_id=pk,
                detail={"fields": [relation.field.name], "unlinked_from": instance.pk},
            )


def connect() -> None:
    from django.apps import apps

    for label in PERSONAL_MODELS:
        model = apps.get_model(label)
        uid = f"audit-{label}"
        post_save.connect(_saved, sender=model, dispatch_uid=f"{uid}-save")
        pre_delete.connect(_unlinking, sender=model, dispatch_uid=f"{uid}-unlink")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"{uid}-delete")
