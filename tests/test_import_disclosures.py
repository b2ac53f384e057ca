"""Importing home-office-disclosures-v1: every field, and the links it names."""

from datetime import UTC, date, datetime

import pytest
from interchange_files import CUSTODY_EXAMPLE, write

from answerable.interchange.importer import import_file
from answerable.register.documents import save_and_link
from answerable.register.models import CustodyEpisode, Disclosure, Document

pytestmark = pytest.mark.django_db

ALL_COLUMNS = (
    "disclosure_ref,force,division,disclosed_at,person_ref,role,crime_type,sex,age,disability,"
    "nationality,recipient,channel,purpose,initiated_by,requested_at,consent,legal_basis,"
    "agreement_ref,custody_ref,home_office_outcome,outcome_at,corrected_at,correction_reason"
)
ROW = (
    "HO-2022-0001,Police Scotland,G,2022-06-01T10:30:00,CHS-9,victim,domestic_abuse,female,17,"
    "yes,Nigeria,hoie_nccu,phone,referral,police,2022-05-31T09:00:00,not_sought,"
    '"DPA 2018 s35, Immigration and Asylum Act 1999 s20",ISA-2016-UMB,NCS-2017-000123,'
    "enforcement_papers_served,2022-07-15,2022-08-01T12:00:00,misidentification"
)


def test_every_column_is_stored(tmp_path):
    import_file("disclosures", write(tmp_path, f"{ALL_COLUMNS}\n{ROW}\n"), progress=False)
    d = Disclosure.objects.get()
    assert (d.disclosure_ref, d.force.name, d.division.code) == (
        "HO-2022-0001",
        "Police Scotland",
        "G",
    )
    assert d.disclosed_at == datetime(2022, 6, 1, 9, 30, tzinfo=UTC)
    assert d.disclosed_on == date(2022, 6, 1)
    assert (d.role, d.crime_type, d.sex, d.age, d.disability) == (
        "victim",
        "domestic_abuse",
        "female",
        17,
        "yes",
    )
    assert d.nationality.code == "NG" and d.person is not None
    assert (d.recipient, d.channel, d.purpose, d.initiated_by, d.consent) == (
        "hoie_nccu",
        "phone",
        "referral",
        "police",
        "not_sought",
    )
    assert d.requested_at == datetime(2022, 5, 31, 8, 0, tzinfo=UTC)
    assert d.legal_basis == "DPA 2018 s35, Immigration and Asylum Act 1999 s20"
    assert (d.agreement_ref, d.custody_ref) == ("ISA-2016-UMB", "NCS-2017-000123")
    assert (d.home_office_outcome, d.outcome_on) == ("enforcement_papers_served", date(2022, 7, 15))
    assert d.corrected_at == datetime(2022, 8, 1, 11, 0, tzinfo=UTC)
    assert d.correction_reason == "misidentification"
    assert d.is_referral


def test_links_to_episodes_and_agreements_are_made_whichever_arrives_first(tmp_path):
    import_file("disclosures", write(tmp_path, f"{ALL_COLUMNS}\n{ROW}\n"), progress=False)
    disclosure = Disclosure.objects.get()
    assert disclosure.custody_episode is None and disclosure.agreement is None

    import_file("custody", write(tmp_path, CUSTODY_EXAMPLE, "custody.csv"), progress=False)
    save_and_link(
        Document(
            reference="ISA-2016-UMB", title="Umbrella ISA", kind="information_sharing_agreement"
        )
    )

    disclosure.refresh_from_db()
    assert disclosure.custody_episode == CustodyEpisode.objects.get(custody_ref="NCS-2017-000123")
    assert disclosure.agreement.reference == "ISA-2016-UMB"


def test_the_same_person_in_custody_and_disclosure_files_is_one_person(tmp_path):
    custody = (
        "custody_ref,station,arrived_at,detention_basis,person_ref\n"
        "C-1,Govan,2022-05-30T10:00:00,immigration_powers,CHS-9\n"
    )
    import_file("custody", write(tmp_path, custody, "c.csv"), progress=False)
    import_file("disclosures", write(tmp_path, f"{ALL_COLUMNS}\n{ROW}\n"), progress=False)
    assert Disclosure.objects.get().person == CustodyEpisode.objects.get().person


def test_minimal_row_leaves_everything_else_not_recorded(tmp_path):
    text = (
        "disclosure_ref,disclosed_at,role,recipient,purpose\n"
        "D-1,2023-01-02T03:04:05,witness,ukvi,status_check\n"
    )
    import_file("disclosures", write(tmp_path, text), progress=False)
    d = Disclosure.objects.get()
    assert d.force.name == "Police Scotland"  # the installation's own force by default
    assert d.crime_type is None and d.consent is None and d.home_office_outcome is None
    assert d.person is None and not d.is_referral
