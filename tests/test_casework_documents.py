"""Documents as answers (issue 13, item 3): FOI officers add and version documents in the
staff pages, uploads are checked by their content, downloads are audited, and a response
encloses the chosen versions or points to them where published (s25)."""

import io
import zipfile
from datetime import date

import pypdf
import pytest
from casework_helpers import approve, make_case
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from answerable.audit.models import AuditEntry
from answerable.casework.enclosures import bundle, enclosures_for
from answerable.casework.given_documents import DocumentChoiceError, give_document
from answerable.casework.issue import issue_response
from answerable.casework.models import IssuedLetter, RequestQuestion
from answerable.core.pdf import html_to_pdf
from answerable.disclosure_log.models import Outcome, Publication
from answerable.register.documents import add_version, save_document
from answerable.register.models import Document
from answerable.register.uploads import DOCX, ODT, PDF, TEXT, UploadError, check_upload
from answerable.roles.assign import assign_role
from answerable.roles.roles import Role


def pdf_of(text: str) -> bytes:
    return html_to_pdf(f"<p>{text}</p>")


def zipped(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return out.getvalue()


DOCX_BYTES = zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT_BYTES = zipped({"mimetype": ODT.encode(), "content.xml": b"<office:document/>"})


# --- uploads, by content ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("mou.pdf", b"%PDF-1.7\n...", PDF),
        ("policy.docx", DOCX_BYTES, DOCX),
        ("policy.odt", ODT_BYTES, ODT),
        ("notes.txt", "Plain notes \u2013 with a dash".encode(), TEXT),
    ],
)
def test_documents_are_recognised_by_their_content(name, content, expected):
    assert check_upload(name, content).mime_type == expected


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("page.html", b"<p>hello</p>", "web pages are not taken"),
        ("mou.pdf", b"<html><script>alert(1)</script></html>", "content is not"),
        ("notes.txt", b"<!DOCTYPE html><html></html>", "content is not"),
        ("tool.pdf", b"MZ\x90\x00\x03\x00", "content is not"),
        ("archive.docx", zipped({"a.txt": b"x"}), "content is not"),
        ("mou.txt", b"%PDF-1.7\n...", "rename it to end .pdf"),
        ("empty.pdf", b"", "is empty"),
    ],
)
def test_uploads_are_refused_by_their_content(name, content, why):
    with pytest.raises(UploadError, match=why):
        check_upload(name, content)


# --- the staff pages ------------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def client_for(django_user_model, role: Role) -> Client:
    user = django_user_model.objects.create_user(username=f"user-{role}")
    assign_role(user, role)
    client = Client()
    client.force_login(user)
    return client


DOCUMENT = {
    "reference": "DEMO-TEST-MOU",
    "title": "Test memorandum of understanding",
    "kind": "mou",
    "parties": "Police Scotland\nHome Office",
    "summary": "",
    "published_url": "",
    "owner": "Partnerships",
    "topics": "Home Office, Data sharing",
    "adopted": "on",
}


@pytest.mark.django_db
def test_an_foi_officer_adds_a_document_and_a_version_and_downloads_it(media, django_user_model):
    client = client_for(django_user_model, Role.FOI_OFFICER)
    response = client.post(reverse("casework:document_new"), DOCUMENT)
    document = Document.objects.get(reference="DEMO-TEST-MOU")
    assert response.status_code == 302 and document.adopted and document.owner == "Partnerships"
    content = pdf_of("The memorandum")
    upload = SimpleUploadedFile("mou.pdf", content, content_type="text/html")
    url = reverse("casework:version_new", kwargs={"pk": document.pk})
    form = {"version": "1.0", "status": "final", "dated": "20/01/2020", "file": upload}
    assert client.post(url, form).status_code == 302
    version = document.versions.get()
    assert version.mime_type == PDF and version.status == "final"
    page = client.get(reverse("casework:document_detail", kwargs={"pk": document.pk}))
    assert "Final" in page.content.decode()
    download = client.get(reverse("casework:version_download", kwargs={"pk": version.pk}))
    assert download.status_code == 200 and download.content == content
    assert download["Content-Type"] == PDF
    entry = AuditEntry.objects.filter(record_type="register.documentversion").get()
    assert entry.action == "consultation" and entry.record_id == str(version.pk)


@pytest.mark.django_db
def test_an_html_upload_is_refused_on_the_page(media, django_user_model):
    client = client_for(django_user_model, Role.FOI_OFFICER)
    document = save_document(None, reference="D-1", title="A policy", kind="policy")
    upload = SimpleUploadedFile("policy.pdf", b"<html><body>x</body></html>")
    url = reverse("casework:version_new", kwargs={"pk": document.pk})
    form = {"version": "1", "status": "draft", "dated": "01/01/2021", "file": upload}
    response = client.post(url, form)
    assert response.status_code == 200
    assert "the content is not a PDF" in response.content.decode()
    assert not document.versions.exists()


