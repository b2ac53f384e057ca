"""Every list says what to do next when it is empty or a search matches nothing (the shared
web/_empty.html); "Correct the search or filters" is only for a search that is not valid."""

import pytest
from answer_page_support import signed_in
from django.test import Client
from django.urls import reverse

from answerable.roles.roles import Role

pytestmark = pytest.mark.django_db

CORRECT = "Correct the search or filters"


def state(body: str) -> str:
    marker = 'data-empty-state="'
    if marker not in body:
        return ""
    return body.split(marker, 1)[1].split('"', 1)[0]


def test_an_empty_case_list_says_what_to_do_next():
    body = signed_in(Role.FOI_OFFICER, "foi").get(reverse("casework:case_list")).content.decode()
    assert state(body) == "empty"
    assert "No cases are awaiting a response" in body and "Log a new request" in body


def test_a_case_search_with_no_match_offers_to_clear_it():
    url = reverse("casework:case_list")
    body = signed_in(Role.FOI_OFFICER, "foi").get(url, {"reference": "9999-0000"}).content
    text = body.decode()
    assert state(text) == "no-results"
    assert "No cases match your search" in text and f'href="{url}"' in text
    assert CORRECT not in text


@pytest.mark.parametrize(
    ("name", "plural"),
    [
        ("register:custody_list", "custody episodes"),
        ("register:icce_list", "ICCE requests"),
        ("register:nccu_list", "NCCU contacts"),
    ],
)
def test_empty_register_lists(name, plural):
    client = signed_in(Role.DATA_PROTECTION_OFFICER, "dpo")
    body = client.get(reverse(name)).content.decode()
    assert state(body) == "empty" and f"There are no {plural}" in body


def test_the_audit_trail_with_no_match():
    client = signed_in(Role.DATA_PROTECTION_OFFICER, "dpo")
    body = client.get(reverse("audit:search"), {"actor": "nobody-at-all"}).content.decode()
    assert state(body) == "no-results"
    assert "No audit trail entries match your search" in body


def test_the_disclosure_log_tells_a_valid_search_from_an_invalid_one():
    url = reverse("disclosure_log:list")
    nothing = Client().get(url, {"q": "no such words anywhere"}).content.decode()
    assert state(nothing) == "no-results" and CORRECT not in nothing
    empty = Client().get(url).content.decode()
    assert state(empty) == "empty"
    invalid = Client().get(url, {"issued_from": "31/02/2024"}).content.decode()
    assert state(invalid) == "" and CORRECT in invalid
