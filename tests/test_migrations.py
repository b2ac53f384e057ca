"""Every model change has its migration: a fresh database must match the models."""

import pytest
from django.core.management import call_command


# Transactional like the test below, so that the module is all of one kind: pytest-django
# runs transactional tests last, and a module mixing both kinds (kept together on one
# xdist worker) would leave the tests after it an emptied database.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_model_change_lacks_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
