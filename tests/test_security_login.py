"""Signing in: passwords kept with Argon2, failed attempts throttled by django-axes, signing
out by POST only.

The test settings hash with MD5 for speed; the production hasher list is read from
answerable/settings.py itself, so these tests check what production stores.
"""

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from answerable import settings as production

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("web:login")
SIGN_OUT = reverse("web:logout")
PASSWORD = "correct horse battery staple"
LIMIT = production.AXES_FAILURE_LIMIT
PRODUCTION_HASHERS = override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS)


def staff(username: str = "officer", password: str = PASSWORD):
    return get_user_model().objects.create_user(username=username, password=password)


def sign_in(client: Client, username: str, password: str, address: str = "192.0.2.10"):
    return client.post(SIGN_IN, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


# --- passwords -------------------------------------------------------------------------------


def test_production_hashes_new_passwords_with_argon2id():
    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    with PRODUCTION_HASHERS:
        encoded = make_password(PASSWORD)
    assert encoded.startswith("argon2$argon2id$")
    assert PASSWORD not in encoded


def test_a_pbkdf2_password_is_upgraded_to_argon2_at_sign_in():
    with PRODUCTION_HASHERS:
        user = staff()
        user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
        user.save(update_fields=["password"])
        response = sign_in(Client(), "officer", PASSWORD)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")


def test_the_sign_in_page_states_the_limit_and_the_pause():
    page = Client().get(SIGN_IN).content.decode()
    minutes = int(production.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert f"After {LIMIT} failed attempts" in page
    assert f"paused for {minutes} minutes" in page


# --- throttling (django-axes) --------------------------------------------------------------


def test_after_the_limit_even_the_right_password_meets_the_locked_out_page():
    staff()
    client = Client()
    for attempt in range(1, LIMIT):
        response = sign_in(client, "officer", f"wrong {attempt}")
        assert response.status_code == 200, attempt  # the form again, with its error
        assert "Enter a correct user name and password" in response.content.decode()
    # The failure that reaches the limit is already answered with the pause.
    assert sign_in(client, "officer", "wrong again").status_code == 429
    response = sign_in(client, "officer", PASSWORD)
    assert response.status_code == 429
    assert "Signing in is paused" in response.content.decode()
    assert not signed_in(client)


def test_the_locked_out_page_names_neither_the_user_nor_the_address():
    staff("j.bloggs")
    for attempt in range(LIMIT + 1):
        response = sign_in(Client(), "j.bloggs", f"wrong {attempt}", address="198.51.100.7")
    page = response.content.decode()
    assert response.status_code == 429
    assert "j.bloggs" not in page
    assert "198.51.100.7" not in page
    assert "Try again in 15 minutes" in page


def test_a_lockout_holds_one_user_name_from_one_address_only():
    staff("officer")
    staff("colleague")
    for attempt in range(LIMIT):
        sign_in(Client(), "officer", f"wrong {attempt}", address="192.0.2.10")
    assert sign_in(Client(), "officer", PASSWORD, address="192.0.2.10").status_code == 429
    # Another user at the same address, and the same user elsewhere, still sign in.
    assert sign_in(Client(), "colleague", PASSWORD, address="192.0.2.10").status_code == 302
    assert sign_in(Client(), "officer", PASSWORD, address="203.0.113.5").status_code == 302


def test_a_successful_sign_in_clears_the_failures():
    staff()
    for attempt in range(LIMIT - 1):
        sign_in(Client(), "officer", f"wrong {attempt}")
    assert sign_in(Client(), "officer", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="officer").exists()
    for attempt in range(LIMIT - 1):
        assert sign_in(Client(), "officer", f"wrong {attempt}").status_code == 200
    assert sign_in(Client(), "officer", PASSWORD).status_code == 302


def test_the_pause_ends_after_the_cool_off_time():
    staff()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for attempt in range(LIMIT):
            sign_in(Client(), "officer", f"wrong {attempt}")
        assert sign_in(Client(), "officer", PASSWORD).status_code == 429
    later = start + production.AXES_COOLOFF_TIME + timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        assert sign_in(Client(), "officer", PASSWORD).status_code == 302


def test_behind_the_proxy_failures_are_counted_by_the_address_the_proxy_saw(settings):
    settings.ANSWERABLE_BEHIND_PROXY = True
    staff()
    proxy = "10.0.0.2"
    for attempt in range(LIMIT):
        Client().post(
            SIGN_IN,
            {"username": "officer", "password": f"wrong {attempt}"},
            REMOTE_ADDR=proxy,
            # A client may send any X-Forwarded-For; the proxy appends what it saw last.
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}, 198.51.100.7",
        )
    attempt = AccessAttempt.objects.get(username="officer")
    assert attempt.ip_address == "198.51.100.7"
    # Someone else behind the same proxy is not locked out with the guesser.
    response = Client().post(
        SIGN_IN,
        {"username": "officer", "password": PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="192.0.2.44",
    )
    assert response.status_code == 302


def test_without_the_proxy_setting_x_forwarded_for_is_ignored():
    staff()
    for attempt in range(LIMIT):
        Client().post(
            SIGN_IN,
            {"username": "officer", "password": f"wrong {attempt}"},
            REMOTE_ADDR="192.0.2.10",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}",  # forged, changed at each attempt
        )
    assert sign_in(Client(), "officer", PASSWORD, address="192.0.2.10").status_code == 429


# --- how the test suite signs users in -----------------------------------------------------


def test_tests_sign_in_with_force_login_or_a_request_for_axes():
    user = staff()
    client = Client()
    client.force_login(user)
    assert signed_in(client)
    other = Client()
    # django-axes needs the request to count attempts: client.login() must pass one.
    with pytest.raises(ValueError, match="requires a request"):
        other.login(username="officer", password=PASSWORD)
    assert other.login(request=HttpRequest(), username="officer", password=PASSWORD)
    assert signed_in(other)


# --- signing out -------------------------------------------------------------------------------


def test_signing_out_is_post_only():
    client = Client()
    client.force_login(staff())
    assert client.get(SIGN_OUT).status_code == 405
    assert signed_in(client)
    response = client.post(SIGN_OUT)
    assert response.status_code == 302
    assert response["Location"] == reverse("web:start")
    assert not signed_in(client)
