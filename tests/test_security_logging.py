"""Nothing personal in the application log or on error pages (web/logging.py, settings.LOGGING,
the 400/403/404/500 templates)."""

import io
import logging
import sys
from contextlib import contextmanager

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.test import Client
from django.urls import include, path, reverse

from answerable.register.pseudonym import pseudonymise
from answerable.web.logging import WITHHELD, RedactPersonalData, redact

EMAIL = "jo.bloggs@private.example"
POSTCODE = "G40 4EH"
PSEUDONYM = pseudonymise("CUST-000123", force="Police Scotland", key="k")
ADDRESS = "198.51.100.23"
SECRET_QUERY = "name=Bloggs&born=1990-01-01"


def crash(request: HttpRequest) -> HttpResponse:
    raise ValueError(f"could not file the request of {request.POST.get('email')}")


def not_found(request: HttpRequest) -> HttpResponse:
    raise Http404(f"no person {PSEUDONYM} at {POSTCODE}")


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied(f"{EMAIL} may not see this")


def bad(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation(f"odd request from {EMAIL}")


# The URLconf of the tests marked with this module: views that fail, and the project's own
# addresses (the error pages link to them).
urlpatterns = [
    path("test/crash/", crash),
    path("test/not-found/", not_found),
    path("test/forbidden/", forbidden),
    path("test/bad/", bad),
    path("", include("answerable.urls")),
]

PERSONAL = (EMAIL, POSTCODE, PSEUDONYM, ADDRESS, "Bloggs", "1990-01-01")


def assert_nothing_personal(text: str) -> None:
    for value in PERSONAL:
        assert value not in text


# --- redact() ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        (f"Not Found: /register/?{SECRET_QUERY}", "Not Found: /register/"),
        (f'"GET /casework/?{SECRET_QUERY} HTTP/1.1" 200 512', '"GET /casework/ HTTP/1.1" 200 512'),
        (f"https://answerable.example/a/b?{SECRET_QUERY}#top", "https://answerable.example/a/b"),
        (f"mail to {EMAIL}.", "mail to [email]."),
        ("From G40 4EH, EH1 1YZ and g404eh", "From [postcode], [postcode] and [postcode]"),
        (f"person {PSEUDONYM} merged", "person [pseudonym] merged"),
        (f"from {ADDRESS} and 2001:db8::7", "from [ip address] and [ip address]"),
    ],
)
def test_redact(text, redacted):
    assert redact(text) == redacted


@pytest.mark.parametrize(
    "text",
    [
        "IM-FOI-2026-0001 due 2026-07-29 at 12:30:45",
        "Imported 1,204 custody episodes at Govan in 3.2 s",
        "GET /casework/IM-FOI-2026-0001/ 200",
        "answerable.1a2b3c4d5e6f.css",
    ],
)
def test_redact_leaves_what_is_not_personal(text):
    assert redact(text) == text


def record(msg: str, *args, exc_info=None) -> logging.LogRecord:
    return logging.LogRecord("answerable.test", logging.ERROR, __file__, 1, msg, args, exc_info)


def test_the_filter_redacts_the_formatted_message_and_the_traceback():
    try:
        raise ValueError(f"duplicate e-mail {EMAIL}")
    except ValueError:
        entry = record("Failed for %s at %s", EMAIL, POSTCODE, exc_info=sys.exc_info())
    entry.request = object()  # as django.request attaches it
    assert RedactPersonalData().filter(entry) is True
    text = logging.Formatter().format(entry)
    assert text.startswith("Failed for [email] at [postcode]")
    assert "ValueError: duplicate e-mail [email]" in text
    assert entry.request is None
    assert_nothing_personal(text)
    # A second pass (the handler's, after the logger's) changes nothing.
    RedactPersonalData().filter(entry)
    assert logging.Formatter().format(entry) == text


def test_a_record_that_cannot_be_formatted_is_withheld_not_raised():
    entry = record("%d people", "not a number")
    assert RedactPersonalData().filter(entry) is True
    assert entry.getMessage() == WITHHELD


# --- the wiring: settings.LOGGING ------------------------------------------------------------


