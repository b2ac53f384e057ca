"""Every page carries the content security policy and the other protective headers, and no
template relies on what the policy forbids (inline script, inline style, event handlers)."""

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.test import Client
from django.urls import include, path, reverse

import answerable
from answerable.roles.assign import assign_role
from answerable.roles.roles import Role
from answerable.web.inline_styles import allow_own_inline_styles, style_hashes

pytestmark = pytest.mark.django_db

PROJECT = Path(answerable.__file__).parent
LETTERS = PROJECT / "casework" / "templates" / "casework" / "letters"
LETTER_STYLE = "body { font-family: serif; }\n.marking { text-align: center; }"


def letter_like(request):
    return HttpResponse(
        f"<!DOCTYPE html><html><head><style>{LETTER_STYLE}</style></head>"
        "<body><p>Letter</p></body></html>"
    )


def plain(request):
    return HttpResponse("<!DOCTYPE html><html><body><p>Page</p></body></html>")


# This module is also the URLconf of the tests marked with it: the project's own addresses
# and two views that show what the letter decorator does.
urlpatterns = [
    path("test-letter/", allow_own_inline_styles(letter_like)),
    path("test-plain/", allow_own_inline_styles(plain)),
    path("", include("answerable.urls")),
]


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


def staff_client() -> Client:
    user = get_user_model().objects.create_user(username="officer")
    assign_role(user, Role.ANALYST)
    assign_role(user, Role.FOI_OFFICER)
    client = Client()
    client.force_login(user)
    return client


PUBLIC_PAGES = [
    reverse("web:start"),
    reverse("web:login"),
    reverse("web:accessibility"),
    reverse("web:privacy"),
    reverse("disclosure_log:list"),
    "/no-such-page/",
    reverse("admin:login"),
]
STAFF_PAGES = [reverse("dashboard:index"), reverse("casework:case_list"), "/staff/nothing/"]


def assert_protected(response) -> None:
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval'
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_carry_the_policy(url):
    assert_protected(Client().get(url))


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_staff_pages_carry_the_policy(url):
    response = staff_client().get(url)
    assert response.status_code == (404 if "nothing" in url else 200)
    assert_protected(response)


def test_refusals_carry_the_policy():
    signed_in_without_role = Client()
    signed_in_without_role.force_login(get_user_model().objects.create_user(username="nobody"))
    assert_protected(signed_in_without_role.get(reverse("casework:case_list")))  # 403
    csrf = Client(enforce_csrf_checks=True).post(reverse("web:login"), {})
    assert csrf.status_code == 403
    assert_protected(csrf)


# --- the templates ---------------------------------------------------------------------------

INLINE_SCRIPT = re.compile(r"<script\b(?P<attributes>[^>]*)>(?P<body>.*?)</script\s*>", re.I | re.S)
STYLE_ATTRIBUTE = re.compile(r"""<[a-z][^>]*\sstyle\s*=""", re.I)
STYLE_ELEMENT = re.compile(r"<style\b", re.I)
EVENT_HANDLER = re.compile(r"""<[a-z][^>]*\son[a-z]+\s*=""", re.I)
JAVASCRIPT_URL = re.compile(r"""=\s*["']?\s*javascript:""", re.I)


def page_templates() -> list[Path]:
    return sorted(
        path for path in PROJECT.glob("**/templates/**/*.html") if not path.is_relative_to(LETTERS)
    )


def test_the_template_scan_reads_the_page_frame():
    names = {str(path.relative_to(PROJECT)) for path in page_templates()}
    assert "web/templates/web/base.html" in names
    assert not any("letters" in name for name in names)


@pytest.mark.parametrize(
    "template", page_templates(), ids=lambda path: str(path.relative_to(PROJECT))
)
def test_no_template_needs_what_the_policy_forbids(template):
    text = template.read_text()
    for match in INLINE_SCRIPT.finditer(text):
        assert "src=" in match["attributes"], f"inline script in {template.name}"
        assert not match["body"].strip(), f"a script with both src and a body in {template.name}"
    assert not STYLE_ATTRIBUTE.search(text), f'style="..." in {template.name}'
    assert not STYLE_ELEMENT.search(text), f"<style> in {template.name}"
    assert not EVENT_HANDLER.search(text), f"an on...= event handler in {template.name}"
    assert not JAVASCRIPT_URL.search(text), f"a javascript: address in {template.name}"


# --- the letter's own stylesheet -----------------------------------------------------------


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.mark.urls(__name__)
def test_a_letter_may_use_its_own_stylesheet_and_nothing_else():
    response = Client().get("/test-letter/")
    csp = policy(response)
    assert csp["style-src"] == ["'self'", sha256_source(LETTER_STYLE)]
    assert csp["script-src"] == ["'self'"]
    assert csp["default-src"] == ["'self'"]


@pytest.mark.urls(__name__)
def test_a_page_without_a_stylesheet_keeps_the_plain_policy():
    assert policy(Client().get("/test-plain/"))["style-src"] == ["'self'"]


def test_style_hashes_are_per_element_without_repeats():
    html = "<style>a{}</style><STYLE media='print'>b{}</STYLE><style>a{}</style>"
    assert style_hashes(html) == [sha256_source("a{}"), sha256_source("b{}")]
