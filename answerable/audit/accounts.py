"""Changes to who may see what are logged in the s62 audit trail, whoever makes them.

Every account created, every change of its roles, single permissions, superuser or staff
status, active state or password, is an entry naming who did it (the signed-in user of the
request, or the command and the server account that ran it: actor.py). Signals catch the
admin, the command line (createsuperuser, changepassword, roles) and the shell alike.
The password itself (its hash) is never written: only that it changed.
"""

from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models.signals import m2m_changed, post_save, pre_save

from answerable.audit.actions import Action
from answerable.audit.actor import access_changes_logged
from answerable.audit.trail import record

RECORD_TYPE = "auth.user"
# The account's fields whose change changes what it may do, and how each is shown.
WATCHED = ("is_superuser", "is_staff", "is_active", "password")


def _before(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw") or instance.pk is None:
        return
    old = sender._base_manager.filter(pk=instance.pk).values(*WATCHED).first()
    instance._audit_before = old


def _saved(sender: type[models.Model], instance: Any, created: bool, **kwargs: Any) -> None:
    if kwargs.get("raw") or not access_changes_logged():
        return  # a restore brings back accounts, and their entries, as they were
    if created:
        record(
            Action.COLLECTION,
            record_type=RECORD_TYPE,
            record_id=instance.pk,
            purpose="account created",
            detail={name: getattr(instance, name) for name in WATCHED if name != "password"},
        )
        return
    old = getattr(instance, "_audit_before", None)
    instance._audit_before = None
    if old is None:
        return
    changes: dict[str, Any] = {}
    for name in WATCHED:
        if old[name] != getattr(instance, name):
            changes[name] = "changed" if name == "password" else getattr(instance, name)
    if changes:
        record(
            Action.ALTERATION,
            record_type=RECORD_TYPE,
            record_id=instance.pk,
            purpose="account's access changed",
            detail=changes,
        )


def _relation_changed(what: str) -> Callable[..., None]:
    """A receiver for a user's groups or permissions: who gained or lost which."""

    def changed(
        sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **kwargs: Any
    ) -> None:
        if action == "pre_clear":
            # clear() sends no pk_set afterwards: what is about to go, noted now.
            instance._audit_clearing = _current(instance, what, reverse)
            return
        if action not in ("post_add", "post_remove", "post_clear") or not access_changes_logged():
            return
        if action == "post_clear":
            pairs = getattr(instance, "_audit_clearing", [])
        else:
            pairs = _pairs(instance, what, reverse, pk_set or set(), kwargs["model"])
        verb = "added" if action == "post_add" else "removed"
        for user_pk, names in _by_user(pairs).items():
            record(
                Action.ALTERATION,
                record_type=RECORD_TYPE,
                record_id=user_pk,
                purpose=f"account's {what} changed",
                detail={f"{what}_{verb}": sorted(names)},
            )

    return changed


def _name(obj: Any, what: str) -> str:
    if what == "roles":
        return str(obj.name)
    return f"{obj.content_type.app_label}.{obj.codename}"


def _pairs(instance: Any, what: str, reverse: bool, pks: set[Any], model: Any) -> list:
    """(user pk, group or permission name) for each link added or removed."""
    if not reverse:
        return [(instance.pk, _name(obj, what)) for obj in model._base_manager.filter(pk__in=pks)]
    # From the group's (or permission's) side: pks are users.
    return [(pk, _name(instance, what)) for pk in sorted(pks)]


def _current(instance: Any, what: str, reverse: bool) -> list:
    field = "groups" if what == "roles" else "user_permissions"
    if not reverse:
        return [(instance.pk, _name(obj, what)) for obj in getattr(instance, field).all()]
    users = instance.user_set.values_list("pk", flat=True)
    return [(pk, _name(instance, what)) for pk in users]


def _by_user(pairs: list) -> dict[Any, list[str]]:
    grouped: dict[Any, list[str]] = {}
    for user_pk, name in pairs:
        grouped.setdefault(user_pk, []).append(name)
    return grouped


def connect() -> None:
    user = get_user_model()
    pre_save.connect(_before, sender=user, dispatch_uid="audit-account-before")
    post_save.connect(_saved, sender=user, dispatch_uid="audit-account-saved")
    m2m_changed.connect(
        _relation_changed("roles"),
        sender=user.groups.through,
        dispatch_uid="audit-account-roles",
        weak=False,
    )
    m2m_changed.connect(
        _relation_changed("permissions"),
        sender=user.user_permissions.through,
        dispatch_uid="audit-account-permissions",
        weak=False,
    )
