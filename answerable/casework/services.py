"""Casework writes that reach beyond the row being saved: a new request's reference.

A model's save() sets only its own row's derived fields (InformationRequest.save() the
deadline, from the clock). Numbering a request writes another row, the year's
ReferenceSequence counter, so it is done here, and every path that makes a request calls
save_request(): the new-request page, the admin, casework.intake.log_request (the mailbox
and the public form), the demonstration data and the tests' factory. A request saved
without a reference any other way is refused (UnnumberedRequest), not saved unnumbered.
"""

from datetime import date

from django.db import transaction

from answerable.casework.models import InformationRequest, ReferenceSequence
from answerable.casework.reference import check_pattern, configured_pattern, format_reference


def allocate_reference(received_on: date, pattern: str | None = None) -> str:
    """The next free reference for a request received on `received_on`.

    The year's counter row is locked (select_for_update; SQLite serialises writers with
    BEGIN IMMEDIATE), so two officers logging requests at once get different numbers. A
    number already taken (a case entered with a reference of its own, or imported from an
    earlier system) is skipped rather than reused.
    """
    pattern = pattern or configured_pattern()
    check_pattern(pattern)
    year = received_on.year
    with transaction.atomic():
        ReferenceSequence.objects.get_or_create(year=year)
        sequence = ReferenceSequence.objects.select_for_update().get(year=year)
        n = sequence.last
        while True:
            n += 1
            made = format_reference(pattern, year, n)
            if not InformationRequest.objects.filter(reference=made).exists():
                break
        sequence.last = n
        sequence.save(update_fields=["last"])
    return made


def save_request(case: InformationRequest) -> InformationRequest:
    """Save `case`, numbering it first if it has no reference (ANSWERABLE_REFERENCE_PATTERN).

    The number is taken and the request saved in one transaction, so the year's counter
    stays locked until the request holding the number is written, and a failed save gives
    the number back. A reference given by hand is kept as it is.
    """
    with transaction.atomic():
        if not case.reference:
            case.reference = allocate_reference(case.received_on)
        case.save()
    return case
