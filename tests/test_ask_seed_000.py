"""Seed 000 (FOI 23-1751) answered in its own words, from a small register whose true
answers are known.

"Reported or referred" counts referrals and the NCCU contacts made when a foreign national
is "arrested, charged or reported", and no other NCCU contact. "Detained after" reads every
Home Office outcome report (not only the latest), what the officer did on the NCCU's advice
and the same person's later immigration custody; "removed after" is a separate answer. Each
answer says what it counted.
"""

from dataclasses import dataclass
from datetime import date, datetime

import pytest

from answerable.answers.answer import answer
from answerable.answers.catalogue import CATALOGUE
from answerable.answers.counting import counted_line, one_of, period_in_words
from answerable.answers.engine import Ask, count
from answerable.answers.output.document import as_document
from answerable.answers.output.grid import notes
from answerable.casework.letters.figures import figure_table
from answerable.core.uk_time import UK
from answerable.register.choices import (
    Channel,
    DetentionBasis,
    NccuChannel,
    NccuTrigger,
    OfficerAction,
    Purpose,
    Recipient,
    Role,
    YesNo,
)
from answerable.register.models import (
    CustodyEpisode,
    Disclosure,
    Force,
    IcceRequest,
    NccuContact,
    OutcomeReport,
    Person,
    Station,
)
from answerable.register.sharing import record_icce_referral_disclosure, record_nccu_disclosure

pytestmark = pytest.mark.django_db

PERIOD = {"first_day": date(2022, 5, 1), "last_day": date(2023, 5, 31)}
VICTIMS_OF = {
    "role": ["victim"],
    "crime_type": ["domestic_abuse", "human_trafficking", "exploitation"],
}


def at(year: int, month: int, day: int, hour: int = 12) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UK)


@dataclass
class Register:
    force: Force
    govan: Station
    people: dict[str, Person]
    refs: dict[str, str]  # each record's name here -> its disclosure reference

    def person(self, name: str) -> Person:
        if name not in self.people:
            self.people[name] = Person.objects.create(pseudonym=name.rjust(64, "0"))
        return self.people[name]

    def disclosure(self, ref: str, when: datetime, person: str, **values) -> Disclosure:
        defaults = {
            "role": Role.VICTIM,
            "recipient": Recipient.HOIE_NCCU,
            "channel": Channel.PHONE,
            "purpose": Purpose.REFERRAL,
        }
        self.refs[ref] = ref
        return Disclosure.objects.create(
            force=self.force,
            disclosure_ref=ref,
            disclosed_at=when,
            person=self.person(person),
            **{**defaults, **values},
        )

    def custody(self, ref: str, when: datetime, person: str, basis: str) -> CustodyEpisode:
        return CustodyEpisode.objects.create(
            force=self.force,
            custody_ref=ref,
            station=self.govan,
            division=self.govan.division,
            arrived_at=when,
            detention_basis=basis,
            person=self.person(person),
        )

    def nccu(
        self, name: str, when: datetime, person: str, trigger: str, role: str, **values
    ) -> Disclosure:
        contact = NccuContact.objects.create(
            contacted_at=when,
            channel=NccuChannel.PHONE,
            person=self.person(person),
            role=role,
            trigger=trigger,
            **values,
        )
        disclosure = record_nccu_disclosure(contact)
        assert disclosure is not None
        self.refs[name] = disclosure.disclosure_ref
        return disclosure


def report(disclosure: Disclosure, outcome: str, on: date) -> None:
    """A Home Office outcome report; the later one becomes the disclosure's outcome."""
    OutcomeReport.objects.create(
        disclosure=disclosure,
        outcome=outcome,
        outcome_on=on,
        reported_by="test",
        became_latest=True,
    )
    disclosure.home_office_outcome, disclosure.outcome_on = outcome, on
    disclosure.save()


