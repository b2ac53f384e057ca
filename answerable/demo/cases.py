"""The demonstration's FOI cases: seeds 001 and 000 as Answerable answers them.

`answerable demo` loads these after the synthetic register, so that `make run` shows the
casework from request to disclosure log: each seed's request logged word for word as the
requester wrote it (fixtures/seed_00N_request.txt), split into every one of its questions
without rewording them, each answered as an FOI officer would: figures from the (synthetic)
register, documents from the document register, and what the register cannot give (scans
of the reports behind the figures, all correspondence, the years before the National
Custody System) refused on cost with advice (s12, s15) or stated as not held (s17). Each
is issued on the seed's own date, and so published in the disclosure log. The requester is
a made-up name, as everything in the demonstration is. Idempotent: a case already held is
left as it is.
"""

from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from answerable.casework import signoff
from answerable.casework.issue import issue_response
from answerable.casework.models import (
    InformationRequest,
    RequestQuestion,
    ThirdPartyConsultation,
)
from answerable.casework.services import save_request
from answerable.demo.case_documents import answer_seed_000_documents
from answerable.demo.users import DEMO_USERNAMES
from answerable.roles.assign import assign_role
from answerable.roles.roles import Role

REQUESTER = {
    "requester_name": "Demonstration Requester",
    "requester_email": "demonstration.requester@example.invalid",
}


def request_text(seed: str) -> str:
    """The seed's request as received, word for word (answerable/casework/fixtures)."""
    name = f"seed_{seed}_request.txt"
    return resources.files("answerable.casework").joinpath("fixtures", name).read_text("utf-8")


@dataclass(frozen=True)
class DemoQuestion:
    text: str  # a passage of the request, word for word
    kind: str  # AnswerKind
    ask: dict[str, Any] = field(default_factory=dict)
    answer: str = ""
    document: str = ""  # a register Document reference
    part_kind: str = ""  # how part of the question is answered (cost, not held)
    part: str = ""  # which part, and why


@dataclass(frozen=True)
class DemoCase:
    reference: str
    seed: str
    title: str
    topics: str
    received_on: date
    issued_on: date
    questions: list[DemoQuestion]
    manual_search_minutes: int = 0
    narrowing_advice: str = ""
    consultations: list[dict[str, Any]] = field(default_factory=list)


FY_2017 = {"from": "2017-04-01", "to": "2018-03-31"}
BEFORE_NCS = (
    "Having considered your request in relation to 2015/16 and 2016/17, I am afraid that I "
    "am unable to provide a response as it would prove too costly to do so. Custody records "
    "before the introduction of the National Custody System (NCS) in 2017 do not record "
    "whether a custody was immigration related in a form that can be extracted: the only "
    "way to provide this information accurately for that period would be to examine every "
    "custody record individually, over 140,000 records."
)
SCANS = (
    "You also asked for the scans of the reports, files and documents where this "
    "information is gathered. The figures above come from the structured records of each "
    "disclosure, not from reports or files kept for the purpose; the underlying crime "
    "reports, intelligence logs and referral forms are held by each of our 13 divisions, "
    "and locating, retrieving and redacting each of them would exceed the cost limit."
)
NOT_MIGRANT_STATUS = (
    "The register records every disclosure of personal data to the Home Office, with the "
    "person's role in the police matter. It does not record whether a person is a migrant, "
    "so the figures are of everyone whose personal data was shared."
)
STATION_NOTE = (
    "The following table provides a breakdown by station for the period between 1st "
    "April 2017 and 31st March 2018."
)

