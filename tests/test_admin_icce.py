"""Entering an ICCE request: the rules of the high-harm referral, and its disclosure."""

from datetime import date, datetime

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from answerable.core.uk_time import UK
from answerable.register.choices import DocumentKind, DocumentStatus, Purpose, Recipient
from answerable.register.models import (
    Disclosure,
    Division,
    Document,
    DocumentVersion,
    Force,
    IcceRequest,
    Person,
)
from answerable.register.pseudonym import pseudonymise

ADD = reverse("admin:register_iccerequest_add")


def criteria(kind: str = DocumentKind.HIGH_HARM_CRITERIA) -> DocumentVersion:
    document = Document.objects.create(reference=f"DOC-{kind}", title=kind, kind=kind)
    return DocumentVersion.objects.create(
        document=document, version="1", status=DocumentStatus.FINAL, dated=date(2022, 1, 1)
    )


@pytest.fixture
def glasgow(police_scotland: Force) -> Division:
    return police_scotland.divisions.get(code="G")


def icce_form(division: Division, **values: str) -> dict[str, str]:
    return {
        "reference": "ICCE-23-0001",
        "division": str(division.pk),
        "sent_on": "2023-05-03",
        "returned_on": "",
        "result": "awaiting",
        "person_ref": "",
        "person": "",
        "custody_episode": "",
        "high_harm": "",
        "high_harm_basis": "",
        "criteria": "",
        "referred_to_hoie": "",
        "referred_on": "",
        "referral_consideration": "",
        "referral_disclosure": "",
        "referral_outcome": "",
        "referral_outcome_on": "",
        "notes": "",
        **values,
    }


def errors_of(client: Client, form: dict[str, str]) -> dict[str, list[str]]:
    response = client.post(ADD, form)
    assert response.status_code == 200, "the form was accepted"
    return response.context["adminform"].form.errors


@pytest.mark.django_db
def test_returned_before_sent_is_refused(admin_client: Client, glasgow: Division) -> None:
    errors = errors_of(admin_client, icce_form(glasgow, returned_on="2023-05-01"))
    assert "before the request went" in errors["returned_on"][0]


@pytest.mark.django_db
def test_referral_only_when_high_harm(admin_client: Client, glasgow: Division) -> None:
    form = icce_form(
        glasgow,
        high_harm="no",
        criteria=str(criteria().pk),
        referred_to_hoie="yes",
        referred_on="2023-06-01",
    )
    errors = errors_of(admin_client, form)
    assert "meets the high-harm criteria" in errors["referred_to_hoie"][0]


@pytest.mark.django_db
def test_assessment_needs_the_criteria_version(admin_client: Client, glasgow: Division) -> None:
    errors = errors_of(admin_client, icce_form(glasgow, high_harm="yes"))
    assert "no national criteria" in errors["criteria"][0]


@pytest.mark.django_db
def test_criteria_must_be_high_harm_criteria(admin_client: Client, glasgow: Division) -> None:
    policy = criteria(DocumentKind.POLICY)
    errors = errors_of(admin_client, icce_form(glasgow, high_harm="no", criteria=str(policy.pk)))
    assert "criteria" in errors


@pytest.mark.django_db
def test_referral_outcome_only_when_referred(admin_client: Client, glasgow: Division) -> None:
    form = icce_form(
        glasgow, high_harm="yes", criteria=str(criteria().pk), referral_outcome="deported"
    )
    errors = errors_of(admin_client, form)
    assert "Only a case referred" in errors["referral_outcome"][0]


@pytest.mark.django_db
def test_referral_needs_its_date(admin_client: Client, glasgow: Division) -> None:
    form = icce_form(glasgow, high_harm="yes", criteria=str(criteria().pk), referred_to_hoie="yes")
    assert "date of the referral" in errors_of(admin_client, form)["referred_on"][0]
    assert not IcceRequest.objects.exists()
    assert not Disclosure.objects.exists()


@pytest.mark.django_db
def test_referral_records_its_disclosure(admin_client: Client, glasgow: Division) -> None:
    form = icce_form(
        glasgow,
        person_ref="ACRO-REF-5521",
        result="convictions_returned",
        returned_on="2023-05-20",
        high_harm="yes",
        high_harm_basis="foreign_convictions",
        criteria=str(criteria().pk),
        referred_to_hoie="yes",
        referred_on="2023-06-01",
        referral_consideration="deportation",
        referral_outcome="pending",
    )
    response = admin_client.post(ADD, form)
    assert response.status_code == 302, response.context["adminform"].form.errors

    request = IcceRequest.objects.get()
    person = Person.objects.get()
    assert person.pseudonym == pseudonymise(
        "ACRO-REF-5521", force="Police Scotland", key=settings.PSEUDONYM_KEY
    )
    assert "ACRO-REF-5521" not in repr(list(IcceRequest.objects.values()))
    disclosure = request.referral_disclosure
    assert disclosure.disclosure_ref == f"ICCE-{request.pk}"
    assert disclosure.purpose == Purpose.ICCE_HIGH_HARM
    assert disclosure.recipient == Recipient.HOIE_OTHER
    assert disclosure.person == person
    assert disclosure.division == glasgow
    assert disclosure.disclosed_at == datetime(2023, 6, 1, tzinfo=UK)
    assert disclosure.disclosed_on == date(2023, 6, 1)
    assert disclosure.is_referral


@pytest.mark.django_db
def test_unreferred_request_makes_no_disclosure(admin_client: Client, glasgow: Division) -> None:
    form = icce_form(glasgow, high_harm="no", criteria=str(criteria().pk))
    assert admin_client.post(ADD, form).status_code == 302
    assert IcceRequest.objects.get().referral_disclosure is None
    assert not Disclosure.objects.exists()