@pytest.mark.django_db
def test_those_without_documents_cannot_see_or_add_them(media, django_user_model):
    document = save_document(None, reference="D-1", title="A policy", kind="policy")
    version = add_version(
        document,
        version="1",
        status="final",
        dated=date(2021, 1, 1),
        file_name="p.pdf",
        content=pdf_of("policy"),
    )
    analyst = client_for(django_user_model, Role.ANALYST)
    for url in (
        reverse("casework:document_list"),
        reverse("casework:document_new"),
        reverse("casework:version_download", kwargs={"pk": version.pk}),
    ):
        assert analyst.get(url).status_code == 403, url
    assert not AuditEntry.objects.exists()


# --- documents in the response --------------------------------------------------------------


@pytest.fixture
def answered(media):
    """A case answering question 1 with a final MoU enclosed and a draft's redacted copy, and
    question 2 with a published agreement under s25; one document is a third party's."""
    mou = save_document(
        None,
        reference="MOU",
        title="Umbrella MoU",
        kind="mou",
        published_url="https://www.example.gov.uk/umbrella-mou",
    )
    final = add_version(
        mou,
        version="1.0",
        status="final",
        dated=date(2020, 1, 20),
        file_name="mou.pdf",
        content=pdf_of("Umbrella MoU final text"),
    )
    draft = add_version(mou, version="draft 1", status="draft", dated=date(2019, 9, 2))
    isa = save_document(
        None,
        reference="ISA-2016",
        title="Information Sharing Agreement (umbrella)",
        kind="information_sharing_agreement",
        published_url="https://www.example.gov.uk/isa-2016",
    )
    isa_v = add_version(isa, version="1.0", status="final", dated=date(2016, 6, 1))
    guidance = save_document(
        None, reference="NPCC", title="NPCC guidance", kind="guidance", third_party=True
    )
    guidance_v = add_version(
        guidance,
        version="1.0",
        status="final",
        dated=date(2020, 4, 1),
        file_name="npcc.txt",
        content=b"NPCC guidance text",
    )
    case = make_case(received_on=date(2024, 1, 3), requester_name="Ms Zelda Quixote-Marchbanks")
    q1 = RequestQuestion.objects.create(request=case, number=1, text="Please provide the MoU.")
    q2 = RequestQuestion.objects.create(request=case, number=2, text="And the 2016 agreement.")
    give_document(q1, final)
    give_document(
        q1, draft, redacted_name="draft-redacted.pdf", redacted_content=pdf_of("Draft, redacted")
    )
    give_document(q1, guidance_v)
    give_document(q2, isa_v, "s25")
    return case


@pytest.mark.django_db
def test_the_response_encloses_the_chosen_versions_and_prints_the_s25_address(answered):
    approve(answered, "full")
    issued = issue_response(answered, notice="full", issued_on=date(2024, 1, 10))
    html = issued.html
    assert "Please find enclosed: Umbrella MoU, version 1.0, as the file MOU-1.0.pdf" in html
    assert "It is also published at" in html and "https://www.example.gov.uk/umbrella-mou" in html
    assert "version draft 1 (a redacted copy)" in html
    assert "https://www.example.gov.uk/isa-2016" in html and "section 25(1) of the Act" in html

    enclosures = enclosures_for(issued)
    assert [e.filename for e in enclosures] == [
        "MOU-1.0.pdf",
        "MOU-draft-1-redacted.pdf",
        "NPCC-1.0.txt",
    ]
    assert [e.mime_type for e in enclosures] == [PDF, PDF, TEXT]
    assert enclosures[2].content == b"NPCC guidance text"

    letter_pages = len(pypdf.PdfReader(io.BytesIO(bytes(issued.pdf))).pages)
    reader = pypdf.PdfReader(io.BytesIO(bundle(bytes(issued.pdf), enclosures)))
    assert len(reader.pages) == letter_pages + 2
    assert "Umbrella MoU final text" in reader.pages[letter_pages].extract_text()


@pytest.mark.django_db
def test_the_public_copy_publishes_released_documents_but_not_third_party_material(
    answered, client
):
    approve(answered, "full")
    issue_response(answered, notice="full", issued_on=date(2024, 1, 10))
    publication = Publication.objects.get()
    assert [d.filename for d in publication.documents.all()] == [
        "MOU-1.0.pdf",
        "MOU-draft-1-redacted.pdf",
    ]
    assert "s25(1)" in publication.exemptions_cited
    assert publication.outcome == Outcome.PARTIAL


