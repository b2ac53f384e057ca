"""The custody centres a staff form offers: those of the record's division."""

from django.db.models import Q, QuerySet

from answerable.register.models import Division, Force, Station


def stations_for(
    division: Division | None, force: Force | None = None, current: Station | None = None
) -> QuerySet[Station]:
    """Active centres of the division, and the force's centres not yet placed in a
    division (as the admin's form accepts them); of the force, or every force, when the
    record has no division. The record's current centre stays a choice even if closed."""
    if division is not None:
        scope = Q(division=division) | Q(division__isnull=True, force_id=division.force_id)
    elif force is not None:
        scope = Q(force=force)
    else:
        scope = Q()
    chosen = Q(active=True) & scope
    if current is not None:
        chosen |= Q(pk=current.pk)
    return Station.objects.filter(chosen).order_by("name")
