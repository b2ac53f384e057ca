"""The demonstration's FOI cases: seeds 001 and 000 as Answerable answers them.

`answerable demo` loads these after the synthetic register, so that `make run` shows the
casework from request to disclosure log: each seed's request logged with its questions,
answered from the (synthetic) register, signed off by the demonstration disclosure manager,
issued on the seed's own date, and so published in the disclosure log. The requester is a
made-up name, as everything in the demonstration is. Idempotent: a case already held is
left as it is.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from answerable.casework import signoff
from answerable.casework.demo_documents import answer_seed_000_documents
from answerable.casework.issue import issue_response
from answerable.casework.models import InformationRequest, RequestQuestion
from answerable.roles.assign import assign_role
from answerable.roles.demo_users import DEMO_USERNAMES
from answerable.roles.roles import Role

REQUESTER = {
    "requester_name": "Demonstration Requester",
    "requester_email": "demonstration.requester@example.invalid",
}
SEED_000_PERIOD = {"from": "2022-05-01", "to": "2023-05-31"}
VICTIMS_OF = {
    "role": ["victim"],
    "crime_type": ["domestic_abuse", "human_trafficking", "exploitation"],
}


@dataclass(frozen=True)
class DemoCase:
    reference: str
    title: str
    topics: str
    received_on: date
    issued_on: date
    request_text: str
    questions: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


CASES = [
    DemoCase(
        reference="IM-FOI-2018-1421",
        title="Immigration detentions in police custody, 2017/18",
        topics="Custody, Immigration",
        received_on=date(2018, 7, 2),
        issued_on=date(2018, 7, 27),
        request_text="How many people were held in police custody under immigration powers "
        "in 2017/18, at which custody centres, and for how long?",
        questions=[
            (
                "How many people were held in police custody under immigration powers in "
                "2017/18, by custody centre and length of detention (up to 24 hours, 25 to "
                "48 hours, over 48 hours)?",
                {
                    "question": "custody-count",
                    "from": "2017-04-01",
                    "to": "2018-03-31",
                    "by": ["station", "duration"],
                    "bands": [24, 48],
                },
            )
        ],
    ),
    DemoCase(
        reference="23-1751",
        title="Data sharing of personal data with the Home Office, May 2022 to May 2023",
        topics="Home Office, Data sharing",
        received_on=date(2023, 7, 5),
        issued_on=date(2023, 8, 2),
        request_text="How many victims, witnesses or alleged perpetrators of crimes who are "
        "migrants had their personal data shared with, or were referred to, the Home Office "
        "between 1 May 2022 and 31 May 2023; and of the victims of domestic abuse, human "
        "trafficking and exploitation referred, how many were women, children or disabled, "
        "and what then happened to them?",
        questions=[
            (
                "How many victims, witnesses or alleged perpetrators of crimes had their "
                "personal data shared by Police Scotland with the Home Office?",
                {"question": "disclosures", "by": ["role"], "count": "people"},
            ),
            (
                "How many victims, witnesses or alleged perpetrators of crimes were reported "
                "or referred by Police Scotland to the Home Office?",
                {"question": "reported-or-referred", "by": ["role"], "count": "people"},
            ),
            (
                "The number of victims of domestic abuse, human trafficking and exploitation "
                "referred to the Home Office.",
                {"question": "reported-or-referred", "where": VICTIMS_OF, "by": ["crime_type"]},
            ),
            (
                "Of these, how many were women?",
                {"question": "reported-or-referred", "where": VICTIMS_OF, "by": ["sex"]},
            ),
            (
                "Of these, how many were children under the age of 18?",
                {"question": "reported-or-referred", "where": VICTIMS_OF, "by": ["child"]},
            ),
            (
                "Of these, how many were persons with disabilities?",
                {"question": "reported-or-referred", "where": VICTIMS_OF, "by": ["disability"]},
            ),
            (
                "Of these, how many were, after a report or referral, detained under "
                "immigration powers, whether by Police Scotland or by the Home Office?",
                {
                    "question": "reported-or-referred",
                    "where": VICTIMS_OF,
                    "by": ["detained_after"],
                },
            ),
            (
                "Of these, how many were, after a report or referral, administratively "
                "removed or deported from the UK by the Home Office?",
                {"question": "reported-or-referred", "where": VICTIMS_OF, "by": ["removed_after"]},
            ),
        ],
    ),
]


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
            request = InformationRequest.objects.create(
                reference=case.reference,
                regime="foisa",
                received_on=case.received_on,
                channel="email",
                title=case.title,
                request_text=case.request_text,
                topics=case.topics,
                **REQUESTER,
            )
            for number, (text, ask) in enumerate(case.questions, start=1):
                period = {} if "from" in ask else SEED_000_PERIOD
                RequestQuestion.objects.create(
                    request=request,
                    number=number,
                    text=text,
                    answer_kind="figures",
                    ask={**period, **ask},
                )
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
