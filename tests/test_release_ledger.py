"""The release ledger: releases recorded, and each new release audited against them."""

from datetime import date, datetime, timedelta

import pytest
from django.core.management import call_command

from answerable.answers.engine import Ask
from answerable.answers.ledger.release import explore, release
from answerable.answers.models import Release, ReleasedTable, ReleaseKind
from answerable.core.uk_time import UK
from answerable.register.choices import DetentionBasis
from answerable.register.models import CustodyEpisode

START = date(2023, 4, 1)


def _episodes(police_scotland, stations, layout: dict[str, int], *, day: date = START) -> None:
    number = 0
    for name, how_many in layout.items():
        station = stations[name]
        for _ in range(how_many):
            number += 1
            arrived = datetime(day.year, day.month, day.day, 10, tzinfo=UK) + timedelta(
                days=number % 20
            )
            CustodyEpisode.objects.create(
                force=police_scotland,
                custody_ref=f"NCS-L-{name[:3]}-{number:05}",
                division=station.division,
                station=station,
                arrived_at=arrived,
                released_at=arrived + timedelta(hours=5 + number % 40),
                detention_basis=DetentionBasis.IMMIGRATION_POWERS,
                sex="male" if number % 3 else "female",
                age=30,
            )


def _ask(**options) -> Ask:
    return Ask("custody-count", first_day=START, last_day=date(2024, 3, 31), **options)


def _display(answer, station: str | None = None) -> str:
    if station is None:
        return answer.published.total.display
    (cell,) = [c for c in answer.published.cells if c.labels == (station,)]
    return cell.display


@pytest.mark.django_db
def test_complement_filter_total_is_withheld_after_a_station_table(
    police_scotland, stations
) -> None:
    _episodes(police_scotland, stations, {"Govan": 30, "Cathcart": 20, "Ayr": 2, "Perth": 12})
    first = release([_ask(by=("station",))], kind=ReleaseKind.API, reference="t", released_by="t")
    assert _display(first.answers[0], "Ayr") == "[c]"
    others = [name for name in ("Govan", "Cathcart", "Perth")]
    second = explore(_ask(where={"station": others}))
    # 64 in all, 62 elsewhere: showing 62 would give Ayr's 2.
    assert second.published.total.display == "[c]"
    assert Release.objects.count() == 1
    assert ReleasedTable.objects.get().figures


def _api(asks: list[Ask]):
    return release(asks, kind=ReleaseKind.API, reference="test-client", released_by="api:test")


@pytest.mark.django_db
def test_a_first_release_is_what_the_table_alone_would_show(police_scotland, stations) -> None:
    from answerable.answers.answer import answer

    _episodes(police_scotland, stations, {"Govan": 30, "Cathcart": 20, "Ayr": 2, "Perth": 12})
    alone = answer(_ask(by=("station",)))
    released = _api([_ask(by=("station",))]).answers[0]
    assert [c.display for c in released.published.cells] == [
        c.display for c in alone.published.cells
    ]
    assert ReleasedTable.objects.get().definition["by"] == ["station"]


@pytest.mark.django_db
def test_two_partitions_division_minus_its_visible_stations(police_scotland, stations) -> None:
    govan, cathcart = stations["Govan"], stations["Cathcart"]
    same_division = [
        s for s in stations.values() if s.division_id == govan.division_id and s != govan
    ]
    assert cathcart.division_id == govan.division_id or same_division
    small = same_division[0].name
    _episodes(police_scotland, stations, {"Govan": 30, small: 3, "Perth": 12, "Ayr": 9})
    by_station = _api([_ask(by=("station",))]).answers[0]
    assert _display(by_station, small) == "[c]"
    by_division = explore(_ask(by=("division",)))
    division_code = {s.division_id: None for s in [govan]}
    assert division_code
    cells = {c.labels[0]: c for c in by_division.published.cells}
    code = govan.division.code
    # The division's figure is its visible stations plus the withheld one: it must not show.
    assert cells[code].display == "[c]"


