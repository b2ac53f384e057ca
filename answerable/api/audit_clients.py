"""Every API client created, changed or revoked is logged in the s62 audit trail.

A token reads and writes personal data in the register, so issuing one is a change of who
may see what: the entry names who issued it (the signed-in user, or the command and the
server account that ran it), the scopes and the force, never the token or its digest.
"""

from typing import Any

from django.db.models.signals import post_delete, post_save, pre_save

from answerable.api.models import ApiClient
from answerable.audit.actions import Action
from answerable.audit.actor import access_changes_logged
from answerable.audit.trail import record

WATCHED = ("name", "scopes", "force_id", "active", "token_hash")


def _state(client: ApiClient) -> dict[str, Any]:
    return {name: getattr(client, name) for name in WATCHED}


def _shown(state: dict[str, Any]) -> dict[str, Any]:
    """What an entry says of a client's state: its token only as 'issued'."""
    return {
        ("force" if name == "force_id" else name): value
        for name, value in state.items()
        if name != "token_hash"
    }


def _before(sender: type[ApiClient], instance: ApiClient, **kwargs: Any) -> None:
    if kwargs.get("raw") or instance.pk is None:
        return
    old = sender._base_manager.filter(pk=instance.pk).first()
    # Kept on the instance until post_save (an attribute of this receiver's, not a field).
    instance._audit_before = _state(old) if old is not None else None  # type: ignore[attr-defined]


def _saved(sender: type[ApiClient], instance: ApiClient, created: bool, **kwargs: Any) -> None:
    if kwargs.get("raw") or not access_changes_logged():
        return
    if created:
        record(
            Action.ALTERATION,
            record=instance,
            purpose="API client created, token issued",
            detail=_shown(_state(instance)),
        )
        return
    old = getattr(instance, "_audit_before", None)
    instance._audit_before = None  # type: ignore[attr-defined]  # read once, then dropped
    if old is None:
        return
    new = _state(instance)
    changed = {name for name in WATCHED if old[name] != new[name]}
    if not changed:
        return  # e.g. last_used_at, which every call sets
    if changed == {"active"} and not instance.active:
        purpose = "API client's token revoked"
    elif "token_hash" in changed:
        purpose = "API client issued a new token"
    else:
        purpose = "API client changed"
    detail = _shown({name: new[name] for name in changed})
    if "token_hash" in changed:
        detail["token"] = "new token issued"
    record(Action.ALTERATION, record=instance, purpose=purpose, detail=detail)


def _deleted(sender: type[ApiClient], instance: ApiClient, **kwargs: Any) -> None:
    if not access_changes_logged():
        return
    record(Action.ERASURE, record=instance, purpose="API client deleted")


def connect() -> None:
    pre_save.connect(_before, sender=ApiClient, dispatch_uid="audit-apiclient-before")
    post_save.connect(_saved, sender=ApiClient, dispatch_uid="audit-apiclient-saved")
    post_delete.connect(_deleted, sender=ApiClient, dispatch_uid="audit-apiclient-deleted")
