"""The accessibility statement (web:accessibility) has the content the public sector
accessibility regulations require, and names the pages the browser tests check."""

import pytest
from django.test import Client
from django.urls import reverse

from answerable.web.views import TESTED_PAGES

pytestmark = pytest.mark.django_db


def test_the_statement_has_each_required_section_and_the_pages_tested():
    body = Client().get(reverse("web:accessibility")).content.decode()
    for heading in (
        "How accessible this service is",
        "Feedback and contact information",
        "Reporting accessibility problems with this service",
        "Enforcement procedure",
        "Compliance status",
        "Non-accessible content",
        "Disproportionate burden",
        "Preparation of this accessibility statement",
    ):
        assert f">{heading}</h" in body, heading
    assert 'href="mailto:"' not in body  # the contact address is given
    assert all(page in body for page in TESTED_PAGES)