SEED_001 = DemoCase(
    reference="IM-FOI-2018-1421",
    seed="001",
    title="Immigration detentions in police custody, 2015/16 to 2017/18",
    topics="Custody, Immigration",
    received_on=date(2018, 7, 2),
    issued_on=date(2018, 7, 27),
    # Reading every custody record of 2015/16 and 2016/17: over 140,000, a minute each.
    manual_search_minutes=140_000,
    narrowing_advice=(
        "Figures for immigration-related custodies can be provided from 1 April 2017, when "
        "the National Custody System was introduced, by custody centre and time in custody; "
        "a request for that period can be answered within the cost limit.\n"
        "For 2015/16 and 2016/17, a request limited to one custody centre and one month "
        "could be considered, as its custody records could be read within the cost limit."
    ),
    questions=[
        DemoQuestion(
            "1. How many people detained under UK immigration legislation powers have been "
            "kept in Police Scotland cells in 2015/16, 2016/17 and 2017/18 (as permitted by "
            "55.13.2 Home office enforcement instructions and guidance)?",
            "figures",
            {"question": "custody-count", **FY_2017},
            answer="For the period between 1st April 2017 and 31st March 2018, the number of "
            "immigration related custodies is as follows.",
            part_kind="cost",
            part=BEFORE_NCS,
        ),
        DemoQuestion(
            "2. What police stations were people held at? Please provide breakdowns on the "
            "numbers held in 2015/16, 2016/17 and 2017/18 for the stations used.",
            "figures",
            {"question": "custody-count", **FY_2017, "by": ["station"]},
            answer=STATION_NOTE,
            part_kind="cost",
            part="For 2015/16 and 2016/17, the figures cannot be given, for the reason "
            "explained in answer to question 1.",
        ),
        DemoQuestion(
            "3. How long were people held in Police Scotland cells under these immigration "
            "powers? Please provide figures of those held for one day, two days, three days, "
            "or more for 2015/16, 2016/17 and 2017/18",
            "figures",
            {"question": "custody-count", **FY_2017, "by": ["duration"], "bands": [24, 48, 72]},
            answer="The figures for between 1st April 2017 and 31st March 2018 are as follows.",
            part_kind="cost",
            part="I refer you again to the cost refusal above for the periods 2015/16 and 2016/17.",
        ),
    ],
)

SEED_000_PERIOD = {"from": "2022-05-01", "to": "2023-05-31"}
VICTIMS_OF = {
    "role": ["victim"],
    "crime_type": ["domestic_abuse", "human_trafficking", "exploitation"],
}
OF_THESE = "These figures are of the victims counted in answer to the question above."


def _of_these(text: str, by: str, scans: bool = False) -> DemoQuestion:
    return DemoQuestion(
        text,
        "figures",
        {"question": "reported-or-referred", "where": VICTIMS_OF, "by": [by]},
        answer=OF_THESE,
        part_kind="cost" if scans else "",
        part=SCANS if scans else "",
    )