@pytest.fixture
def register(police_scotland, stations) -> Register:
    r = Register(police_scotland, stations["Govan"], {}, {})
    imm, other = DetentionBasis.IMMIGRATION_POWERS, DetentionBasis.OTHER

    # D1: a victim of domestic abuse the Home Office reported detained, then (the latest
    # report, all the disclosure itself shows) something else.
    d1 = r.disclosure("D1", at(2022, 6, 1), "P1", crime_type="domestic_abuse", sex="female")
    report(d1, "detained_immigration_powers", date(2022, 7, 1))
    report(d1, "other", date(2022, 9, 1))
    # D2: nothing reported back, but the same person was later held under immigration powers.
    r.disclosure("D2", at(2022, 7, 1), "P2", crime_type="human_trafficking", age=16)
    r.custody("C2", at(2022, 10, 1), "P2", imm)
    # D3: immigration custody only before the disclosure, and an unrelated custody after it.
    r.custody("C3a", at(2022, 5, 2), "P3", imm)
    r.disclosure("D3", at(2022, 8, 1), "P3", crime_type="exploitation", disability=YesNo.YES)
    r.custody("C3b", at(2022, 11, 1), "P3", other)
    # D4: nothing reported, no later custody of this person (P5's below is not P4's).
    r.disclosure("D4", at(2022, 9, 1), "P4", crime_type="domestic_abuse")
    # D5: an NCCU contact after an arrest (a status check, but a report in the seed's words);
    # reported detained, then removed; and later in immigration custody.
    d5 = r.nccu("D5", at(2022, 10, 1), "P5", NccuTrigger.ARRESTED, Role.SUSPECT)
    report(d5, "detained_immigration_powers", date(2022, 10, 2))
    report(d5, "removed", date(2022, 12, 1))
    r.custody("C5", at(2022, 10, 3), "P5", DetentionBasis.IMMIGRATION_OFFENCE)
    # D6: a contact after a charge; the officer arrested for immigration purposes on advice.
    d6 = r.nccu(
        "D6",
        at(2022, 11, 1),
        "P6",
        NccuTrigger.CHARGED,
        Role.ACCUSED,
        action_taken=OfficerAction.ARRESTED_IMMIGRATION_PURPOSES,
    )
    # D7: a contact for any other reason is not a report.
    d7 = r.nccu("D7", at(2022, 12, 1), "P7", NccuTrigger.OTHER, Role.SUSPECT)
    # D8: a victim's contact is a referral (register/sharing.py).
    d8 = r.nccu(
        "D8",
        at(2023, 1, 5),
        "P8",
        NccuTrigger.VICTIM_OR_WITNESS,
        Role.VICTIM,
        crime_type="domestic_abuse",
    )
    # D9: an answer to a Home Office request is neither.
    r.disclosure("D9", at(2023, 2, 1), "P9", role=Role.OFFENDER, purpose="home_office_request")
    # D10: an ICCE high-harm referral that ended in deportation.
    icce = IcceRequest.objects.create(
        reference="ICCE-1",
        division=r.govan.division,
        person=r.person("P10"),
        sent_on=date(2023, 1, 1),
        referred_to_hoie=YesNo.YES,
        referred_on=date(2023, 3, 1),
        referral_outcome="deported",
        referral_outcome_on=date(2023, 4, 1),
    )
    d10 = record_icce_referral_disclosure(icce)
    # D11: a witness referred; the Home Office took no action (held, with no report kept).
    r.disclosure("D11", at(2023, 4, 1), "P11", role=Role.WITNESS, home_office_outcome="no_action")
    # Outside the period.
    r.disclosure("D12", at(2021, 4, 1), "P12", crime_type="domestic_abuse")

    assert d7.purpose == Purpose.STATUS_CHECK and d8.purpose == Purpose.REFERRAL
    assert d10 is not None and d10.purpose == Purpose.ICCE_HIGH_HARM
    r.refs["D10"] = d10.disclosure_ref
    assert (d5.purpose, d6.purpose) == (Purpose.STATUS_CHECK, Purpose.STATUS_CHECK)
    return r


def named(register: Register, question: str, **where: list[str]) -> set[str]:
    """The records (by their names here) a question counts in the period, filtered as
    `--where` filters them."""
    records = CATALOGUE[question].queryset().filter(disclosed_on__range=tuple(PERIOD.values()))
    for name, values in where.items():
        records = records.filter(CATALOGUE[question].dimensions[name].where(values, None))
    names = {ref: name for name, ref in register.refs.items()}
    return {names[ref] for ref in records.values_list("disclosure_ref", flat=True)}


def by(question: str, dimension: str, **ask) -> dict[str, int]:
    table = count(Ask(question, by=(dimension,), **PERIOD, **ask)).table
    return {labels[0]: n for labels, n in table.counts.items() if n}


def test_reported_or_referred_is_referrals_and_nccu_reports_on_arrest_charge_or_report(register):
    assert named(register, "reported-or-referred") == {
        "D1", "D2", "D3", "D4", "D5", "D6", "D8", "D10", "D11"
    }  # fmt: skip
    assert count(Ask("reported-or-referred", **PERIOD)).table.total == 9
    assert count(Ask("referrals", **PERIOD)).table.total == 7  # unchanged: no NCCU reports
    assert count(Ask("reported-or-referred", count="people", **PERIOD)).table.total == 9


def test_each_kind_of_report_or_referral_is_shown(register):
    assert by("disclosures", "report_or_referral") == {
        "referral": 6,  # D1-D4, D11 and the victim's NCCU contact D8
        "icce_high_harm": 1,
        "nccu_report": 2,  # after an arrest (D5) and a charge (D6)
        "other": 2,  # the other contact (D7) and the answer to a request (D9)
    }
    assert by("reported-or-referred", "report_or_referral") == {
        "referral": 6,
        "icce_high_harm": 1,
        "nccu_report": 2,
    }
    table = count(Ask("reported-or-referred", by=("report_or_referral",), **PERIOD)).table
    assert table.values == (("referral", "icce_high_harm", "nccu_report", "other"),)
    assert table.count(("other",)) == 0  # a true zero, listed


