"""Issue 12, "Done when": no sequence of answers recovers a true count from 1 to T-1.

Each test runs one family of attacks from the issue against a register of known truth
(tests/ledger_register.py) through the surfaces an outsider or a member of staff uses: the
API (a system with an `answers:read` token), issued FOI responses, and `answerable ask`.
tests/attacker.py, which knows nothing of the product's disclosure control, then works out
what the released figures give away together; the test fails on any count it pins inside
1..T-1, or any average of fewer than T records it recovers.

Each test first shows, from the exact figures, that the attack works when nothing is
protected, so that it cannot pass because the sequence was wrong or the register empty.
A release the product refuses (a 422 from the API, an error from `ask`, a response that
cannot be issued) gives the attacker nothing.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import pytest
from api_helpers import calling, system
from attacker import Attacker, Finding
from casework_helpers import approve, make_case
from django.conf import settings
from django.core.management import CommandError, call_command
from ledger_register import (
    OTHERS_2024,
    PERSON,
    PERSON_DAY,
    PUBLIC_STATIONS,
    TIMED_HOURS,
    build,
    custody_records,
    disclosure_records,
)

from answerable.answers.answer import answer
from answerable.answers.engine import Ask, count
from answerable.answers.output.document import as_document
from answerable.casework import answering
from answerable.casework.models import RequestQuestion
from answerable.disclosure_log.models import Publication
from answerable.register.choices import CustodyOutcome

pytestmark = pytest.mark.django_db

CUSTODY = "custody-count"
YEAR_2023 = {"from": "2023-01-01", "to": "2023-12-31"}
OTHER_STATIONS = [name for name in PUBLIC_STATIONS if name != "Ayr"]
REFUSAL_WORDS = ("disclos", "release", "withh", "suppress", "threshold", "ledger")

Params = dict[str, Any]


def threshold() -> int:
    return settings.ANSWERABLE_SUPPRESSION_THRESHOLD


def sensitive_threshold() -> int:
    return settings.ANSWERABLE_SENSITIVE_THRESHOLD


@pytest.fixture
def register(police_scotland, stations) -> None:
    build(police_scotland, stations)


@pytest.fixture
def api(register):
    _, token = system("foi-dashboard", ["answers:read"])
    return calling(token)


# Asking: the API, exact figures, `answerable ask`.


def _query(params: Params) -> dict[str, Any]:
    query: dict[str, Any] = {k: params[k] for k in ("from", "to", "count") if k in params}
    for key in ("by", "bands", "ages"):
        if key in params:
            query[key] = ",".join(str(item) for item in params[key])
    if "where" in params:
        query["where"] = [f"{dim}={','.join(values)}" for dim, values in params["where"].items()]
    return query


def released(api, question: str, params: Params) -> dict[str, Any] | None:
    """The API's answer, or None when the API refuses to release it (nothing released)."""
    url = f"/api/v1/questions/{question}/answer/"
    query = _query(params)
    if any(len(item) > 200 for item in query.get("where", [])):  # too long for a query string
        response = api.post(url, params, format="json")
    else:
        response = api.get(url, query)
    assert response.status_code != 400, (question, params, response.json())
    if response.status_code == 200:
        return response.json()
    assert response.status_code in (403, 409, 422), (response.status_code, response.content)
    return None


def release_all(api, asks: Sequence[tuple[str, Params]]) -> list[dict[str, Any]]:
    documents = [released(api, question, params) for question, params in asks]
    return [document for document in documents if document is not None]


def _ask(question: str, params: Params) -> Ask:
    return Ask(
        question=question,
        first_day=date.fromisoformat(params["from"]) if params.get("from") else None,
        last_day=date.fromisoformat(params["to"]) if params.get("to") else None,
        where=params.get("where", {}),
        by=tuple(params.get("by", ())),
        duration_bounds=tuple(params.get("bands", (24, 48))),
        age_bounds=tuple(params.get("ages", (18,))),
    )


