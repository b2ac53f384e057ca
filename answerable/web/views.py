"""The frame's own pages: the start page, signing in and out, accessibility and privacy."""

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache


def start(request: HttpRequest) -> HttpResponse:
    """Public start page: the disclosure log for everyone, the staff sections once signed in."""
    return render(request, "web/start.html")


# The pages the browser tests check with axe-core against WCAG 2.2 AA on every change
# (tests/test_browser_journeys.py, tests/test_browser_h19.py): what the statement says was
# tested, and the tests check the statement itself, so that it stays true.
TESTED_PAGES = (
    "the start page and signing in",
    "the dashboard, for the force and for a division",
    "the case list, a new case, a case and its issued response",
    "the answers page",
    "the register, its lists and a new record, with and without errors",
    "the audit trail, and a search of it with no result",
    "a list with no result",
    "the disclosure log, its search and a published response",
    "a page refused for lack of access",
    "this statement",
)
STATEMENT_PREPARED = "5 December 2026"


def accessibility(request: HttpRequest) -> HttpResponse:
    context = {
        "authority_email": settings.ANSWERABLE_AUTHORITY_EMAIL,
        "tested_pages": TESTED_PAGES,
        "prepared": STATEMENT_PREPARED,
    }
    return render(request, "web/accessibility.html", context)


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "web/privacy.html")


def _lockout_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


class LoginView(auth_views.LoginView):
    """Django's sign-in, which already refuses a missing CSRF token, is never cached and
    keeps the password out of error reports (sensitive_post_parameters); django-axes counts
    its failures (settings: AXES_*)."""

    template_name = "web/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "lockout_attempts": settings.AXES_FAILURE_LIMIT,
            "lockout_minutes": _lockout_minutes(),
        }


def locked_out(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """What django-axes answers once a user name has failed too often from one address
    (settings.AXES_LOCKOUT_CALLABLE): 429 Too Many Requests (RFC 6585 s4), even for the
    right password, until the pause is over. The page names neither user nor address."""
    context = {"lockout_minutes": _lockout_minutes()}
    return render(request, "web/locked_out.html", context, status=429)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A POST without a valid CSRF token (settings.CSRF_FAILURE_VIEW): refused with 403, in
    the page frame, saying what to do. The reason is for developers, not the page."""
    return render(request, "403_csrf.html", status=403)


login = never_cache(LoginView.as_view())
# Django's sign-out accepts POST only (GET is 405): a link or an image on another site
# cannot sign staff out, and the form in the page frame carries the CSRF token.
logout = auth_views.LogoutView.as_view()