@pytest.mark.django_db
def test_shifted_period_does_not_reveal_one_day(police_scotland, stations) -> None:
    _episodes(police_scotland, stations, {"Govan": 40, "Perth": 25})
    CustodyEpisode.objects.create(
        force=police_scotland,
        custody_ref="NCS-L-ONE",
        division=stations["Ayr"].division,
        station=stations["Ayr"],
        arrived_at=datetime(2023, 3, 31, 9, tzinfo=UK),
        released_at=datetime(2023, 3, 31, 19, tzinfo=UK),
        detention_basis=DetentionBasis.IMMIGRATION_POWERS,
        sex="female",
        age=30,
    )
    first = _api([Ask("custody-count", first_day=date(2023, 3, 31), last_day=date(2024, 3, 31))])
    assert first.answers[0].published.total.display == "66"
    second = explore(Ask("custody-count", first_day=START, last_day=date(2024, 3, 31)))
    assert second.published.total.display == "[c]"


@pytest.mark.django_db
def test_two_band_schemes_do_not_isolate_the_hours_between(police_scotland, stations) -> None:
    _episodes(police_scotland, stations, {"Govan": 60})
    arrived = datetime(2023, 6, 1, 9, tzinfo=UK)
    CustodyEpisode.objects.create(
        force=police_scotland,
        custody_ref="NCS-L-BAND",
        division=stations["Govan"].division,
        station=stations["Govan"],
        arrived_at=arrived,
        released_at=arrived + timedelta(hours=48, minutes=30),
        detention_basis=DetentionBasis.IMMIGRATION_POWERS,
        sex="male",
        age=30,
    )
    first = _api([_ask(by=("duration",), duration_bounds=(24, 48))]).answers[0]
    second = explore(_ask(by=("duration",), duration_bounds=(24, 49)))
    shown_first = {c.labels[0]: c.count for c in first.published.cells}
    shown_second = {c.labels[0]: c.count for c in second.published.cells}
    if shown_first.get("48+") is not None and shown_second.get("49+") is not None:
        assert shown_first["48+"] - shown_second["49+"] not in range(1, 5)
    if shown_first.get("24-48") is not None and shown_second.get("24-49") is not None:
        assert shown_second["24-49"] - shown_first["24-48"] not in range(1, 5)


@pytest.mark.django_db
def test_staff_exploration_is_not_recorded(police_scotland, stations) -> None:
    _episodes(police_scotland, stations, {"Govan": 30})
    explore(_ask(by=("station",)))
    call_command("ask", "custody-count", "--by", "station", "--format", "json", stdout=None)
    assert not Release.objects.exists()


@pytest.mark.django_db
def test_people_count_once_in_every_cell_and_once_in_the_total(police_scotland, stations) -> None:
    from answerable.answers.answer import answer
    from answerable.register.models import Person

    _episodes(police_scotland, stations, {"Govan": 12, "Perth": 9})
    person = Person.objects.create(pseudonym="cd34" + "0" * 28)
    for number, name in enumerate(("Govan", "Perth", "Perth")):
        arrived = datetime(2023, 7, 1 + number, 10, tzinfo=UK)
        CustodyEpisode.objects.create(
            force=police_scotland,
            custody_ref=f"NCS-L-P-{number}",
            division=stations[name].division,
            station=stations[name],
            arrived_at=arrived,
            released_at=arrived + timedelta(hours=3),
            detention_basis=DetentionBasis.IMMIGRATION_POWERS,
            person=person,
            sex="female",
            age=30,
        )
    exact = answer(_ask(by=("station",), count="people"), suppress=False)
    cells = {c.labels[0]: c.count for c in exact.published.cells}
    # 12 + 1 people at Govan, 9 + 1 at Perth, but 22 people in all, not 23.
    assert (cells["Govan"], cells["Perth"], exact.published.total.count) == (13, 10, 22)
    assert any("do not add up" in note for note in exact.published.footnotes)
    safe = explore(_ask(by=("station",), count="people"))
    assert safe.published.total.display == "22"
    assert {c.labels[0]: c.display for c in safe.published.cells}["Govan"] == "13"


@pytest.mark.django_db
def test_the_disclosure_manager_and_the_dpo_read_the_ledger(police_scotland, stations) -> None:
    from casework_helpers import officer
    from django.test import Client
    from django.urls import reverse

    from answerable.roles.assign import assign_role
    from answerable.roles.roles import Role

    _episodes(police_scotland, stations, {"Govan": 30, "Cathcart": 20, "Ayr": 2})
    _api([_ask(by=("station",))])
    entry = Release.objects.get()
    for role, allowed in (
        (Role.DISCLOSURE_MANAGER, True),
        (Role.DATA_PROTECTION_OFFICER, True),
        (Role.FOI_OFFICER, False),
    ):
        user = officer(f"ledger-{role}")
        assign_role(user, role)
        client = Client()
        client.force_login(user)
        listing = client.get(reverse("answers:ledger"))
        detail = client.get(reverse("answers:release", kwargs={"pk": entry.pk}))
        assert (listing.status_code, detail.status_code) == ((200, 200) if allowed else (403, 403))
        if allowed:
            page = detail.content.decode()
            assert "Custody centre: Ayr" in page and "[c]" in page and "Govan" in page
            assert "test-client" in listing.content.decode()