def redacting(handler: logging.Handler) -> bool:
    return any(isinstance(f, RedactPersonalData) for f in handler.filters)


@contextmanager
def console_output():
    """What the configured console handler writes, captured for the block."""
    handler = next(h for h in logging.getLogger().handlers if redacting(h))
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        yield stream
    finally:
        handler.setStream(previous)


def test_every_handler_redacts_and_no_mail_is_sent_with_request_data():
    console = [h for h in logging.getLogger().handlers if redacting(h)]
    assert console, "the root logger's console handler has no redaction filter"
    # The configured handlers, not those pytest adds to capture the output.
    server = [
        h for h in logging.getLogger("django.server").handlers if type(h) is logging.StreamHandler
    ]
    assert server and all(redacting(h) for h in server)
    assert logging.getLogger("django").handlers == []  # no AdminEmailHandler
    # SQL is logged at DEBUG with the values queried: never, whatever LOG_LEVEL says.
    assert logging.getLogger("django.db.backends").getEffectiveLevel() > logging.DEBUG
    assert any(
        isinstance(f, RedactPersonalData) for f in logging.getLogger("django.request").filters
    )


# --- a failing request -------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_server_error_shows_the_500_page_and_logs_nothing_personal(caplog):
    client = Client(raise_request_exception=False)
    with console_output() as console:
        response = client.post(
            f"/test/crash/?{SECRET_QUERY}",
            {"email": EMAIL, "postcode": POSTCODE, "person": PSEUDONYM},
            REMOTE_ADDR=ADDRESS,
        )
    assert response.status_code == 500
    page = response.content.decode()
    assert "Sorry, there is a problem with the service" in page
    assert "Traceback" not in page and "ValueError" not in page
    assert_nothing_personal(page)
    assert "default-src 'self'" in response["Content-Security-Policy"]

    [entry] = [r for r in caplog.records if r.name == "django.request"]
    assert entry.getMessage() == "Internal Server Error: /test/crash/"
    assert entry.request is None  # not the request with its POST data and query string
    assert "ValueError: could not file the request of [email]" in entry.exc_text
    assert_nothing_personal(caplog.text)
    output = console.getvalue()
    assert "ERROR django.request: Internal Server Error: /test/crash/" in output
    assert_nothing_personal(output)


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_missing_page_is_logged_without_its_query_string(caplog):
    with console_output() as console:
        response = Client().get(f"/no-such-page/?{SECRET_QUERY}")
    assert response.status_code == 404
    assert "Not Found: /no-such-page/" in console.getvalue()
    assert_nothing_personal(console.getvalue() + caplog.text)


@pytest.mark.django_db
@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("url", "status", "heading"),
    [
        ("/test/not-found/", 404, "Page not found"),
        ("/test/forbidden/", 403, "You do not have access to this page"),
        ("/test/bad/", 400, "There is a problem with the request"),
    ],
)
def test_error_pages_do_not_repeat_the_error(url, status, heading, caplog):
    response = Client().get(url)
    assert response.status_code == status
    page = response.content.decode()
    assert heading in page
    assert_nothing_personal(page)
    assert_nothing_personal(caplog.text)


# --- signing in --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_failed_sign_ins_log_neither_user_name_nor_address(caplog, settings):
    get_user_model().objects.create_user(username="j.bloggs", password="correct horse")
    caplog.set_level(logging.INFO)
    with console_output() as console:
        for attempt in range(settings.AXES_FAILURE_LIMIT + 1):
            Client().post(
                reverse("web:login"),
                {"username": "j.bloggs", "password": f"wrong {attempt}"},
                REMOTE_ADDR=ADDRESS,
            )
    axes = [r for r in caplog.records if r.name.startswith("axes")]
    assert any("Locking out" in r.getMessage() for r in axes)  # it did log, at WARNING
    logged = caplog.text + console.getvalue()
    assert "j.bloggs" not in logged
    assert ADDRESS not in logged
    assert "wrong" not in logged  # nor a password


@pytest.mark.django_db
def test_the_sign_in_form_keeps_its_fields_out_of_error_reports():
    response = Client().post(reverse("web:login"), {"username": "x", "password": "y"})
    assert response.wsgi_request.sensitive_post_parameters == "__ALL__"
