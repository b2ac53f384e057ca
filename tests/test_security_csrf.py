"""CSRF: a POST without the form's token is refused (403), and every form that posts carries
the token.

The test client normally skips the CSRF check; Client(enforce_csrf_checks=True) makes it
behave as a browser's request from another site would be treated.
"""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

import answerable
from answerable.casework.models import InformationRequest
from answerable.roles.assign import assign_role
from answerable.roles.roles import Role

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("web:login")
SIGN_OUT = reverse("web:logout")
NEW_CASE = reverse("casework:case_new")
PASSWORD = "correct horse battery staple"
PROJECT = Path(answerable.__file__).parent
# Letters are documents (HTML kept with the case and printed to PDF), never forms.
LETTERS = PROJECT / "casework" / "templates" / "casework" / "letters"
FORM = re.compile(r"<form\b(?P<attributes>[^>]*)>(?P<body>.*?)</form\s*>", re.I | re.S)
POSTS = re.compile(r"""\bmethod\s*=\s*["']?post\b""", re.I)


def user(username: str, role: Role | None = None):
    made = get_user_model().objects.create_user(username=username, password=PASSWORD)
    if role is not None:
        assign_role(made, role)
    return made


def token_of(client: Client, url: str) -> str:
    client.get(url)
    return client.cookies["csrftoken"].value


def test_sign_in_without_the_token_is_refused():
    user("officer")
    client = Client(enforce_csrf_checks=True)
    response = client.post(SIGN_IN, {"username": "officer", "password": PASSWORD})
    assert response.status_code == 403
    assert "The form could not be sent" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The same request with the page's token signs in: the token was what was missing.
    token = token_of(client, SIGN_IN)
    response = client.post(
        SIGN_IN,
        {"username": "officer", "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


def test_a_staff_form_without_the_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    client.force_login(user("foi", Role.FOI_OFFICER))
    form = {
        "regime": "foisa",
        "channel": "email",
        "received_on": "01/07/2026",
        "title": "Immigration custodies",
        "requester_name": "Ms Requester Private",
        "requester_email": "requester@private.example",
        "questions": "How many people were held?",
    }
    response = client.post(NEW_CASE, form)
    assert response.status_code == 403
    assert not InformationRequest.objects.exists()
    with_token = client.post(NEW_CASE, {**form, "csrfmiddlewaretoken": token_of(client, NEW_CASE)})
    assert with_token.status_code != 403


def test_signing_out_without_the_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    client.force_login(user("officer"))
    assert client.post(SIGN_OUT).status_code == 403
    assert "_auth_user_id" in client.session


def page_templates() -> list[Path]:
    return sorted(
        path for path in PROJECT.glob("**/templates/**/*.html") if not path.is_relative_to(LETTERS)
    )


def forms_in(template: Path) -> list[tuple[str, str]]:
    return [(m["attributes"], m["body"]) for m in FORM.finditer(template.read_text())]


def test_the_template_scan_finds_the_forms_that_post():
    posting = [path.name for path in page_templates() for a, _ in forms_in(path) if POSTS.search(a)]
    # The sign-in and sign-out forms at least: a scan that finds nothing proves nothing.
    assert {"login.html", "base.html"} <= set(posting)


@pytest.mark.parametrize(
    "template", page_templates(), ids=lambda path: str(path.relative_to(PROJECT))
)
def test_every_form_that_posts_carries_the_csrf_token(template):
    for attributes, body in forms_in(template):
        if POSTS.search(attributes):
            assert "{% csrf_token %}" in body, f"<form{attributes}> has no {{% csrf_token %}}"
        else:
            # A GET form puts its fields in the address: the token would end up in logs.
            assert "csrf_token" not in body, f"<form{attributes}> sends the token by GET"