@pytest.mark.django_db
def test_a_release_that_cannot_be_checked_in_time_is_refused(
    police_scotland, stations, monkeypatch
) -> None:
    from answerable.answers.answer import ReleaseRefused
    from answerable.answers.ledger import release as release_module

    _episodes(police_scotland, stations, {"Govan": 30, "Cathcart": 20, "Ayr": 2, "Perth": 12})
    _api([_ask(by=("station",))])
    monkeypatch.setattr(release_module, "TIME_BUDGET_SECONDS", 0.0)
    with pytest.raises(ReleaseRefused, match="could not be checked against earlier releases"):
        _api([_ask(by=("duration",))])
    assert Release.objects.count() == 1  # nothing recorded for the refused release


@pytest.mark.django_db
def test_a_solver_that_cannot_tell_is_a_problem_not_a_pass(
    police_scotland, stations, monkeypatch
) -> None:
    from answerable.answers.disclosure_control.system import ReducedSystem, SolverFailure

    _episodes(police_scotland, stations, {"Govan": 30, "Cathcart": 20, "Ayr": 2, "Perth": 12})
    _api([_ask(by=("station",))])
    plain = explore(_ask(by=("sex",)))

    def cannot_tell(*args, **kwargs):
        raise SolverFailure("time limit reached")

    monkeypatch.setattr(ReducedSystem, "reaching", cannot_tell)
    monkeypatch.setattr(ReducedSystem, "lift_towards", lambda *a, **k: None)
    doubtful = explore(_ask(by=("sex",)))
    # Nothing could be shown safe, so nothing is shown: every figure withheld, zeros too.
    figures = [*doubtful.published.cells, doubtful.published.total]
    assert all(figure.display == "[c]" for figure in figures)
    assert plain.published.total.count == 64  # the same question, when it can be checked


@pytest.mark.django_db
def test_the_api_records_each_answer_and_takes_a_long_complement_filter(
    police_scotland, stations
) -> None:
    from api_helpers import calling, system

    _episodes(police_scotland, stations, {"Govan": 30, "Cathcart": 20, "Ayr": 2, "Perth": 12})
    _, token = system("ledger-test", ["answers:read"])
    api = calling(token)
    url = "/api/v1/questions/custody-count/answer/"
    period = {"from": "2023-04-01", "to": "2024-03-31"}
    first = api.get(url, {**period, "by": "station"})
    assert first.status_code == 200
    ayr = next(c for c in first.json()["cells"] if c["station"] == "Ayr")
    assert ayr["display"] == "[c]" and ayr["status"] == "withheld"
    others = ",".join(name for name in stations if name != "Ayr")
    assert len(others) > 200  # every other custody centre: a long filter, still a question
    second = api.get(url, {**period, "where": f"station={others}"})
    assert second.status_code == 200
    assert second.json()["total"]["display"] == "[c]"  # 64 - 62 would give Ayr's 2
    entries = Release.objects.order_by("pk")
    assert [entry.reference for entry in entries] == ["api:ledger-test", "api:ledger-test"]
    assert entries[1].withheld_for_ledger >= 1


@pytest.mark.django_db
def test_a_register_corrected_since_an_earlier_release_is_still_audited(
    police_scotland, stations
) -> None:
    _episodes(police_scotland, stations, {"Govan": 30, "Cathcart": 20, "Ayr": 2, "Perth": 12})
    first = _api([_ask(by=("station",))]).answers[0]
    assert _display(first, "Ayr") == "[c]"
    # Both of Ayr's episodes turn out to be mistakes: the earlier [c] now counts none.
    CustodyEpisode.objects.filter(station=stations["Ayr"]).delete()
    again = _api([_ask(by=("station",), duration_bounds=(24, 72))]).answers[0]
    assert _display(again, "Ayr") == "0" and again.published.total.count == 62
