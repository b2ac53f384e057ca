"""Every register admin page renders, and its search and filters work."""

import pytest
from admin_pages_support import (
    Records,
    records,  # noqa: F401  (fixtures)
    url,
)
from django.db.models import Model
from django.test import Client
from django.urls import reverse

from answerable.register.models import (
    CustodyEpisode,
    Disclosure,
    Division,
    Document,
    DocumentVersion,
    Force,
    IcceRequest,
    ImportBatch,
    NccuContact,
    Person,
    Station,
)

ALL_MODELS = [
    Force,
    Division,
    Station,
    Person,
    CustodyEpisode,
    Disclosure,
    NccuContact,
    IcceRequest,
    Document,
    DocumentVersion,
    ImportBatch,
]
NO_ADD = {Person, ImportBatch}


@pytest.mark.django_db
@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_changelist_and_change_page_render(
    admin_client: Client, records: Records, model: type[Model]
) -> None:
    listing = admin_client.get(url(model, "changelist"))
    assert listing.status_code == 200
    obj = records.of(model)
    assert obj in listing.context["cl"].result_list
    assert admin_client.get(url(model, "change", obj.pk)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_add_page(admin_client: Client, model: type[Model]) -> None:
    expected = 403 if model in NO_ADD else 200
    assert admin_client.get(url(model, "add")).status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_filter_choices_render(admin_client: Client, records: Records, model: type[Model]) -> None:
    """Follows choices of each filter the changelist offers: the first value choice
    and the last ("Not recorded" where the field may be empty). All of them would be dozens
    of custody centres."""
    changelist = url(model, "changelist")
    cl = admin_client.get(changelist).context["cl"]
    links = set()
    for spec in cl.filter_specs:
        choices = [choice["query_string"] for choice in spec.choices(cl)]
        links.update(choices[1:2] + choices[-1:])
    for query in links:
        response = admin_client.get(changelist + query)
        assert response.status_code == 200, query  # an invalid lookup would redirect


FILTERS = [
    (CustodyEpisode, "detention_basis__exact=immigration_powers", "episode", "other_episode"),
    (CustodyEpisode, "outcome__isnull=True", "episode", None),
    (CustodyEpisode, "station__id__exact={station}", "episode", "other_episode"),
    (CustodyEpisode, "arrived_on__year=2023&arrived_on__month=5", "episode", "other_episode"),
    (Disclosure, "purpose__exact=referral", "disclosure", None),
    (Disclosure, "crime_type__exact=domestic_abuse", "disclosure", None),
    (Disclosure, "recipient__exact=hoie_nccu&channel__exact=phone", "disclosure", None),
    (
        Disclosure,
        "consent__exact=not_sought&home_office_outcome__exact=no_action",
        "disclosure",
        None,
    ),
    (NccuContact, "role__exact=suspect&channel__exact=phone", "contact", None),
    (IcceRequest, "high_harm__exact=yes&result__exact=convictions_returned", "icce", None),
    (
        DocumentVersion,
        "status__exact=final&document__kind__exact=high_harm_criteria",
        "version",
        None,
    ),
    (ImportBatch, "synthetic__exact=0", "batch", None),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "query", "shown", "hidden"), FILTERS)
def test_filter_selects_records(
    admin_client: Client,
    records: Records,
    model: type[Model],
    query: str,
    shown: str,
    hidden: str | None,
) -> None:
    query = query.format(station=records.episode.station_id)
    result = list(admin_client.get(f"{url(model, 'changelist')}?{query}").context["cl"].result_list)
    assert getattr(records, shown) in result
    if hidden:
        assert getattr(records, hidden) not in result


@pytest.mark.django_db
def test_filters_that_match_nothing(admin_client: Client, records: Records) -> None:
    for model, query in [
        (CustodyEpisode, "detention_basis__exact=immigration_offence"),
        (Disclosure, "purpose__exact=icce_high_harm"),
        (NccuContact, "channel__exact=email"),
        (IcceRequest, "referred_to_hoie__exact=yes"),
    ]:
        response = admin_client.get(f"{url(model, 'changelist')}?{query}")
        assert list(response.context["cl"].result_list) == [], model


