"""Coarser groupings (`--group`): offered when a breakdown is mostly withheld, answered if
chosen, and audited by the release ledger like any other table."""

from datetime import date, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command

from answerable.answers.answer import answer
from answerable.answers.coarser import offers
from answerable.answers.engine import Ask, AskError, count
from answerable.answers.ledger.release import explore, release
from answerable.answers.models import ReleaseKind
from answerable.core.uk_time import UK
from answerable.register.choices import DetentionBasis
from answerable.register.models import CustodyEpisode, Person

FY = {"first_day": date(2023, 4, 1), "last_day": date(2024, 3, 31)}
MALE_OR_OTHER = {"sex": {"male or other": ["male", "other"]}}


def _held(police_scotland, stations, sexes: dict[str, int], person=None) -> None:
    number = CustodyEpisode.objects.count()
    for sex, how_many in sexes.items():
        for _ in range(how_many):
            number += 1
            arrived = datetime(2023, 6, 1, 9, tzinfo=UK) + timedelta(days=number % 90)
            CustodyEpisode.objects.create(
                force=police_scotland,
                custody_ref=f"NCS-G-{number:05}",
                division=stations["Govan"].division,
                station=stations["Govan"],
                arrived_at=arrived,
                released_at=arrived + timedelta(hours=6),
                detention_basis=DetentionBasis.IMMIGRATION_POWERS,
                sex=sex,
                age=30,
                person=person,
            )


@pytest.mark.django_db
def test_a_group_merges_values_into_one_row(police_scotland, stations) -> None:
    _held(police_scotland, stations, {"female": 17, "male": 40, "other": 1})
    table = count(Ask("custody-count", by=("sex",), groups=MALE_OR_OTHER, **FY)).table
    assert table.values == (("female", "male or other", "not_recorded"),)
    assert table.count(("male or other",)) == 41 and table.count(("female",)) == 17
    grouped = Ask("custody-count", by=("sex",), groups=MALE_OR_OTHER, **FY)
    published = {c.labels[0]: c.display for c in answer(grouped).published.cells}
    assert published == {"female": "17", "male or other": "41", "not_recorded": "0"}


@pytest.mark.django_db
def test_a_person_in_two_merged_values_counts_once(police_scotland, stations) -> None:
    person = Person.objects.create(pseudonym="ef56" + "0" * 28)
    _held(police_scotland, stations, {"male": 1, "other": 1}, person=person)
    _held(police_scotland, stations, {"female": 6})
    people = count(Ask("custody-count", by=("sex",), count="people", groups=MALE_OR_OTHER, **FY))
    assert people.table.count(("male or other",)) == 1
    assert people.figure({}) == 7


@pytest.mark.django_db
def test_a_mostly_withheld_breakdown_is_offered_a_grouping_and_the_command_answers_it(
    police_scotland, stations, capsys
) -> None:
    _held(police_scotland, stations, {"female": 3, "male": 40, "other": 1})
    plain = answer(Ask("custody-count", by=("sex",), **FY))
    assert [c.display for c in plain.published.cells].count("[c]") >= 3
    offered = offers(plain)
    assert offered and offered[0].dimension == "sex"
    call_command(
        "ask", "custody-count", "--from", "2023-04-01", "--to", "2024-03-31", "--by", "sex"
    )
    out = capsys.readouterr().out
    assert "a coarser grouping could be published: --group 'sex=" in out
    option = offered[0].option()[0]
    call_command(
        "ask",
        "custody-count",
        "--from",
        "2023-04-01",
        "--to",
        "2024-03-31",
        "--by",
        "sex",
        "--group",
        option,
        "--format",
        "json",
    )
    grouped = capsys.readouterr().out
    assert '"groups"' in grouped and grouped.count('"[c]"') < 3


@pytest.mark.django_db
def test_bad_groups_say_what_is_wrong(police_scotland, stations) -> None:
    _held(police_scotland, stations, {"male": 10})
    with pytest.raises(AskError, match="'alien' is not a value of the breakdown"):
        count(Ask("custody-count", by=("sex",), groups={"sex": {"x": ["alien"]}}, **FY))
    with pytest.raises(AskError, match="group only a dimension the table is broken down by"):
        count(Ask("custody-count", by=("station",), groups=MALE_OR_OTHER, **FY))
    with pytest.raises(CommandError, match="DIM=LABEL:VALUE,VALUE"):
        call_command("ask", "custody-count", "--by", "sex", "--group", "sex=male")


@pytest.mark.django_db
def test_the_ledger_reads_a_grouped_release(police_scotland, stations) -> None:
    _held(police_scotland, stations, {"female": 20, "male": 40, "other": 2})
    grouped = Ask("custody-count", by=("sex",), groups=MALE_OR_OTHER, **FY)
    release([grouped], kind=ReleaseKind.API, reference="t", released_by="t")
    # "male or other" (42) was released: "male" (40) shown now would give "other" (2).
    plain = explore(Ask("custody-count", by=("sex",), **FY))
    cells = {c.labels[0]: c.display for c in plain.published.cells}
    assert cells["other"] == "[c]" and cells["male"] == "[c]"


@pytest.mark.django_db
def test_the_answers_page_offers_a_grouping_and_answers_it(police_scotland, stations) -> None:
    from casework_helpers import officer
    from django.test import Client
    from django.urls import reverse

    from answerable.roles.assign import assign_role
    from answerable.roles.roles import Role

    _held(police_scotland, stations, {"female": 3, "male": 40, "other": 1})
    user = officer("grouping-foi")
    assign_role(user, Role.FOI_OFFICER)
    client = Client()
    client.force_login(user)
    query = {"question": "custody-count", "from": "2023-04-01", "to": "2024-03-31", "by": "sex"}
    page = client.get(reverse("answers:index"), query)
    offers = page.context["offers"]
    assert offers and "Most of these figures are withheld" in page.content.decode()
    words, url = offers[0]
    assert " or " in words
    grouped = client.get(url)
    assert grouped.status_code == 200
    labels = [figure.labels[0] for figure in grouped.context["answer"].published.cells]
    assert any(" or " in label for label in labels)
    bad = client.get(reverse("answers:index"), {**query, "group": "sex=nothing"})
    assert bad.status_code == 400 and "DIM=LABEL:VALUE,VALUE" in bad.content.decode()