def exact(asks: Sequence[tuple[str, Params]]) -> list[dict[str, Any]]:
    """The same documents with exact figures (`--no-suppression`): what the attack would
    recover if nothing were protected."""
    return [as_document(answer(_ask(q, params), suppress=False)) for q, params in asks]


def true_count(question: str, params: Params) -> int:
    return count(_ask(question, params)).table.total


def ask_command(*args: str) -> dict[str, Any] | None:
    """`answerable ask ... --format json` as staff run it; None when it refuses."""
    import io
    import json

    out = io.StringIO()
    try:
        call_command("ask", *args, "--format", "json", stdout=out)
    except CommandError as error:
        assert any(word in str(error).lower() for word in REFUSAL_WORDS), str(error)
        return None
    return json.loads(out.getvalue())


# The attacker's verdict.


def attack(documents: Iterable[Mapping[str, Any]]) -> list[Finding]:
    attacker = Attacker(PUBLIC_STATIONS, threshold(), sensitive_threshold())
    for n, document in enumerate(documents):
        attacker.receive(document, source=f"release {n + 1}")
    return attacker.findings()


def records_for(finding: Finding) -> list[dict[str, Any]]:
    return disclosure_records() if finding.universe == "disclosures" else custody_records()


def assert_attacker_is_right(findings: list[Finding]) -> None:
    """The attacker's bounds hold the truth: a finding it reports is real."""
    for finding in findings:
        records = records_for(finding)
        if finding.kind == "average":
            truth = finding.true_average_hours(records)
        else:
            truth = finding.true_count(records)
        assert finding.low <= truth <= finding.high, f"{finding}: the truth is {truth}"


def assert_nothing_recovered(documents: list[dict[str, Any]]) -> None:
    findings = attack(documents)
    assert_attacker_is_right(findings)
    lines = [
        f"{finding} (true {finding.true_count(records_for(finding))})"
        if finding.kind != "average"
        else str(finding)
        for finding in findings
    ]
    assert not findings, "released figures recover small counts:\n" + "\n".join(lines)


def recovered(documents: list[dict[str, Any]], wanted: Callable[[Finding], bool]) -> list[Finding]:
    """Findings pinned exactly (or, for averages, to within the rounding) that `wanted`."""
    findings = attack(documents)
    assert_attacker_is_right(findings)
    return [f for f in findings if wanted(f) and (f.kind == "average" or f.low == f.high)]


# The families.


def test_complement_filter(api):
    """A table by station, then every other station: the totals differ by Ayr's count."""
    asks = [
        (CUSTODY, {**YEAR_2023, "by": ["station"]}),
        (CUSTODY, {**YEAR_2023, "where": {"station": OTHER_STATIONS}}),
    ]
    ayr = true_count(CUSTODY, {**YEAR_2023, "where": {"station": ["Ayr"]}})
    assert 1 <= ayr < threshold()
    totals = [document["total"]["count"] for document in exact(asks)]
    assert totals[0] - totals[1] == ayr
    found = recovered(exact(asks), lambda f: "Ayr" in f.what)
    assert found and all(f.low == ayr for f in found)

    assert_nothing_recovered(release_all(api, asks))


def test_two_partitions(api):
    """The table by division less the visible stations of that division."""
    asks = [
        (CUSTODY, {**YEAR_2023, "by": ["division"]}),
        (CUSTODY, {**YEAR_2023, "by": ["station"]}),
    ]
    baird = true_count(CUSTODY, {**YEAR_2023, "where": {"station": ["Baird Street"]}})
    division = true_count(CUSTODY, {**YEAR_2023, "where": {"division": ["G"]}})
    govan = true_count(CUSTODY, {**YEAR_2023, "where": {"station": ["Govan"]}})
    assert 1 <= baird < threshold() <= govan and division - govan == baird
    # With the division's total, Govan's and nothing else, Baird Street is recovered.
    by_division, by_station = exact(asks)
    by_station["cells"] = [c for c in by_station["cells"] if c["station"] == "Govan"]
    by_station["total"] = {"count": None, "display": "[c]"}
    by_division["cells"] = [c for c in by_division["cells"] if c["division"] == "G"]
    by_division["total"] = {"count": None, "display": "[c]"}
    found = recovered([by_division, by_station], lambda f: f.true_count(custody_records()) == baird)
    assert any("Baird Street" not in f.what and "other centres of G" in f.what for f in found)

    assert_nothing_recovered(release_all(api, asks))