@pytest.mark.django_db
def test_the_letter_download_is_the_bundle(answered, django_user_model):
    approve(answered, "full")
    issued = issue_response(answered, notice="full", issued_on=date(2024, 1, 10))
    client = client_for(django_user_model, Role.FOI_OFFICER)
    url = reverse("casework:letter", kwargs={"pk": issued.pk, "format": "pdf"})
    pdf = client.get(url).content
    letter_pages = len(pypdf.PdfReader(io.BytesIO(bytes(issued.pdf))).pages)
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == letter_pages + 2


@pytest.mark.django_db
def test_what_a_document_cannot_answer_is_refused(answered):
    question = answered.questions.get(number=1)
    draft = Document.objects.get(reference="MOU").versions.get(version="draft 1")
    with pytest.raises(DocumentChoiceError, match="already answered"):
        give_document(question, draft)
    guidance = Document.objects.get(reference="NPCC").versions.get()
    with pytest.raises(DocumentChoiceError, match="no published address"):
        give_document(answered.questions.get(number=2), guidance, "s25")
    approve(answered, "full")
    issue_response(answered, notice="full", issued_on=date(2024, 1, 10))
    question.refresh_from_db()
    with pytest.raises(DocumentChoiceError, match="has been issued"):
        give_document(question, Document.objects.get(reference="ISA-2016").versions.get(), "s25")
    assert IssuedLetter.objects.count() == 1


@pytest.mark.django_db
def test_an_foi_officer_answers_a_question_with_documents_on_its_page(media, django_user_model):
    client = client_for(django_user_model, Role.FOI_OFFICER)
    isa = save_document(
        None,
        reference="ISA",
        title="Agreement",
        kind="information_sharing_agreement",
        published_url="https://www.example.gov.uk/isa",
    )
    version = add_version(isa, version="1.0", status="final", dated=date(2016, 6, 1))
    case = make_case(received_on=date(2024, 1, 3))
    question = RequestQuestion.objects.create(request=case, number=1, text="The agreement?")
    url = reverse("casework:question_documents", kwargs={"reference": case.reference, "number": 1})
    page = client.get(url).content.decode()
    assert 'class="govuk-file-upload"' in page and "Agreement (ISA), version 1.0, final" in page
    # Enclosing a version with no file is refused, with the reason on the page.
    refused = client.post(url, {"version": version.pk, "how": "enclosed"})
    assert refused.status_code == 200 and "has no file to enclose" in refused.content.decode()
    # A redacted copy is checked by its content too.
    html = SimpleUploadedFile("copy.pdf", b"<html><script></script></html>")
    refused = client.post(url, {"version": version.pk, "how": "enclosed", "redacted_file": html})
    assert "the content is not a PDF" in refused.content.decode()
    assert client.post(url, {"version": version.pk, "how": "s25"}).status_code == 302
    given = question.given_documents.get()
    assert given.how == "s25"
    question.refresh_from_db()
    assert question.answer_kind == "document"
    remove = reverse(
        "casework:question_document_remove",
        kwargs={"reference": case.reference, "number": 1, "pk": given.pk},
    )
    assert client.post(remove).status_code == 302
    assert not question.given_documents.exists()


@pytest.mark.django_db
def test_a_questions_older_single_document_is_enclosed_or_pointed_to(media):
    """The older `document` field: its current version is enclosed where it has a file, or
    pointed to where it is published, never "enclosed" with nothing enclosed."""
    policy = save_document(None, reference="POL", title="Policy", kind="policy")
    add_version(
        policy,
        version="2",
        status="final",
        dated=date(2021, 3, 15),
        file_name="pol.pdf",
        content=pdf_of("Policy text"),
    )
    isa = save_document(
        None,
        reference="ISA",
        title="Agreement",
        kind="information_sharing_agreement",
        published_url="https://www.example.gov.uk/isa",
    )
    add_version(isa, version="1.0", status="final", dated=date(2016, 6, 1))
    case = make_case(received_on=date(2024, 1, 3))
    for number, document in enumerate((policy, isa), start=1):
        RequestQuestion.objects.create(
            request=case,
            number=number,
            text=f"Q{number}",
            answer_kind="document",
            answer_text="See below.",
            document=document,
        )
    approve(case, "full")
    issued = issue_response(case, notice="full", issued_on=date(2024, 1, 10))
    assert [e.filename for e in enclosures_for(issued)] == ["POL-2.pdf"]
    assert "Please find enclosed: Policy, version 2" in issued.html
    assert "https://www.example.gov.uk/isa" in issued.html
    assert "Please find enclosed: Agreement" not in issued.html
