"""What every page's frame needs: the force, the navigation, the demonstration warning."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from answerable.web.demonstration import synthetic_data_loaded
from answerable.web.navigation import items


def layout(request: HttpRequest) -> dict[str, Any]:
    return {
        "authority_name": settings.ANSWERABLE_AUTHORITY_NAME,
        "navigation": items(request),
        # Staff must never mistake demonstration records for real ones.
        "synthetic_data": synthetic_data_loaded(),
    }
