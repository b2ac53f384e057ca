"""Sessions end after ANSWERABLE_SESSION_MINUTES without a request and when the browser
closes; their cookies are HTTP-only, SameSite=Lax, and Secure (with the __Host- prefix)
whenever the service is served over HTTPS."""

import runpy
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

import answerable
from answerable.roles.assign import assign_role
from answerable.roles.roles import Role

SETTINGS_FILE = Path(answerable.__file__).with_name("settings.py")
DASHBOARD = reverse("dashboard:index")
SIGN_IN = reverse("web:login")
PASSWORD = "correct horse battery staple"


@pytest.fixture
def production_settings(monkeypatch, tmp_path):
    """answerable/settings.py run afresh with a production environment and the given extras."""

    def load(**environ: str) -> dict:
        for name in ("DEBUG", "ANSWERABLE_HTTPS", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("SECRET_KEY", "x" * 50)
        monkeypatch.setenv("ANSWERABLE_PSEUDONYM_KEY", "k3y")
        monkeypatch.setenv("ANSWERABLE_VAR_DIR", str(tmp_path / "var"))
        for name, value in environ.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(SETTINGS_FILE))

    return load


@pytest.fixture
def analyst(db):
    user = get_user_model().objects.create_user(username="analyst", password=PASSWORD)
    assign_role(user, Role.ANALYST)
    return user


def test_a_session_ends_after_the_idle_time(analyst, settings):
    idle = timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert idle == timedelta(minutes=30)
    start = timezone.now()
    client = Client()
    with time_machine.travel(start, tick=False):
        client.force_login(analyst)
        assert client.get(DASHBOARD).status_code == 200
    # Each request renews the session: 29 minutes later, and 29 after that, still signed in.
    for minutes in (29, 58):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert client.get(DASHBOARD).status_code == 200
    with time_machine.travel(start + timedelta(minutes=58 + 31), tick=False):
        response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"] == f"{SIGN_IN}?next={DASHBOARD}"


def test_the_session_cookie_lasts_until_the_browser_closes_and_scripts_cannot_read_it(
    analyst, settings
):
    response = Client().post(SIGN_IN, {"username": "analyst", "password": PASSWORD})
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == ""  # a browser-session cookie
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["secure"] == ""  # the test settings speak plain HTTP


def test_production_settings_make_the_cookies_secure(production_settings):
    production = production_settings()
    assert production["SECURE_HTTPS"] is True
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["CSRF_COOKIE_SECURE"] is True
    assert production["SESSION_COOKIE_NAME"] == "__Host-session"
    assert production["CSRF_COOKIE_NAME"] == "__Host-csrftoken"
    assert production["SESSION_COOKIE_AGE"] == 30 * 60
    assert production["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is True
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_HSTS_SECONDS"] >= 31536000
    assert "SECURE_PROXY_SSL_HEADER" not in production  # only behind a proxy that sets it


def test_cookies_set_under_the_production_settings_are_secure(analyst, production_settings):
    production = production_settings()
    cookies = {
        name: production[name]
        for name in (
            "SESSION_COOKIE_SECURE",
            "SESSION_COOKIE_NAME",
            "CSRF_COOKIE_SECURE",
            "CSRF_COOKIE_NAME",
        )
    }
    with override_settings(**cookies):
        client = Client()
        client.get(SIGN_IN, secure=True)  # sets the CSRF cookie
        response = client.post(SIGN_IN, {"username": "analyst", "password": PASSWORD}, secure=True)
    assert response.status_code == 302
    session = response.cookies["__Host-session"]
    assert session["secure"] is True and session["path"] == "/" and not session["domain"]
    csrf = client.cookies["__Host-csrftoken"]
    assert csrf["secure"] is True and csrf["httponly"] is True


def test_the_idle_time_is_a_setting(production_settings):
    assert production_settings(ANSWERABLE_SESSION_MINUTES="10")["SESSION_COOKIE_AGE"] == 600


def test_development_over_http_keeps_cookies_usable(production_settings):
    development = production_settings(DEBUG="1")
    assert development["SESSION_COOKIE_SECURE"] is False
    assert "SESSION_COOKIE_NAME" not in development  # Django's own name, without the prefix


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("ANSWERABLE_SESSION_MINUTES", "0", "ANSWERABLE_SESSION_MINUTES must be at least 1"),
        ("ANSWERABLE_SESSION_MINUTES", "half an hour", "must be a whole number"),
        ("ANSWERABLE_LOGIN_ATTEMPTS", "0", "ANSWERABLE_LOGIN_ATTEMPTS must be at least 1"),
        ("ANSWERABLE_LOCKOUT_MINUTES", "-5", "ANSWERABLE_LOCKOUT_MINUTES must be at least 1"),
        ("ANSWERABLE_HTTPS", "sometimes", "ANSWERABLE_HTTPS must be one of"),
        ("ANSWERABLE_BEHIND_PROXY", "maybe", "ANSWERABLE_BEHIND_PROXY must be one of"),
        ("LOG_LEVEL", "loud", "LOG_LEVEL must be one of DEBUG, INFO, WARNING"),
    ],
)
def test_a_bad_security_setting_stops_start_up(production_settings, variable, value, message):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match=message):
        production_settings(**{variable: value})