def _complement(dimension: str) -> list[str]:
    """Every value of a dimension but the person's (the 2024 records' other values)."""
    return {
        "sex": ["female", "not_recorded"],
        "age_band": ["0-17", "not_recorded"],
        "nationality": [OTHERS_2024["nationality"], "not_recorded"],
        "station": [name for name in PUBLIC_STATIONS if name != PERSON["station"]],
        "duration": ["24-48", "48+", "in_custody"],
        "outcome": [
            *(value for value in CustodyOutcome.values if value != PERSON["outcome"]),
            "not_recorded",
        ],
    }[dimension]


SHIFTED_DIMENSIONS = ("sex", "age_band", "nationality", "station", "duration", "outcome")


def test_shifted_period(api):
    """From 15 June and from 16 June: one person; complement filters on each dimension, for
    both periods, then give that person's sex, age, nationality, station, duration and
    outcome."""
    periods = [{"from": day, "to": "2024-12-31"} for day in ("2024-06-15", "2024-06-16")]
    asks = [(CUSTODY, period) for period in periods]
    for dimension in SHIFTED_DIMENSIONS:
        where = {"where": {dimension: _complement(dimension)}}
        asks += [(CUSTODY, {**period, **where}) for period in periods]
    on_the_day = {"from": PERSON_DAY.isoformat(), "to": PERSON_DAY.isoformat()}
    assert true_count(CUSTODY, on_the_day) == 1
    attributes = ("sex in", "age in", "nationality in", "place in", "minutes in", "outcome in")

    def the_person(finding: Finding) -> bool:
        return finding.true_count(custody_records()) == 1 and all(
            attribute in finding.what for attribute in attributes
        )

    assert recovered(exact(asks), the_person), "the exact figures should single the person out"

    assert_nothing_recovered(release_all(api, asks))


def test_two_band_schemes(api):
    """bands 24,48 against bands 24,49 isolate the episodes between 48 and 49 hours."""
    year = {"from": "2022-01-01", "to": "2022-12-31", "by": ["duration"]}
    asks = [(CUSTODY, {**year, "bands": [24, 48]}), (CUSTODY, {**year, "bands": [24, 49]})]
    bands_48, bands_49 = (
        {cell["duration"]: cell["count"] for cell in document["cells"]} for document in exact(asks)
    )
    between = bands_48["48+"] - bands_49["49+"]
    assert 1 <= between < threshold() <= min(bands_48["48+"], bands_49["49+"])
    found = recovered(exact(asks), lambda f: "minutes in {2881 to 2940}" in f.what)
    assert [f.low for f in found] == [between]

    assert_nothing_recovered(release_all(api, asks))


@pytest.mark.parametrize(
    ("dimension", "year", "sensitive_piece"),
    [("child", "2021", "age in {0 to 17}"), ("disability", "2019", "disability in {yes}")],
)
def test_sensitive_threshold_by_filter(api, dimension, year, sensitive_piece):
    """T is 10 for a table broken down by child or disability; `where child=yes` (or
    disability) must use it too."""
    period = {"from": f"{year}-01-01", "to": f"{year}-12-31"}
    asks = [
        (CUSTODY, {**period, "by": [dimension]}),
        (CUSTODY, {**period, "where": {dimension: ["yes"]}}),
    ]
    people = true_count(CUSTODY, asks[1][1])
    assert threshold() <= people < sensitive_threshold()
    found = recovered(exact(asks[1:]), lambda f: sensitive_piece in f.what)
    assert found and all(f.threshold == sensitive_threshold() for f in found)

    assert_nothing_recovered(release_all(api, asks))


