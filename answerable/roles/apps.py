from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RolesConfig(AppConfig):
    name = "answerable.roles"
    verbose_name = "Roles and staff"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from answerable.roles.groups import sync_groups_after_migrate

        # Each role is a Django group whose permissions are exactly those of roles.py, made
        # again after every migration so that a new permission reaches its roles at once.
        post_migrate.connect(sync_groups_after_migrate, dispatch_uid="roles-sync-groups")
