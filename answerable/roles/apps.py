from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_migrate


class RolesConfig(AppConfig):
    name = "answerable.roles"
    verbose_name = "Roles and staff"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from answerable.roles.groups import sync_groups_after_migrate

        # Each role is a Django group whose permissions are exactly those of roles.py, made
        # again after every migration so that a new permission reaches its roles at once.
        post_migrate.connect(sync_groups_after_migrate, dispatch_uid="roles-sync-groups")

        from django.contrib.auth.models import User

        from answerable.roles.predicates import forget_role_names

        # A user object's role names are read once (predicates.role_names); a change of its
        # groups forgets them, so that nothing is decided on roles it no longer holds.
        m2m_changed.connect(
            forget_role_names, sender=User.groups.through, dispatch_uid="roles-forget-names"
        )
