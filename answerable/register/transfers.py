"""Recording an ICCE request's transfer of a person's data abroad (DPA 2018 s73-s76).

The record (models/transfers.py) and its entry in the s62 audit trail are written together:
a transfer is a disclosure (s62(1)(d), "including transfer"), logged with its recipient.
"""

from datetime import date
from typing import Any

from django.db import transaction

from answerable.audit.actions import Action
from answerable.audit.trail import record
from answerable.register.models import IcceRequest, IcceTransfer
from answerable.register.models.transfers import TransferBasis, TransferredData


def record_transfer(
    icce: IcceRequest,
    *,
    recipient_country: str,
    recipient_authority: str,
    legal_basis: str,
    transferred_on: date,
    categories: list[str],
    authorised_by: str,
    user: Any = None,
) -> IcceTransfer:
    unknown = sorted(set(categories) - set(TransferredData.values))
    if unknown or not categories:
        raise ValueError(f"categories of data: choose from {TransferredData.values}, not {unknown}")
    if transferred_on < icce.sent_on:
        raise ValueError("the date of transfer cannot be before the ICCE request was sent")
    with transaction.atomic():
        transfer = IcceTransfer.objects.create(
            icce_request=icce,
            recipient_country=recipient_country,
            recipient_authority=recipient_authority.strip(),
            legal_basis=TransferBasis(legal_basis).value,
            transferred_on=transferred_on,
            categories=",".join(sorted(categories)),
            authorised_by=authorised_by.strip(),
            recorded_by=user if user is not None and user.is_authenticated else None,
        )
        record(
            Action.DISCLOSURE,
            record=icce,
            # A CountryField reads as a Country (django-countries); the Django stubs say str.
            recipient=f"{transfer.recipient_authority[:70]} ({transfer.recipient_country.code})",  # type: ignore[attr-defined]
            purpose=f"ICCE transfer abroad: {transfer.get_legal_basis_display()}",
            detail={
                "transfer": transfer.pk,
                "categories": sorted(categories),
                "transferred_on": transferred_on.isoformat(),
            },
        )
    return transfer
