"""The document register in the staff pages: FOI officers add documents and their versions
(upload, draft or final, owner, topics, adopted, published address), download them (each
download in the audit trail), and answer a question with them. Writes go through
register/documents.py and casework/given_documents.py."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from answerable.audit.actions import Action
from answerable.audit.trail import record
from answerable.casework.document_forms import DocumentForm, GiveDocumentForm, VersionForm
from answerable.casework.forms import model_errors_onto
from answerable.casework.given_documents import DocumentChoiceError, give_document, take_back
from answerable.casework.models import QuestionDocument, RequestQuestion
from answerable.casework.views.access import can_edit_questions
from answerable.casework.views.case import get_case
from answerable.register.documents import DOCUMENT_FIELDS, add_version, save_document
from answerable.register.models import Document, DocumentVersion
from answerable.roles.predicates import User
from answerable.web.access import require


def can_see_documents(user: User) -> bool:
    return user.has_perm("register.view_document") and user.has_perm(
        "register.view_documentversion"
    )


def can_add_documents(user: User) -> bool:
    return user.has_perm("register.add_document") and user.has_perm("register.change_document")


def can_add_versions(user: User) -> bool:
    return can_see_documents(user) and user.has_perm("register.add_documentversion")


def _to_document(document: Document) -> HttpResponse:
    return redirect(reverse("casework:document_detail", kwargs={"pk": document.pk}))


@require(can_see_documents)
def document_list(request: HttpRequest) -> HttpResponse:
    documents = Document.objects.annotate(version_count=Count("versions")).order_by("title")
    return render(request, "casework/documents/list.html", {"documents": documents})


@require(can_see_documents)
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(Document, pk=pk)
    versions = document.versions.order_by("-dated", "-pk")
    return render(
        request, "casework/documents/detail.html", {"document": document, "versions": versions}
    )


def _save(request: HttpRequest, document: Document | None) -> HttpResponse:
    form = DocumentForm(request.POST or None, instance=document)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in DOCUMENT_FIELDS}
        try:
            saved = save_document(document, **values)
        except ValidationError as error:
            model_errors_onto(form, error)
        else:
            messages.success(request, f"{saved.reference} saved.")
            return _to_document(saved)
    return render(request, "casework/documents/form.html", {"form": form, "document": document})


@require(can_add_documents)
def document_new(request: HttpRequest) -> HttpResponse:
    return _save(request, None)


@require(can_add_documents)
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _save(request, get_object_or_404(Document, pk=pk))


@require(can_add_versions)
def version_new(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(Document, pk=pk)
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        try:
            version = add_version(
                document,
                version=data["version"],
                status=data["status"],
                dated=data["dated"],
                effective_from=data["effective_from"],
                withdrawn_on=data["withdrawn_on"],
                notes=data["notes"],
                file_name=upload[0] if upload else "",
                content=upload[1] if upload else None,
            )
        except ValidationError as error:
            model_errors_onto(form, error)
        else:
            messages.success(request, f"Version {version.version} of {document.reference} added.")
            return _to_document(document)
    context = {"form": form, "document": document}
    return render(request, "casework/documents/version_form.html", context)


def _file_response(content: bytes, mime_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=mime_type or "application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require(can_see_documents)
def version_download(request: HttpRequest, pk: int) -> HttpResponse:
    """A version's file, as uploaded; the download is recorded in the audit trail."""
    version = get_object_or_404(DocumentVersion.objects.select_related("document"), pk=pk)
    if not version.file:
        return HttpResponse("This version has no file.", status=404, content_type="text/plain")
    with version.file.open("rb") as handle:
        content = handle.read()
    record(
        Action.CONSULTATION,
        record=version,
        purpose=f"Document {version.document.reference} version {version.version} downloaded",
        detail={"document": version.document.reference, "version": version.version},
    )
    name = (version.file.name or "").rsplit("/", 1)[-1]
    return _file_response(content, version.mime_type, name)


@require(can_edit_questions)
def question_documents(request: HttpRequest, reference: str, number: int) -> HttpResponse:
    """The documents a question is answered with, and adding one."""
    case = get_case(reference)
    question = get_object_or_404(RequestQuestion, request=case, number=number)
    form = GiveDocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        redacted = form.cleaned_data["redacted_file"]
        try:
            give_document(
                question,
                form.cleaned_data["version"],
                form.cleaned_data["how"],
                redacted_name=redacted[0] if redacted else "",
                redacted_content=redacted[1] if redacted else None,
            )
        except DocumentChoiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Question {number} is answered with the document.")
            return redirect(request.path)
    given = question.given_documents.select_related("version__document").order_by("pk")
    context: dict[str, Any] = {
        "case": case,
        "question": question,
        "form": form,
        "given": given,
        "issued": question.frozen or case.responded_on is not None,
    }
    return render(request, "casework/documents/question.html", context)


@require(can_edit_questions)
@require_POST
def question_document_remove(
    request: HttpRequest, reference: str, number: int, pk: int
) -> HttpResponse:
    case = get_case(reference)
    given = get_object_or_404(
        QuestionDocument, pk=pk, question__request=case, question__number=number
    )
    try:
        take_back(given)
    except DocumentChoiceError as error:
        messages.error(request, str(error))
    url = reverse("casework:question_documents", kwargs={"reference": reference, "number": number})
    return redirect(url)
