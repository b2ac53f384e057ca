"""Making FOI cases in tests (tests/test_casework_*.py)."""

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model

from answerable.casework.models import InformationRequest


def officer(username: str = "officer", **fields: Any):
    fields.setdefault("email", f"{username}@force.example")
    return get_user_model().objects.create_user(username=username, **fields)


def make_case(received_on: date = date(2026, 7, 1), **fields: Any) -> InformationRequest:
    fields.setdefault("regime", "foisa")
    fields.setdefault("channel", "email")
    fields.setdefault("requester_name", "Ms Requester Private")
    fields.setdefault("requester_email", "requester@private.example")
    fields.setdefault("title", "Immigration custodies")
    # No request text unless a test gives one: the response then replicates the questions
    # alone; a test of the request as received gives the text its questions are taken from.
    fields.setdefault("request_text", "")
    return InformationRequest.objects.create(received_on=received_on, **fields)