SEED_000 = DemoCase(
    reference="23-1751",
    seed="000",
    title="Data sharing of personal data with the Home Office, May 2022 to May 2023",
    topics="Home Office, Data sharing",
    received_on=date(2023, 7, 5),
    issued_on=date(2023, 8, 2),
    # The scans behind the figures and all correspondence: every division searched.
    manual_search_minutes=4_800,
    narrowing_advice=(
        "The figures above are given in full for the period you asked for, so no narrower "
        "period is needed for them.\n"
        "For the scans of the reports, you could ask for the referral forms of one division "
        "for one month, which could be located and redacted within the cost limit.\n"
        "For correspondence, you could ask for the e-mails between the Information "
        "Management unit's data sharing mailbox and the Home Office between 1 January 2023 "
        "and 31 May 2023, which could be searched within the cost limit."
    ),
    consultations=[
        {
            "party": "Home Office",
            "about": "The Umbrella MoU and its drafts, to which the Home Office is a party",
            "consulted_on": date(2023, 7, 12),
            "responded_on": date(2023, 7, 19),
            "views": "No objection to the release of the final version.",
            "decision": "The final version is released.",
        }
    ],
    questions=[
        DemoQuestion(
            "How many victims, witnesses or alleged perpetrators of crimes who are migrants "
            "have had their personal data shared by Police Scotland with the UK Home Office "
            "between 1st May 2022 and 31st May 2023? Please provide the scans of the "
            "reports, files and/or documents where this information is gathered, in pdf "
            "file format or web link, within the £ 600 cost limit of the Act.",
            "figures",
            {"question": "disclosures", "by": ["role"], "count": "people"},
            answer=NOT_MIGRANT_STATUS,
            part_kind="cost",
            part=SCANS,
        ),
        DemoQuestion(
            "How many victims, witnesses or alleged perpetrators of crimes who are migrants "
            "were reported by or referred by Police Scotland to the Home Office between 1st "
            "May 2022 and 31st May 2023?",
            "figures",
            {"question": "reported-or-referred", "by": ["role"], "count": "people"},
            answer=NOT_MIGRANT_STATUS,
        ),
        DemoQuestion(
            "The number of victims of domestic abuse, human trafficking, and exploitation who "
            "are migrants referred to the Home Office by Police Scotland between 1st May 2022 "
            "and 31st May 2023. Please provide the scans of the reports, files and/or "
            "documents where this information is gathered, in pdf file format or web link, "
            "within the £ 600 cost limit of the Act.",
            "figures",
            {"question": "reported-or-referred", "where": VICTIMS_OF, "by": ["crime_type"]},
            answer=NOT_MIGRANT_STATUS,
            part_kind="cost",
            part=SCANS,
        ),
        _of_these("How many were women?", "sex"),
        _of_these("How many were, children under the age of 18?", "child"),
        _of_these("How many were persons with disabilities?", "disability"),
        _of_these(
            "How many were, after a report or referral, detained under immigration powers, "
            "whether by Police Scotland or by the Home Office? Please provide the scans of "
            "the reports, files and documents where this information is gathered within the "
            "£ 600 cost limit of the Act.",
            "detained_after",
            scans=True,
        ),
        _of_these(
            "How many were, after a report or referral, administratively removed or deported "
            "from the UK by the Home Office? Please provide the scans of the reports, files "
            "and documents where this information is gathered within the £ 600 cost limit of "
            "the Act.",
            "removed_after",
            scans=True,
        ),
        DemoQuestion(
            "I am aware of the existence of an “Information Sharing Agreement (umbrella) "
            "between National Counter Terrorism Police Functions Command Police Scotland and "
            "Home Office (2016)” which has been previously released under FOI request. "
            "However, have any other Information Sharing Agreement or similar documents been "
            "drafted and/or published since then, relating specifically a Memorandum of "
            "Understanding, policy or protocol for data sharing between Police Scotland and "
            "the UK Home Office? If the answer is yes, please provide any final version or "
            "draft of the document. Also, provide the scan of the document and a web link "
            "for it.",
            "document",
            answer="Yes. Since 2016, Police Scotland has become a party to the Umbrella "
            "Memorandum of Understanding between the Secretary of State for the Home "
            "Department, the National Police Chiefs' Council, Police Scotland and the Police "
            "Service of Northern Ireland. We consulted the Home Office, a party to it, before "
            "releasing it.",
            document="DEMO-UMOU",
        ),
        DemoQuestion(
            "What are the regulations, policies, protocols, procedures, and guidelines "
            "concerning the sharing of personal data of individuals with insecure "
            "immigration status between Police Scotland and the Home Office? Please provide "
            "any final version or draft of these documents as a scan, pdf file and web link "
            "where it is gathered.",
            "document",
            answer="Personal data is shared with the Home Office under the Data Protection "
            "Act 2018 (Part 3, law enforcement processing) and the information sharing "
            "agreement and memorandum of understanding named above. Foreign nationals' "
            "overseas convictions are referred to Immigration Enforcement where they meet "
            "the force's high-harm criteria.",
            document="DEMO-HHC",
        ),
        DemoQuestion(
            "What are the specific standards of service or special measures for migrants who "
            "are victims and witnesses of domestic violence, human trafficking and "
            "exploitation drafted and/or adopted by Police Scotland? Please provide any "
            "final version or draft of these documents as a scan, pdf file and web link where "
            "it is gathered.",
            "not_held",
            answer="Police Scotland has not drafted or adopted standards of service or "
            "special measures specifically for migrants who are victims or witnesses. The "
            "standards of service and special measures for every victim and witness, "
            "whatever their immigration status, are those of the Victims and Witnesses "
            "(Scotland) Act 2014, published by the Scottish Government.",
        ),
        DemoQuestion(
            "Has the National Police Chiefs Council guideline titled “Information Sharing "
            "with the Home Office where a victim or witness of crime is a suspected "
            "immigration offender” been also adopted by Police Scotland? If the answer is "
            "no, please provide the guidelines, protocols or any other relevant document "
            "adopted by Police Scotland on this subject as a scan, pdf file and web link.",
            "document",
            answer="No. The guideline was written for forces in England and Wales and has "
            "not been adopted by Police Scotland. The document Police Scotland has adopted "
            "on this subject is the memorandum of understanding and information sharing "
            "agreement template, provided here.",
            document="DEMO-ISA-TEMPLATE",
        ),
        DemoQuestion(
            "I would be interested in all relevant information held by your agency "
            "regarding my request, including, but not limited to, relevant minutes, written "
            "notes, reports, files, documents, email correspondence and all paper and "
            "electronic records concerning this topic between your agency and the UK Home "
            "Office and/or between other relevant parties.",
            "cost",
            answer="By way of explanation, there is no easy way to provide this information "
            "to you. Correspondence with the Home Office is not held centrally: each police "
            "officer and each of our 13 divisions would need to be contacted and asked to "
            "search their e-mail and paper records. Police Scotland has in excess of 17,000 "
            "police officers, and it is clear that this would take far in excess of the 40 "
            "hours and £600 prescribed by the Scottish Ministers under the Act.",
        ),
    ],
)

