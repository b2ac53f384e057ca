"""A request for a host the service does not serve is refused with the 400 page, not a 500."""

import pytest
from django.test import Client


@pytest.mark.django_db
def test_a_disallowed_host_gets_the_400_page() -> None:
    response = Client(HTTP_HOST="evil.example").get("/")
    assert response.status_code == 400
    assert b"There is a problem with the request" in response.content
    assert b"evil.example" not in response.content
