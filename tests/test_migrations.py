"""Every model change has its migration: a fresh database must match the models."""

import pytest
from django.core.management import call_command


# Transactional like the test below, so that the module is all of one kind: pytest-django
# runs transactional tests last, and a module mixing both kinds (kept together on one
# xdist worker) would leave the tests after it an emptied database.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_model_change_lacks_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


# serialized_rollback: the test flushes its database, and the reference data that migration
# 0002 loads (custody centres) is put back for the tests after it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_time_to_disclose_of_disclosures_already_held_is_filled_in():
    from datetime import UTC, date, datetime

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("register", "0005_answer_indexes")]
    after = [("register", "0006_answer_indexes_and_time_to_disclose")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    force = apps.get_model("register", "Force").objects.get(name="Police Scotland")
    disclosure = apps.get_model("register", "Disclosure")
    common = {"force": force, "role": "victim", "recipient": "hoie_nccu", "purpose": "referral"}
    for ref, requested, disclosed in [
        # across the night the clocks go back: 25 hours really elapsed
        (
            "HO-1",
            datetime(2024, 10, 26, 11, 0, tzinfo=UTC),
            datetime(2024, 10, 27, 12, 0, tzinfo=UTC),
        ),
        # fractions of a second are floored, as on save
        (
            "HO-2",
            datetime(2024, 1, 1, 9, 0, 0, 700_000, tzinfo=UTC),
            datetime(2024, 1, 1, 9, 1, 0, 200_000, tzinfo=UTC),
        ),
        ("HO-3", None, datetime(2024, 1, 1, 9, 0, tzinfo=UTC)),
    ]:
        disclosure.objects.create(
            disclosure_ref=ref,
            requested_at=requested,
            disclosed_at=disclosed,
            disclosed_on=date(2024, 1, 1),
            **common,
        )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    from answerable.register.models import Disclosure

    held = dict(Disclosure.objects.values_list("disclosure_ref", "seconds_to_disclose"))
    assert held == {"HO-1": 25 * 3600, "HO-2": 59, "HO-3": None}