RESPONSE_QUESTIONS = [
    ["station", "duration"],
    ["station"],
    ["duration"],
]
YEAR_2020 = {"from": "2020-01-01", "to": "2020-12-31"}


def _issue(
    case_questions: Sequence[dict[str, Any]], title: str = "Custody by station and time held"
) -> list[dict[str, Any]]:
    """Issue one response with these figures questions; the figures it gave (frozen, as the
    letter and its disclosure-log copy print them), or none when the response could not be
    issued as it stands."""
    from answerable.casework.answering import AnsweringError
    from answerable.casework.issue import IssueError, issue_response

    case = make_case(date(2026, 7, 1), title=title)
    for number, ask in enumerate(case_questions, start=1):
        RequestQuestion.objects.create(
            request=case,
            number=number,
            text=f"Question {number}",
            answer_kind="figures",
            ask=ask,
        )
    approve(case)
    try:
        issue_response(case, notice="full", issued_on=date(2026, 7, 20))
    except (AnsweringError, IssueError) as error:
        assert any(word in str(error).lower() for word in REFUSAL_WORDS), str(error)
        return []
    assert Publication.objects.filter(reference=case.reference).exists()
    return [
        question.result
        for question in case.questions.order_by("number")
        if question.result is not None
    ]


def test_tables_of_one_response(register):
    """Station x duration, station and duration issued in one response: each protected on
    its own, together they give away cells the two-way table withholds."""
    asks = [(CUSTODY, {**YEAR_2020, "by": by}) for by in RESPONSE_QUESTIONS]
    band = true_count(CUSTODY, {**YEAR_2020, "where": {"duration": ["24-48"]}})
    cells = [
        true_count(CUSTODY, {**YEAR_2020, "where": {"duration": ["24-48"], "station": [station]}})
        for station in PUBLIC_STATIONS
    ]
    # The one-way table shows the band (at least T), made of cells each below T.
    assert band >= threshold() and all(n < threshold() for n in cells) and sum(cells) == band
    assert len([n for n in cells if n]) == 2 and 2 * (threshold() - 1) >= band

    case_questions = [{"question": q, **params} for q, params in asks]
    documents = _issue(case_questions)
    assert_nothing_recovered(documents)


def test_averages(api):
    """The average time to disclose over nine records and over eight gives the ninth's."""
    asks = [
        ("disclosures", {"from": "2023-03-01", "to": "2023-03-09"}),
        ("disclosures", {"from": "2023-03-01", "to": "2023-03-08"}),
    ]
    nine, eight = exact(asks)
    assert nine["time_to_disclose"]["based_on"] == len(TIMED_HOURS)
    assert eight["time_to_disclose"]["based_on"] == len(TIMED_HOURS) - 1
    found = recovered(exact(asks), lambda f: f.kind == "average")
    assert found and all(f.low <= TIMED_HOURS[-1] <= f.high for f in found)

    assert_nothing_recovered(release_all(api, asks))


def test_staff_exploration_is_checked_against_the_api_releases(api):
    """`answerable ask` is not recorded, but must not undo what the API released: the
    complement of Ayr, asked by staff after the API gave the table by station."""
    by_station = (CUSTODY, {**YEAR_2023, "by": ["station"]})
    ayr = true_count(CUSTODY, {**YEAR_2023, "where": {"station": ["Ayr"]}})
    assert 1 <= ayr < threshold()
    documents = release_all(api, [by_station])
    assert documents, "the API should release the table by station"
    complement = ask_command(
        CUSTODY,
        "--from",
        YEAR_2023["from"],
        "--to",
        YEAR_2023["to"],
        "--where",
        "station=" + ",".join(OTHER_STATIONS),
    )
    assert_nothing_recovered(documents + ([complement] if complement else []))


