"""DPA 2018 s62(4): the audit log is used only for its lawful purposes.

FOI statistics and the answers given to requesters are counted from the register and the
casework records, never from the log: the quarterly return and the answer engine send no SQL
that names an audit table, though the log holds entries for every record counted.
"""

from datetime import date

import pytest
from casework_helpers import make_case
from django.db import connection
from django.test.utils import CaptureQueriesContext
from register_records import one_of_each as make_records

from answerable.answers.answer import answer
from answerable.answers.catalogue import CATALOGUE
from answerable.answers.engine import Ask, count
from answerable.audit.actions import Action
from answerable.audit.models import AuditEntry
from answerable.audit.trail import record
from answerable.casework.statistics import Quarter, as_csv, quarterly_return

pytestmark = pytest.mark.django_db

AUDIT_TABLES = "audit_"


@pytest.fixture
def register_and_log(police_scotland, stations):
    make_records(police_scotland, stations)
    make_case(date(2026, 7, 1), status="responded", responded_on=date(2026, 7, 20), notice="full")
    make_case(date(2026, 7, 2))
    record(Action.COMBINATION, record_type="register.custodyepisode", purpose="FOI 2026-0001")
    assert AuditEntry.objects.count() > 6


def sql_of(run) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        run()
    statements = [query["sql"] for query in queries.captured_queries]
    assert statements, "nothing was read: the check below would prove nothing"
    return statements


def test_the_check_sees_the_log_when_it_is_used(register_and_log):
    statements = sql_of(lambda: list(AuditEntry.objects.filter(action="disclosure")))
    assert any(AUDIT_TABLES in statement for statement in statements)


def test_the_quarterly_return_never_reads_the_log(register_and_log):
    def run() -> None:
        report = quarterly_return(Quarter(2026, 3))
        assert report.value("Requests received", "FOI") == 2
        as_csv(report)

    statements = sql_of(run)
    assert not [s for s in statements if AUDIT_TABLES in s.lower()]


@pytest.mark.parametrize("question", sorted(CATALOGUE))
def test_the_answer_engine_never_reads_the_log(register_and_log, question):
    dimensions = sorted(CATALOGUE[question].dimensions)

    def run() -> None:
        assert count(Ask(question)).table.total >= 0
        for dimension in dimensions:
            answer(Ask(question, by=(dimension,)), suppress=True)
            answer(Ask(question, by=(dimension,)), suppress=False)

    statements = sql_of(run)
    assert not [s for s in statements if AUDIT_TABLES in s.lower()]
