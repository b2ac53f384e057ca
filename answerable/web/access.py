"""Page access: a view is opened by a predicate of roles/predicates.py, or refused.

Anyone not signed in is sent to sign in; a signed-in user whose roles do not open the page
gets 403 (never a redirect loop, and never a hint of what the page holds).
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

# A view: a page, a download or a stream.
View = Callable[..., HttpResponseBase]


def require(predicate: Callable[[Any], bool]) -> Callable[[View], View]:
    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        # Which predicate opens the view, for whoever inspects it (a function's own attribute).
        guarded.access_predicate = predicate  # type: ignore[attr-defined]
        return guarded

    return decorate