def test_a_threshold_below_the_policy_is_refused_or_raised(register):
    """A case question's `threshold` and `ask --threshold` may raise the threshold, never
    lower it below the policy's."""
    ayr = true_count(CUSTODY, {**YEAR_2023, "where": {"station": ["Ayr"]}})
    assert 2 <= ayr < threshold()  # a threshold of 2 would show it
    lowered = {"question": CUSTODY, **YEAR_2023, "by": ["station"], "threshold": 2}
    case = make_case(date(2026, 7, 1))
    question = RequestQuestion.objects.create(
        request=case, number=1, text="By station", answer_kind="figures", ask=lowered
    )
    outcome = answering.refresh(question)
    question.refresh_from_db()
    if outcome.ok:
        assert question.result["suppression"]["threshold"] >= threshold()
        assert_nothing_recovered([question.result])
    else:
        assert "threshold" in outcome.message

    document = ask_command(
        CUSTODY, "--from", YEAR_2023["from"], "--to", YEAR_2023["to"], "--by", "station",
        "--threshold", "2",
    )  # fmt: skip
    if document is not None:
        assert document["suppression"]["threshold"] >= threshold()
        assert_nothing_recovered([document])


def test_a_higher_threshold_is_applied(register):
    """Raising the threshold stays possible: 7 withholds the 6 at Dundee."""
    raised = {"question": CUSTODY, **YEAR_2023, "by": ["station"], "threshold": 7}
    case = make_case(date(2026, 7, 1))
    question = RequestQuestion.objects.create(
        request=case, number=1, text="By station", answer_kind="figures", ask=raised
    )
    assert answering.refresh(question).ok
    question.refresh_from_db()
    cells = {cell["station"]: cell for cell in question.result["cells"]}
    assert question.result["suppression"]["threshold"] == 7
    assert cells["Dundee"]["count"] is None and cells["Dundee"]["display"] == "[c]"


def test_an_issued_response_is_checked_against_the_api_releases(api):
    """The complement attack across surfaces: the API gave the table by station, then a
    response (and its disclosure-log copy) gives every other station."""
    asks = [
        (CUSTODY, {**YEAR_2023, "by": ["station"]}),
        (CUSTODY, {**YEAR_2023, "where": {"station": OTHER_STATIONS}}),
    ]
    ayr = true_count(CUSTODY, {**YEAR_2023, "where": {"station": ["Ayr"]}})
    assert [f.low for f in recovered(exact(asks), lambda f: f.kind == "difference")] == [ayr]
    documents = release_all(api, asks[:1])
    assert documents, "the API should release the table by station"
    question, params = asks[1]
    documents += _issue([{"question": question, **params}], title="Every other station")
    assert_nothing_recovered(documents)


def test_two_responses_in_the_disclosure_log(register):
    """Two band schemes, each in a response of its own (both in the disclosure log)."""
    year = {"from": "2022-01-01", "to": "2022-12-31", "by": ["duration"]}
    asks = [(CUSTODY, {**year, "bands": [24, 48]}), (CUSTODY, {**year, "bands": [24, 49]})]
    found = recovered(exact(asks), lambda f: "minutes in {2881 to 2940}" in f.what)
    assert [f.low for f in found] == [1]
    documents = []
    for n, (question, params) in enumerate(asks, start=1):
        documents += _issue([{"question": question, **params}], title=f"Time held, scheme {n}")
    assert_nothing_recovered(documents)


@pytest.mark.parametrize(
    ("question", "params"),
    [
        (CUSTODY, {**YEAR_2023, "by": ["station"]}),
        (CUSTODY, {**YEAR_2023, "by": ["division"]}),
        (CUSTODY, {**YEAR_2020, "by": ["station", "duration"]}),
        (CUSTODY, {"from": "2022-01-01", "to": "2022-12-31", "by": ["duration"]}),
        (CUSTODY, {"from": "2021-01-01", "to": "2021-12-31", "by": ["child"]}),
        ("disclosures", {"from": "2023-03-01", "to": "2023-03-09", "by": ["role"]}),
    ],
)
def test_one_table_on_its_own_gives_the_attacker_nothing(api, question, params):
    """The attacker is no stricter than the rule: a single table, protected on its own, is
    safe today, and the attacker must say so (else the family tests prove nothing)."""
    document = released(api, question, params)
    assert document is not None
    assert_nothing_recovered([document])
