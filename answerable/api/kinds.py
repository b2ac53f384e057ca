"""The kinds of register record the API takes: each record type with an API path
(core/record_types.py: its path, noun and model) and its interchange target (format, rules
and fields), with who may touch it, how a URL names a record and what follows a save.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from rest_framework import serializers

from answerable.api.scopes import Scope
from answerable.api.serializers import RecordSerializer, request_serializer, response_serializer
from answerable.core.record_types import RECORD_TYPES, RecordType, record_type
from answerable.interchange.registry import TARGET_OF
from answerable.interchange.targets import Target
from answerable.register.linking import link_disclosure, link_episode
from answerable.register.models import CustodyEpisode, Disclosure, IcceRequest, NccuContact
from answerable.register.sharing import (
    force_of,
    record_icce_referral_disclosure,
    record_nccu_disclosure,
)


@dataclass(frozen=True)
class Kind:
    record_type: RecordType
    read_scope: Scope
    write_scope: Scope
    # How a URL names a record: by the format's key within the client's force, or by id.
    lookup: str
    per_force: bool
    related: tuple[str, ...]
    # Done after each save, in the same transaction: links and the disclosure a record made.
    after_save: Callable[[Any, bool], None]
    # Fields the API adds to the format's (read-only): links the register made.
    extra: Callable[[Any], dict[str, Any]]
    extra_fields: Callable[[], dict[str, serializers.Field]]

    @property
    def path(self) -> str:
        """In the URL, e.g. custody-episodes."""
        return self.record_type.api_path

    @property
    def label(self) -> str:
        """E.g. custody episode."""
        return self.record_type.noun

    @property
    def target(self) -> Target:
        return TARGET_OF[self.record_type.key]

    @property
    def component(self) -> str:
        """The schema's name for the record: the model's ("CustodyEpisode")."""
        return self.record_type.object_name

    @property
    def model(self) -> type[models.Model]:
        return self.target.model

    @property
    def key(self) -> str | None:
        return self.target.format.key

    def force_id_of(self, record: Any) -> int:
        """The force the record belongs to (a client reads and writes its own force's)."""
        if hasattr(record, "force_id"):
            return record.force_id
        if isinstance(record, NccuContact):
            return force_of(record.division, record.station).pk
        return record.division.force_id

    def request(self, *, partial: bool = False) -> type[RecordSerializer]:
        built = _serializer(self, "request", partial)
        assert issubclass(built, RecordSerializer)
        return built

    def response(self) -> type[serializers.Serializer]:
        return _serializer(self, "response", False)


_SERIALIZERS: dict[tuple[str, str, bool], type[serializers.Serializer]] = {}


def _serializer(kind: Kind, direction: str, partial: bool) -> type[serializers.Serializer]:
    # Built once per kind: the OpenAPI document names components by their class.
    key = (kind.path, direction, partial)
    if key not in _SERIALIZERS:
        fmt = kind.target.format
        if direction == "response":
            extra = {**kind.extra_fields(), **_stamps()}
            built = response_serializer(fmt, kind.component, extra)
        else:
            # drf-spectacular names the PATCH body "Patched...".
            built = request_serializer(fmt, f"{kind.component}Write", partial=partial)
        _SERIALIZERS[key] = built
    return _SERIALIZERS[key]


def _stamps() -> dict[str, serializers.Field]:
    return {
        "created_at": serializers.DateTimeField(read_only=True),
        "updated_at": serializers.DateTimeField(read_only=True),
    }


def _after_episode(episode: CustodyEpisode, created: bool) -> None:
    link_episode(episode)


def _after_disclosure(disclosure: Disclosure, created: bool) -> None:
    link_disclosure(disclosure)


def _after_contact(contact: NccuContact, created: bool) -> None:
    # Every contact shares the person's data with the Home Office (seed 000), so it is in the
    # disclosure register too, as when staff enter it in the admin.
    record_nccu_disclosure(contact)


def _after_icce(request: IcceRequest, created: bool) -> None:
    record_icce_referral_disclosure(request)


def _no_extra(record: Any) -> dict[str, Any]:
    return {}


def _contact_extra(contact: NccuContact) -> dict[str, Any]:
    return {
        "id": contact.pk,
        "disclosure_ref": (
            contact.disclosure.disclosure_ref if contact.disclosure is not None else None
        ),
    }


def _icce_extra(request: IcceRequest) -> dict[str, Any]:
    disclosure = request.referral_disclosure
    return {"referral_disclosure_ref": disclosure.disclosure_ref if disclosure else None}


def _contact_fields() -> dict[str, serializers.Field]:
    return {
        "id": serializers.IntegerField(read_only=True, help_text="The register's id for it."),
        "disclosure_ref": serializers.CharField(
            read_only=True,
            allow_null=True,
            help_text="The disclosure of the person's data this contact made.",
        ),
    }


def _icce_fields() -> dict[str, serializers.Field]:
    return {
        "referral_disclosure_ref": serializers.CharField(
            read_only=True,
            allow_null=True,
            help_text="The disclosure the referral to Immigration Enforcement made.",
        )
    }


CUSTODY = Kind(
    record_type=record_type("custody_episode"),
    read_scope=Scope.CUSTODY_READ,
    write_scope=Scope.CUSTODY_WRITE,
    lookup="custody_ref",
    per_force=True,
    related=("force", "division", "station"),
    after_save=_after_episode,
    extra=_no_extra,
    extra_fields=dict,
)
DISCLOSURES = Kind(
    record_type=record_type("disclosure"),
    read_scope=Scope.DISCLOSURES_READ,
    write_scope=Scope.DISCLOSURES_WRITE,
    lookup="disclosure_ref",
    per_force=True,
    related=("force", "division"),
    after_save=_after_disclosure,
    extra=_no_extra,
    extra_fields=dict,
)
NCCU_CONTACTS = Kind(
    record_type=record_type("nccu_contact"),
    read_scope=Scope.NCCU_READ,
    write_scope=Scope.NCCU_WRITE,
    lookup="pk",
    per_force=False,
    related=("division__force", "station__force", "custody_episode", "disclosure"),
    after_save=_after_contact,
    extra=_contact_extra,
    extra_fields=_contact_fields,
)
ICCE_REQUESTS = Kind(
    record_type=record_type("icce_request"),
    read_scope=Scope.ICCE_READ,
    write_scope=Scope.ICCE_WRITE,
    lookup="reference",
    per_force=False,
    related=("division__force", "custody_episode", "criteria__document", "referral_disclosure"),
    after_save=_after_icce,
    extra=_icce_extra,
    extra_fields=_icce_fields,
)

# The API's behaviour for each record type (its key), in no particular order.
_BUILT = {
    kind.record_type.key: kind for kind in (CUSTODY, DISCLOSURES, NCCU_CONTACTS, ICCE_REQUESTS)
}

# Every record type with an API path, in the list's order (the order of the API's URLs).
KINDS = {listed.api_path: _BUILT[listed.key] for listed in RECORD_TYPES if listed.api_path}
