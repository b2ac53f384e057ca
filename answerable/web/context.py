"""What every page's frame needs: the force, the navigation, the demonstration warning."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from answerable.web.navigation import items


def layout(request: HttpRequest) -> dict[str, Any]:
    from answerable.register.models import ImportBatch

    return {
        "authority_name": settings.ANSWERABLE_AUTHORITY_NAME,
        "navigation": items(request),
        # Staff must never mistake demonstration records for real ones.
        "synthetic_data": ImportBatch.objects.filter(synthetic=True).exists(),
    }
