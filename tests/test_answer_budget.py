"""One count per answer, and the answer budget (issue 16: slow questions never block quick
ones): counting that takes longer than ANSWERABLE_ANSWER_TIMEOUT_MS is stopped by the
database (PostgreSQL's statement_timeout, SQLite's progress handler) and refused as too
costly: 503 `question_too_costly` with Retry-After through the API, a page saying what to do,
and a message with a non-zero exit from `answerable ask`."""

import time

import pytest
from answer_page_support import signed_in
from api_helpers import calling, system
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from interchange_files import write

from answerable.answers import budget
from answerable.answers.budget import QuestionTooCostly, answer_budget
from answerable.interchange.importer import import_file
from answerable.roles.roles import Role

pytestmark = pytest.mark.django_db

ANSWER = "/api/v1/questions/custody-count/answer/"
PAGE = reverse("answers:index")
# Counts to 50 million one row at a time: many seconds on either database, however idle.
HEAVY = (
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50000000) "
    "SELECT count(*) FROM c"
)
MEDIUM = (
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000) "
    "SELECT count(*) FROM c"
)
TINY_BUDGET_MS = 50


@pytest.fixture
def register(stations, tmp_path):
    rows = [f"G-{n},Govan,2017-0{1 + n % 8}-02T10:00:00,immigration_powers" for n in range(9)]
    rows += [f"A-{n},Ayr,2017-06-0{1 + n}T10:00:00,immigration_offence" for n in range(2)]
    text = "custody_ref,station,arrived_at,detention_basis\n" + "\n".join(rows) + "\n"
    import_file("custody", write(tmp_path, text), progress=False)


@pytest.fixture
def heavy_counting(monkeypatch, settings):
    """Counting any question runs the deliberately heavy query, under a tiny budget."""
    settings.ANSWERABLE_ANSWER_TIMEOUT_MS = TINY_BUDGET_MS
    settings.ANSWERABLE_ANSWER_RETRY_AFTER = 30

    def heavy(ask):
        with connection.cursor() as cursor:
            cursor.execute(HEAVY)
            cursor.fetchone()
        raise AssertionError("the heavy query was not stopped")

    monkeypatch.setattr(budget, "count", heavy)


def scalar(sql: str):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


def counting_queries(queries) -> list[str]:
    """The queries that count the register's episodes (the engine's grouped count)."""
    return [
        q["sql"]
        for q in queries
        if 'FROM "register_custodyepisode"' in q["sql"] and "COUNT(*)" in q["sql"].upper()
    ]


# -- the budget itself, on the database the tests run on (SQLite, or PostgreSQL) --------------


def test_a_query_past_the_budget_is_stopped_soon_after_it():
    started = time.monotonic()
    with pytest.raises(QuestionTooCostly) as raised, answer_budget(TINY_BUDGET_MS):
        scalar(HEAVY)
    assert time.monotonic() - started < 5  # stopped, not run to its end
    assert raised.value.budget_ms == TINY_BUDGET_MS
    assert "too costly to answer now" in str(raised.value)
    assert scalar("SELECT 1") == 1  # the connection is usable afterwards


def test_a_query_within_the_budget_is_answered():
    with answer_budget(60_000):
        assert scalar(MEDIUM) == 200_000


def test_the_budget_ends_with_its_block():
    before = scalar("SHOW statement_timeout") if connection.vendor == "postgresql" else None
    with answer_budget(TINY_BUDGET_MS):
        assert scalar("SELECT 1") == 1
    time.sleep(TINY_BUDGET_MS / 1000 * 2)  # past the block's deadline
    assert scalar(MEDIUM) == 200_000  # not interrupted: the budget ended with the block
    if before is not None:
        assert scalar("SHOW statement_timeout") == before


def test_no_budget_when_it_is_zero(settings):
    settings.ANSWERABLE_ANSWER_TIMEOUT_MS = 0
    with answer_budget():
        assert scalar(MEDIUM) == 200_000


def test_other_database_errors_are_not_taken_for_the_budget():
    with pytest.raises(Exception) as raised, answer_budget(60_000):
        scalar("SELECT * FROM no_such_table")
    assert not isinstance(raised.value, QuestionTooCostly)


# -- what the API, the pages and the command say ----------------------------------------------


def test_the_api_answers_503_question_too_costly_with_retry_after(register, heavy_counting):
    _, token = system("foi-dashboard", ["answers:read"])
    started = time.monotonic()
    response = calling(token).get(ANSWER + "?by=year")
    assert time.monotonic() - started < 5
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.json()
    assert body["code"] == "question_too_costly"
    assert body["fields"] == {}
    assert "too costly to answer now" in body["error"]


def test_the_answer_page_says_the_question_is_too_costly_and_what_to_do(register, heavy_counting):
    client = signed_in(Role.ANALYST)
    response = client.get(PAGE, {"question": "custody-count", "by": "year"})
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    text = response.content.decode()
    assert "This question is too costly to answer now" in text
    assert "ask for a shorter period" in text
    assert "0.05 seconds an answer may take" in text


def test_a_download_is_refused_the_same_way(register, heavy_counting):
    client = signed_in(Role.ANALYST)
    url = reverse("answers:download", kwargs={"format": "csv"})
    response = client.get(url, {"question": "custody-count", "by": "year"})
    assert response.status_code == 503
    assert "too costly" in response.content.decode()


def test_the_ask_command_says_so_and_exits_non_zero(register, heavy_counting):
    with pytest.raises(CommandError) as raised:
        call_command("ask", "custody-count", "--by", "year")
    assert raised.value.returncode == 3
    assert "too costly to answer now" in str(raised.value)
    assert "ANSWERABLE_ANSWER_TIMEOUT_MS=0" in str(raised.value)


# -- one count per answer ---------------------------------------------------------------------


def test_the_api_counts_the_register_once_per_answer(register):
    _, token = system("foi-dashboard", ["answers:read"])
    client = calling(token)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(ANSWER + "?by=station&from=2017-01-01&to=2017-12-31")
    assert response.status_code == 200
    assert response.json()["total"]["count"] == 11
    assert len(counting_queries(queries.captured_queries)) == 1


@pytest.mark.parametrize("exact", [False, True])
def test_the_answer_page_counts_the_register_once(register, exact):
    client = signed_in(Role.DISCLOSURE_MANAGER)
    query = {"question": "custody-count", "from": "2017-01-01", "to": "2017-12-31", "by": "station"}
    if exact:
        query["exact"] = "1"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PAGE, query)
    assert response.status_code == 200
    assert response.context["answer"].published.total.count == 11
    assert len(counting_queries(queries.captured_queries)) == 1


def test_the_ask_command_counts_the_register_once(register, capsys):
    with CaptureQueriesContext(connection) as queries:
        call_command("ask", "custody-count", "--by", "station", "--from", "2017-01-01")
    assert len(counting_queries(queries.captured_queries)) == 1
