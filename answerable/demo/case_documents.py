"""Seed 000's questions about documents, answered from the document register.

Seed 000 (FOI 23-1751) asks whether any information sharing agreement or MoU with the Home
Office has been drafted or published since the 2016 umbrella agreement, and for the policies
and criteria on sharing personal data with the Home Office, "any final version or draft ...
as a scan, pdf file and web link". The demonstration answers them as an FOI officer would
with Answerable: the Umbrella MoU's final version enclosed, the current high-harm referral
criteria enclosed, and the 2016 agreement, already published, under s25(1) with its address.

The documents' files are made here: SYNTHETIC placeholders, labelled so, never the real
documents. The questions are found by the seed's own words, and added (verbatim) where the
case does not have them yet.
"""

from django.db import transaction

from answerable.casework.given_documents import give_document
from answerable.casework.models import InformationRequest, RequestQuestion
from answerable.core.pdf import html_to_pdf
from answerable.demo.synthetic.demo_documents import HIGH_HARM_CRITERIA
from answerable.demo.synthetic.demo_records import ISA_2016, UMBRELLA_MOU
from answerable.register.documents import attach_file, save_and_link
from answerable.register.models import Document, DocumentVersion

SEED_000 = "23-1751"
ISA_TEMPLATE = "DEMO-ISA-TEMPLATE"
# Where Police Scotland publishes what it has released before: its disclosure log.
ISA_2016_URL = (
    "https://www.scotland.police.uk/access-to-information/freedom-of-information/disclosure-log/"
)

AGREEMENTS_QUESTION = (
    "I am aware of the existence of an \u201cInformation Sharing Agreement (umbrella) between "
    "National Counter Terrorism Police Functions Command Police Scotland and Home Office "
    "(2016)\u201d which has been previously released under FOI request. However, have any "
    "other Information Sharing Agreement or similar documents been drafted and/or published "
    "since then, relating specifically a Memorandum of Understanding, policy or protocol for "
    "data sharing between Police Scotland and the UK Home Office? If the answer is yes, please "
    "provide any final version or draft of the document. Also, provide the scan of the "
    "document and a web link for it."
)
AGREEMENTS_ANSWER = (
    "Yes. Since 2016 Police Scotland has become a party to the Umbrella Memorandum of "
    "Understanding between the Secretary of State for the Home Department and the National "
    "Police Chiefs' Council, Police Scotland and the Police Service of Northern Ireland, in "
    "force from 1 February 2020. Its final version is enclosed. The 2016 agreement you refer "
    "to has already been released and is published, as set out below."
)
POLICIES_QUESTION = (
    "What are the regulations, policies, protocols, procedures, and guidelines concerning the "
    "sharing of personal data of individuals with insecure immigration status between Police "
    "Scotland and the Home Office? Please provide any final version or draft of these "
    "documents as a scan, pdf file and web link where it is gathered."
)
POLICIES_ANSWER = (
    "Officers share information with Home Office Immigration Enforcement under the Umbrella "
    "Memorandum of Understanding (enclosed in answer to the question above). The results of "
    "International Criminal Conviction Exchange requests are referred to Immigration "
    "Enforcement only where they meet the high-harm criteria; the current version of those "
    "criteria is enclosed."
)


def _placeholder_pdf(title: str, version: DocumentVersion) -> bytes:
    return html_to_pdf(
        "<html lang='en-GB'><body style='font-family: sans-serif'>"
        "<p><strong>SYNTHETIC DEMONSTRATION DOCUMENT</strong>: invented for Answerable's "
        "demonstration; it is not the real document and says nothing about it.</p>"
        f"<h1>{title}</h1><p>Version {version.version}, dated {version.dated:%d %B %Y}.</p>"
        "</body></html>"
    )


def _with_file(reference: str, version_name: str | None = None) -> DocumentVersion:
    document = Document.objects.get(reference=reference)
    version = (
        document.versions.get(version=version_name) if version_name else document.current_version()
    )
    if version is None:
        raise ValueError(f"{reference} has no current version")
    if not version.file:
        attach_file(
            version,
            file_name=f"{reference}.pdf",
            content=_placeholder_pdf(document.title, version),
        )
    return version


def _question(request: InformationRequest, text: str, answer: str) -> RequestQuestion:
    """The case's question asked in these words (the seed's), or a new last question."""
    opening = text[:80]
    for question in request.questions.all():
        if " ".join(question.text.split()).startswith(" ".join(opening.split())):
            break
    else:
        number = (
            request.questions.order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
        question = RequestQuestion.objects.create(request=request, number=number, text=text)
    question.answer_kind = "document"
    question.answer_text = answer
    question.save(update_fields=["answer_kind", "answer_text"])
    return question


def answer_seed_000_documents(request: InformationRequest) -> None:
    """Answer seed 000's questions on agreements and policies with documents, before the
    response is issued."""
    if request.reference != SEED_000 or request.responded_on is not None:
        return
    with transaction.atomic():
        mou = _with_file(UMBRELLA_MOU, "1.0")
        criteria = _with_file(HIGH_HARM_CRITERIA)
        _with_file(ISA_TEMPLATE)  # enclosed in answer to the question on the NPCC guideline
        isa = Document.objects.get(reference=ISA_2016)
        if not isa.published_url:
            isa.published_url = ISA_2016_URL
            save_and_link(isa, update_fields=["published_url"])
        agreements = _question(request, AGREEMENTS_QUESTION, AGREEMENTS_ANSWER)
        policies = _question(request, POLICIES_QUESTION, POLICIES_ANSWER)
        given = {(g.question_id, g.version_id) for g in agreements.given_documents.all()}
        given |= {(g.question_id, g.version_id) for g in policies.given_documents.all()}
        isa_version = isa.current_version()
        for question, version, how in (
            (agreements, mou, "enclosed"),
            (agreements, isa_version, "s25"),
            (policies, criteria, "enclosed"),
        ):
            if version is not None and (question.pk, version.pk) not in given:
                give_document(question, version, how)
