"""Which tables a backup holds, and which of them `migrate` fills by itself."""

from dataclasses import dataclass

from django.apps import apps
from django.db import models

# Sign-in sessions are not backed up: restored into another server they would sign people in
# again, and after a restore a session could point at a user id that is now someone else's.
# A restore empties them, so everyone signs in again.
NOT_BACKED_UP = frozenset({"sessions.session"})

# What `migrate` writes into an empty database: content types and permissions, the roles'
# groups, and the force's reference data (register migration 0002, and the business units of
# casework migration 0004). A database holding only
# these counts as empty (tests/test_backup.py checks it against the freshly migrated test
# database, so a new data migration that fills another table fails there first).
SEEDED_BY_MIGRATE = frozenset(
    {
        "contenttypes.contenttype",
        "auth.permission",
        "auth.group",
        "auth.group_permissions",
        "register.force",
        "register.division",
        "register.station",
        "register.historicalforce",
        "register.historicaldivision",
        "register.historicalstation",
        # The business units FOI officers task (casework migration 0002_business_units).
        "casework.businessunit",
    }
)


@dataclass(frozen=True)
class Table:
    label: str  # app_label.model_name, lower case: the name a backup's member is filed under
    model: type[models.Model]

    @property
    def name(self) -> str:
        return self.model._meta.db_table

    @property
    def fields(self) -> list[models.Field]:
        return list(self.model._meta.concrete_fields)

    @property
    def columns(self) -> list[str]:
        columns = []
        for field in self.fields:
            assert field.column is not None  # set on every concrete field with its model
            columns.append(field.column)
        return columns


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def all_tables() -> list[Table]:
    """Every table of every installed app that Django manages, in a stable order (by label).

    Many-to-many tables (a user's groups, a publication's topics) and django-simple-history's
    tables are models of their own here, so they are included like any other.
    """
    found = [
        Table(_label(model), model)
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]
    return sorted(found, key=lambda table: table.label)


def backed_up_tables() -> list[Table]:
    return [table for table in all_tables() if table.label not in NOT_BACKED_UP]


def holds_data(label: str) -> bool:
    """Whether rows in this table mean the database is in use (not just migrated)."""
    return label not in SEEDED_BY_MIGRATE and label not in NOT_BACKED_UP
