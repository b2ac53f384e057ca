"""Database triggers that refuse to change or remove an audit entry, or to move the chain head
anywhere but one entry forward, whoever connects.

The model refuses too, but a trigger also stops raw SQL and other programs. The hash chain
still detects what a trigger cannot stop (someone who drops it first), and `answerable audit
verify` names the first entry that no longer holds.

Off in the test settings (ANSWERABLE_AUDIT_GUARD=0) because the test runner empties every
table between tests; a test installs it to check that it refuses.
"""

from typing import Any

from django.conf import settings
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "audit_auditentry"
HEAD = "audit_chainhead"
MESSAGE = "the audit trail is append-only (DPA 2018 s62)"
HEAD_MESSAGE = "the chain head of the audit trail only moves forward with it (DPA 2018 s62)"
# The chain head is guarded like the trail: it is never deleted, it is made once (at 0), and
# it moves one entry forward at a time, to an entry that is in the trail with that hash
# (trail.record() appends the entry, then moves the head, in one transaction).
_HEAD_MOVE_REFUSED = (
    f"NEW.id <> OLD.id OR NEW.sequence <> OLD.sequence + 1 OR NOT EXISTS "
    f"(SELECT 1 FROM {TABLE} WHERE sequence = NEW.sequence AND hash = NEW.hash)"
)

SQLITE_INSTALL = [
    f"CREATE TRIGGER IF NOT EXISTS audit_entry_no_update BEFORE UPDATE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    f"CREATE TRIGGER IF NOT EXISTS audit_entry_no_delete BEFORE DELETE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    f"CREATE TRIGGER IF NOT EXISTS audit_head_no_delete BEFORE DELETE ON {HEAD} "
    f"BEGIN SELECT RAISE(ABORT, '{HEAD_MESSAGE}'); END",
    f"CREATE TRIGGER IF NOT EXISTS audit_head_forward_only BEFORE UPDATE ON {HEAD} "
    f"WHEN {_HEAD_MOVE_REFUSED} BEGIN SELECT RAISE(ABORT, '{HEAD_MESSAGE}'); END",
    f"CREATE TRIGGER IF NOT EXISTS audit_head_made_once BEFORE INSERT ON {HEAD} "
    f"WHEN NEW.sequence <> 0 OR EXISTS (SELECT 1 FROM {HEAD}) "
    f"BEGIN SELECT RAISE(ABORT, '{HEAD_MESSAGE}'); END",
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_entry_no_update",
    "DROP TRIGGER IF EXISTS audit_entry_no_delete",
    "DROP TRIGGER IF EXISTS audit_head_no_delete",
    "DROP TRIGGER IF EXISTS audit_head_forward_only",
    "DROP TRIGGER IF EXISTS audit_head_made_once",
]
POSTGRES_INSTALL = [
    "CREATE OR REPLACE FUNCTION audit_entry_refuse() RETURNS trigger LANGUAGE plpgsql AS "
    f"$$ BEGIN RAISE EXCEPTION '{MESSAGE}'; END $$",
    f"DROP TRIGGER IF EXISTS audit_entry_no_change ON {TABLE}",
    f"CREATE TRIGGER audit_entry_no_change BEFORE UPDATE OR DELETE ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse()",
    f"DROP TRIGGER IF EXISTS audit_entry_no_truncate ON {TABLE}",
    f"CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON {TABLE} "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse()",
    "CREATE OR REPLACE FUNCTION audit_head_check() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    f"IF TG_OP = 'DELETE' THEN RAISE EXCEPTION '{HEAD_MESSAGE}'; END IF; "
    f"IF TG_OP = 'UPDATE' AND ({_HEAD_MOVE_REFUSED}) THEN "
    f"RAISE EXCEPTION '{HEAD_MESSAGE}'; END IF; "
    f"IF TG_OP = 'INSERT' AND (NEW.sequence <> 0 OR EXISTS (SELECT 1 FROM {HEAD})) THEN "
    f"RAISE EXCEPTION '{HEAD_MESSAGE}'; END IF; "
    "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$",
    f"DROP TRIGGER IF EXISTS audit_head_guard ON {HEAD}",
    f"CREATE TRIGGER audit_head_guard BEFORE INSERT OR UPDATE OR DELETE ON {HEAD} "
    "FOR EACH ROW EXECUTE FUNCTION audit_head_check()",
    f"DROP TRIGGER IF EXISTS audit_head_no_truncate ON {HEAD}",
    f"CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON {HEAD} "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse()",
]
POSTGRES_REMOVE = [
    f"DROP TRIGGER IF EXISTS audit_entry_no_change ON {TABLE}",
    f"DROP TRIGGER IF EXISTS audit_entry_no_truncate ON {TABLE}",
    f"DROP TRIGGER IF EXISTS audit_head_guard ON {HEAD}",
    f"DROP TRIGGER IF EXISTS audit_head_no_truncate ON {HEAD}",
]


def _statements(connection: BaseDatabaseWrapper, install: bool) -> list[str]:
    if connection.vendor == "sqlite":
        return SQLITE_INSTALL if install else SQLITE_REMOVE
    if connection.vendor == "postgresql":
        return POSTGRES_INSTALL if install else POSTGRES_REMOVE
    return []


def install(using: str = "default") -> None:
    connection = connections[using]
    with connection.cursor() as cursor:
        for statement in _statements(connection, install=True):
            cursor.execute(statement)


def remove(using: str = "default") -> None:
    """For a restore into an empty database (issue 7) and the guard's own test only."""
    connection = connections[using]
    with connection.cursor() as cursor:
        for statement in _statements(connection, install=False):
            cursor.execute(statement)


def install_after_migrate(using: str = "default", **kwargs: Any) -> None:
    if settings.ANSWERABLE_AUDIT_GUARD:
        install(using)
