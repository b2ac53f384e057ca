"""The admin site's name, and its warning when synthetic demonstration data is loaded."""

from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse

from answerable.core.uk_time import UK
from answerable.register.models import ImportBatch

NOTICE = "Synthetic demonstration data is loaded"


def batch(synthetic: bool) -> ImportBatch:
    return ImportBatch.objects.create(
        kind=ImportBatch.Kind.CUSTODY,
        file_name="demo.csv",
        sha256="1" * 64,
        imported_by="answerable",
        synthetic=synthetic,
        started_at=datetime(2024, 1, 1, tzinfo=UK),
    )


@pytest.mark.django_db
def test_index_is_the_answerable_register(admin_client: Client) -> None:
    page = admin_client.get(reverse("admin:index")).content.decode()
    assert "Answerable register" in page
    assert NOTICE not in page


@pytest.mark.django_db
def test_real_imports_give_no_warning(admin_client: Client) -> None:
    batch(synthetic=False)
    assert NOTICE not in admin_client.get(reverse("admin:index")).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "page",
    [
        "admin:index",
        "admin:register_custodyepisode_changelist",
        "admin:register_nccucontact_add",
    ],
)
def test_synthetic_data_is_announced(admin_client: Client, page: str) -> None:
    batch(synthetic=True)
    assert NOTICE in admin_client.get(reverse(page)).content.decode()
