"""Keeps each role's group holding exactly the permissions roles.py gives it."""

from typing import Any

from django.apps import AppConfig, apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from answerable.roles.roles import ROLES, Role


def permissions_of(codes: frozenset[str]) -> list[Permission]:
    wanted = {tuple(code.split(".", 1)) for code in codes}
    found = [
        permission
        for permission in Permission.objects.select_related("content_type")
        if (permission.content_type.app_label, permission.codename) in wanted
    ]
    missing = wanted - {(p.content_type.app_label, p.codename) for p in found}
    if missing:
        names = ", ".join(sorted(".".join(code) for code in missing))
        raise LookupError(f"roles.py names permissions that do not exist: {names}")
    return found


@transaction.atomic
def sync_groups() -> dict[Role, Group]:
    groups = {}
    for role, spec in ROLES.items():
        group, _ = Group.objects.get_or_create(name=spec.name)
        group.permissions.set(permissions_of(spec.permissions))
        groups[role] = group
    return groups


def sync_groups_after_migrate(app_config: AppConfig, **kwargs: Any) -> None:
    # post_migrate is sent once per app, in INSTALLED_APPS order, and each app's permissions
    # are made by contrib.auth's receiver of that app's signal: only after the last app's are
    # all of roles.py's permissions there (apps without models are sent none).
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if app_config is with_models[-1]:
        sync_groups()