CASES = [SEED_001, SEED_000]


def _document(reference: str) -> Any:
    from answerable.register.models import Document

    return Document.objects.filter(reference=reference).first() if reference else None


def _log(case: DemoCase) -> InformationRequest:
    request = InformationRequest(
        reference=case.reference,
        regime="foisa",
        received_on=case.received_on,
        channel="email",
        title=case.title,
        request_text=request_text(case.seed),
        topics=case.topics,
        manual_search_minutes=case.manual_search_minutes,
        narrowing_advice=case.narrowing_advice,
        **REQUESTER,
    )
    save_request(request)  # numbered as given, as any request is saved (casework/services.py)
    for number, item in enumerate(case.questions, start=1):
        document = _document(item.document)
        kind = item.kind
        if kind == "document" and document is None:
            kind = "text"  # the document register does not hold it: answered in writing
        period = SEED_000_PERIOD if kind == "figures" and "from" not in item.ask else {}
        RequestQuestion.objects.create(
            request=request,
            number=number,
            text=item.text,
            answer_kind=kind,
            ask={**period, **item.ask} if kind == "figures" else {},
            answer_text=item.answer,
            document=document,
            part_answer_kind=item.part_kind,
            part_answer_text=item.part,
        )
    for consultation in case.consultations:
        ThirdPartyConsultation.objects.create(request=request, **consultation)
    return request


def demo_user(role: Role) -> Any:
    """The demonstration user of `role` (`answerable demousers` gives it its password; until
    then it cannot sign in)."""
    user, created = get_user_model().objects.get_or_create(username=DEMO_USERNAMES[role])
    if created:
        user.set_unusable_password()
        user.save()
        assign_role(user, role)
    return get_user_model().objects.get(pk=user.pk)  # its permissions read afresh


def load_demo_cases() -> list[str]:
    """Log, answer and issue the demonstration cases not yet held; their references."""
    loaded = []
    for case in CASES:
        if InformationRequest.objects.filter(reference=case.reference).exists():
            continue
        with transaction.atomic():
            request = _log(case)
            answer_seed_000_documents(request)  # its questions on agreements and policies
            # Drafted by the FOI officer, approved by the disclosure manager (signoff.py).
            author = demo_user(Role.FOI_OFFICER)
            request.officer = author
            request.save()
            sign_off = signoff.request_sign_off(request, notice="full", user=author)
            signoff.decide(sign_off, user=demo_user(Role.DISCLOSURE_MANAGER), approved=True)
            issue_response(request, notice="full", issued_on=case.issued_on, user=author)
        loaded.append(case.reference)
    return loaded