def test_detained_after_reads_every_report_the_officer_and_later_custody(register):
    assert by("reported-or-referred", "detained_after") == {
        "yes": 4,  # D1 (an earlier report), D2 (later custody), D5, D6 (officer's arrest)
        "no": 2,  # D10 (the ICCE referral's outcome), D11 (no action)
        "not_known": 3,  # D3 (custody only before, or not immigration), D4, D8
    }
    # The latest outcome alone would miss D1, which now shows "other".
    assert Disclosure.objects.get(disclosure_ref="D1").home_office_outcome == "other"
    assert named(register, "reported-or-referred", detained_after=["yes"]) == {
        "D1", "D2", "D5", "D6"
    }  # fmt: skip
    assert named(register, "reported-or-referred", detained_after=["no"]) == {"D10", "D11"}
    assert named(register, "reported-or-referred", detained_after=["not_known"]) == {
        "D3", "D4", "D8"
    }  # fmt: skip
    assert named(register, "reported-or-referred", detained_after=["yes", "no"]) == {
        "D1", "D2", "D5", "D6", "D10", "D11"
    }  # fmt: skip


def test_removed_after_is_a_separate_answer(register):
    assert by("reported-or-referred", "removed_after") == {
        "yes": 2,  # D5 (reported removed), D10 (deported on the ICCE referral)
        "no": 2,  # D1 (detained, then other), D11 (no action)
        "not_known": 5,  # D2, D3, D4, D6, D8: nothing reported back
    }
    both = count(Ask("reported-or-referred", by=("detained_after", "removed_after"), **PERIOD))
    assert both.table.count(("yes", "yes")) == 1  # D5: detained, then removed
    assert both.table.count(("no", "yes")) == 1  # D10: deported, no detention known


def test_the_seeds_victims_and_of_these(register):
    victims = {"where": VICTIMS_OF}
    assert by("reported-or-referred", "crime_type", **victims) == {
        "domestic_abuse": 3,  # D1, D4, D8
        "human_trafficking": 1,
        "exploitation": 1,
    }
    assert by("reported-or-referred", "sex", **victims) == {"female": 1, "not_recorded": 4}
    assert by("reported-or-referred", "child", **victims) == {"yes": 1, "not_recorded": 4}
    assert by("reported-or-referred", "disability", **victims) == {"yes": 1, "not_recorded": 4}
    assert by("reported-or-referred", "detained_after", **victims) == {"yes": 2, "not_known": 3}
    assert by("reported-or-referred", "removed_after", **victims) == {"no": 1, "not_known": 4}
    filtered = count(
        Ask(
            "reported-or-referred",
            where={**VICTIMS_OF, "detained_after": ["yes"]},
            count="people",
            **PERIOD,
        )
    )
    assert filtered.table.total == 2


def test_the_answer_says_what_it_counted(register):
    ask = Ask("reported-or-referred", where=VICTIMS_OF, by=("detained_after",), **PERIOD)
    published = answer(ask)
    line = as_document(published)["counted"]
    assert line.startswith(
        "Counted: reports and referrals of a person to the Home Office, that is referrals "
        "(including ICCE high-harm referrals) and contacts with the Home Office's National "
        "Command and Control Unit (NCCU) after the person was arrested, charged or reported"
    )
    assert (
        "dated 1 May 2022 to 31 May 2023, where the role in the police matter is victim and "
        "the crime type is domestic abuse, human trafficking or exploitation." in line
    )
    assert "not known when nothing was reported back" in line  # the breakdown's meaning
    assert ("Counted", line.removeprefix("Counted: ")) in notes(published)
    document = as_document(published)
    table = figure_table(document)
    assert table.notes[0] == line  # a letter prints it first among the table's notes
    assert not any(note.startswith("Counted only where") for note in table.notes)
    # A document frozen before answers said what they counted keeps its older notes.
    frozen = figure_table({key: value for key, value in document.items() if key != "counted"})
    assert line not in frozen.notes
    assert "where role is victim" in frozen.caption.lower()


def test_counted_line_words():
    question = CATALOGUE["referrals"]
    people = counted_line(question, Ask("referrals", count="people", first_day=date(2023, 1, 1)))
    assert people == (
        "Counted: people, each counted once however many times they appear, among referrals "
        "of a person to the Home Office (disclosures made as a referral or as an ICCE "
        "high-harm referral), dated from 1 January 2023."
    )
    child = counted_line(question, Ask("referrals", where={"child": ["yes", "not_recorded"]}))
    assert child.endswith("of any date, where “Child (under 18)” is yes or not recorded.")
    custody = counted_line(
        CATALOGUE["custody-count"], Ask("custody-count", where={"station": ["Govan", "Cathcart"]})
    )
    assert "where the custody centre is Govan or Cathcart." in custody
    assert "Detained under" not in custody  # no meaning for a breakdown not used
    assert period_in_words(None, date(2023, 5, 31)) == "dated up to 31 May 2023"
    assert one_of(["a"]) == "a" and one_of(["a_b", "c"]) == "a b or c"


def test_a_dimension_of_conditions_refuses_a_label_twice():
    from django.db.models import Q

    from answerable.answers.dimensions import conditions

    with pytest.raises(ValueError, match="detained_after: a label is listed twice"):
        conditions("detained_after", "Detained", [("yes", Q()), ("no", Q())], "yes")