SEARCHES = [
    (CustodyEpisode, "NCS-2023-000001", "episode", "other_episode"),
    (CustodyEpisode, "ncs-2023-000002", "other_episode", "episode"),  # typed in lower case
    (Disclosure, "D-2023-1", "disclosure", None),
    (NccuContact, "NCCU-REF", "contact", None),
    (NccuContact, "PS1234", "contact", None),
    (IcceRequest, "ICCE-2023", "icce", None),
    (Document, "criteria", "document", None),
    (DocumentVersion, "HH-CRIT", "version", None),
    (Person, "AB12", "person", None),  # a pseudonym prefix, any case
]


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "term", "found", "not_found"), SEARCHES)
def test_search(
    admin_client: Client,
    records: Records,
    model: type[Model],
    term: str,
    found: str,
    not_found: str | None,
) -> None:
    response = admin_client.get(url(model, "changelist"), {"q": term})
    result = list(response.context["cl"].result_list)
    assert getattr(records, found) in result
    if not_found:
        assert getattr(records, not_found) not in result


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "term"),
    [
        (CustodyEpisode, "NCS-2023"),  # references match whole, never by substring
        (Person, "ab13"),
        (Person, "SRC-12345"),  # not a pseudonym: a source identifier finds nobody
    ],
)
def test_search_finds_nothing(
    admin_client: Client, records: Records, model: type[Model], term: str
) -> None:
    response = admin_client.get(url(model, "changelist"), {"q": term})
    assert list(response.context["cl"].result_list) == []


@pytest.mark.django_db
def test_not_recorded_is_shown(admin_client: Client, records: Records) -> None:
    page = admin_client.get(url(CustodyEpisode, "changelist")).content.decode()
    assert "Not recorded" in page  # outcome of both, division of one
    assert "In custody" in page  # not released: its own value, not a zero duration
    assert "19h 35m" in page


@pytest.mark.django_db
def test_person_page_links_to_their_records(admin_client: Client, records: Records) -> None:
    page = admin_client.get(url(Person, "change", records.person.pk)).content.decode()
    assert f"?person__id__exact={records.person.pk}" in page
    episodes = admin_client.get(
        url(CustodyEpisode, "changelist"), {"person__id__exact": records.person.pk}
    )
    assert list(episodes.context["cl"].result_list) == [records.episode]


@pytest.mark.django_db
def test_person_pseudonym_cannot_be_changed(admin_client: Client, records: Records) -> None:
    original = records.person.pseudonym
    response = admin_client.post(
        url(Person, "change", records.person.pk), {"pseudonym": "f" * 32, "age": "30"}
    )
    assert response.status_code == 302
    records.person.refresh_from_db()
    assert records.person.pseudonym == original
    assert records.person.age == 30


@pytest.mark.django_db
def test_import_batches_are_read_only(admin_client: Client, records: Records) -> None:
    change = url(ImportBatch, "change", records.batch.pk)
    assert admin_client.post(change, {"file_name": "x.csv"}).status_code == 403
    assert admin_client.get(url(ImportBatch, "delete", records.batch.pk)).status_code == 403
    records.batch.refresh_from_db()
    assert records.batch.file_name == "custody.csv"


@pytest.mark.django_db
def test_autocomplete_of_huge_relations(admin_client: Client, records: Records) -> None:
    """The person and custody episode pickers search by pseudonym prefix and exact ref."""
    autocomplete = reverse("admin:autocomplete")
    base = {"app_label": "register", "model_name": "nccucontact"}
    people = admin_client.get(autocomplete, {**base, "field_name": "person", "term": "ab1"})
    assert [r["id"] for r in people.json()["results"]] == [str(records.person.pk)]
    episodes = admin_client.get(
        autocomplete, {**base, "field_name": "custody_episode", "term": "NCS-2023-000002"}
    )
    assert [r["id"] for r in episodes.json()["results"]] == [str(records.other_episode.pk)]
