"""The s62 audit trail: an append-only, hash-chained log of processing of personal data.

DPA 2018 s62(1)-(3): the log records collection, alteration, consultation, disclosure,
combination and erasure, with the date and time, who did it and, for a disclosure, the
recipient. s62(4): it may be used only to verify the lawfulness of processing, for
self-monitoring, to ensure integrity and security, and in criminal proceedings. So nothing in
Answerable counts from it: FOI statistics come from the register itself.
"""

from django.db import models

from answerable.audit.actions import Action


class AppendOnly(Exception):
    pass


CANNOT_CHANGE = "the audit trail is append-only (DPA 2018 s62): entries cannot change"
CANNOT_GO = "the audit trail is append-only (DPA 2018 s62): entries cannot go"


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly(CANNOT_CHANGE)

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnly(CANNOT_CHANGE)

    def bulk_create(self, objs, *args, **kwargs):
        # Each entry is chained to the one before it under the head's lock: trail.record().
        raise AppendOnly("audit entries are appended one at a time by audit.trail.record()")

    def delete(self):
        raise AppendOnly(CANNOT_GO)


class AuditEntry(models.Model):
    sequence = models.PositiveBigIntegerField(unique=True, editable=False)
    at = models.DateTimeField("date and time", db_index=True)
    action = models.CharField(max_length=16, choices=Action.choices, db_index=True)
    actor = models.CharField(
        "who", max_length=150, db_index=True, help_text="A user name, or the system or command."
    )
    record_type = models.CharField(max_length=64, blank=True, db_index=True)
    record_id = models.CharField(max_length=64, blank=True, db_index=True)
    recipient = models.CharField(max_length=100, blank=True, help_text="For a disclosure.")
    purpose = models.CharField(max_length=200, blank=True)
    # Canonical JSON text, hashed as stored (a JSON column may reorder or renormalise it).
    detail = models.TextField(blank=True, default="{}")
    previous_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, unique=True, editable=False)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["sequence"]
        verbose_name = "audit trail entry"
        verbose_name_plural = "audit trail"
        default_permissions = ("view",)
        indexes = [models.Index(fields=["record_type", "record_id", "at"])]

    def __str__(self) -> str:
        return f"{self.sequence} {self.at:%Y-%m-%d %H:%M:%S} {self.action} {self.actor}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnly(CANNOT_CHANGE)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly(CANNOT_GO)


class ChainHead(models.Model):
    """The last entry's sequence and hash: one row, locked while an entry is appended."""

    sequence = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return f"chain head at entry {self.sequence}"
