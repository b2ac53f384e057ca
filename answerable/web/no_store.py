"""Pages with personal data are never kept by a browser or a proxy: Cache-Control: no-store.

A staff page (a person's record, a case with its requester, the audit trail) left in a
shared computer's browser cache, or in a proxy's, is a copy of personal data outside the
register's access controls (UK GDPR art. 32; DPA 2018 s66). So every response under the
staff areas and the API, and every response to a signed-in user, says no-store; the public
disclosure log, read by anyone, may still be cached.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

PERSONAL_PREFIXES = (
    "/admin/",
    "/staff/",
    "/register/",
    "/casework/",
    "/audit/",
    "/answers/",
    "/api/",
)


def holds_personal_data(request: HttpRequest) -> bool:
    if request.path.startswith(PERSONAL_PREFIXES):
        return True
    # The session is read only when there is one: a public page keeps no Vary: Cookie.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if holds_personal_data(request):
            add_never_cache_headers(response)
        return response
