"""Every URL, for every role: allowed or refused, as the matrix below says (issue 6 part 3).

The matrix is the one place that says who may open what. The test walks the project's URL
configuration, so a new URL without an entry here fails `test_every_url_is_in_the_matrix`.
The administration site is checked model by model from roles.py's permissions instead: its
URLs come from the models registered with it.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from admin_pages_support import Records, records  # noqa: F401  (the register fixture)
from casework_helpers import make_case, officer
from disclosure_log_support import issue
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from answerable.answers.models import Release
from answerable.casework.models import BusinessUnit, IssuedLetter, RequestQuestion, SearchTask
from answerable.roles.assign import assign_role
from answerable.roles.roles import ROLES, Role

PUBLIC = "public"
EVERYONE = frozenset({PUBLIC, *Role})
STAFF = frozenset(Role)
NOBODY: frozenset = frozenset()

CASEWORKERS = frozenset({Role.FOI_OFFICER, Role.DISCLOSURE_MANAGER})
ASKERS = frozenset({Role.FOI_OFFICER, Role.DISCLOSURE_MANAGER, Role.ANALYST})
CUSTODY_READERS = frozenset({Role.CUSTODY, Role.DATA_PROTECTION_OFFICER})
ICCE_READERS = frozenset({Role.ICCE, Role.DATA_PROTECTION_OFFICER})
DISCLOSURE_READERS = frozenset({Role.CUSTODY, Role.ICCE, Role.DATA_PROTECTION_OFFICER})
DPO = frozenset({Role.DATA_PROTECTION_OFFICER})
DOCUMENT_KEEPERS = CASEWORKERS | {Role.ADMINISTRATOR}

# URL name -> who may open it. Everyone else is refused: 403 when signed in, sent to sign
# in when not. The API takes system tokens, never a staff session: no role opens it.
MATRIX: dict[str, frozenset] = {
    # The frame and the public pages.
    "web:start": EVERYONE,
    "web:login": EVERYONE,
    "web:logout": EVERYONE,
    "web:accessibility": EVERYONE,
    "web:privacy": EVERYONE,
    "disclosure_log:list": EVERYONE,
    "disclosure_log:feed": EVERYONE,
    "disclosure_log:export": EVERYONE,
    "disclosure_log:pdf": EVERYONE,
    "disclosure_log:detail": EVERYONE,
    "statistics:latest": EVERYONE,
    "statistics:editions": EVERYONE,
    "statistics:calendar": EVERYONE,
    # An edition not published is no page (404) for anyone: the matrix's sample is one.
    "statistics:edition": EVERYONE,
    "statistics:csv": EVERYONE,
    "statistics:metadata": EVERYONE,
    # The public copy before its date: staff who handle publications only.
    "disclosure_log:preview": CASEWORKERS,
    "disclosure_log:preview_pdf": CASEWORKERS,
    "disclosure_log:preview_document": CASEWORKERS,
    "disclosure_log:document": EVERYONE,
    # The public request form (answerable.mail.public): no sign-in.
    "request_form:start": EVERYONE,
    "request_form:name": EVERYONE,
    "request_form:contact": EVERYONE,
    "request_form:details": EVERYONE,
    "request_form:check": EVERYONE,
    "request_form:done": EVERYONE,
    # Staff.
    "dashboard:index": STAFF,
    "register:index": DISCLOSURE_READERS,
    "register:custody_list": CUSTODY_READERS,
    "register:custody_detail": CUSTODY_READERS,
    "register:custody_edit": frozenset({Role.CUSTODY}),
    "register:nccu_list": CUSTODY_READERS,
    "register:nccu_new": frozenset({Role.CUSTODY}),
    "register:nccu_detail": CUSTODY_READERS,
    "register:nccu_edit": frozenset({Role.CUSTODY}),
    "register:disclosure_list": DISCLOSURE_READERS,
    "register:disclosure_detail": DISCLOSURE_READERS,
    "register:icce_list": ICCE_READERS,
    "register:icce_new": frozenset({Role.ICCE}),
    "register:icce_detail": ICCE_READERS,
    "register:icce_edit": frozenset({Role.ICCE}),
    "register:icce_transfer": frozenset({Role.ICCE}),
    # A person's page gathers their records across divisions: force-wide readers only.
    "register:person_detail": DPO,
    "answers:index": ASKERS,
    "answers:download": ASKERS,
    "answers:attach": CASEWORKERS,
    # The release ledger: the disclosure manager decides releases, the DPO checks them.
    "answers:ledger": frozenset({Role.DISCLOSURE_MANAGER, Role.DATA_PROTECTION_OFFICER}),
    "answers:release": frozenset({Role.DISCLOSURE_MANAGER, Role.DATA_PROTECTION_OFFICER}),
    "casework:case_list": CASEWORKERS,
    "casework:case_new": CASEWORKERS,
    "casework:case_detail": CASEWORKERS,
    "casework:question_edit": CASEWORKERS,
    "casework:question_published": CASEWORKERS,
    "casework:issue": CASEWORKERS,
    "casework:refresh": CASEWORKERS,
    "casework:close": CASEWORKERS,
    "casework:statistics": CASEWORKERS,
    "casework:letter": CASEWORKERS,
    "casework:task_new": CASEWORKERS,
    "casework:task_chase": CASEWORKERS,
    "casework:search_record": CASEWORKERS,
    "casework:sign_off_request": CASEWORKERS,
    # Only an approver signs a response off (casework.approve_response).
    "casework:sign_off_decide": frozenset({Role.DISCLOSURE_MANAGER}),
    # Documents: FOI officers add and version them; the administrator keeps them too.
    "casework:document_list": DOCUMENT_KEEPERS,
    "casework:document_new": DOCUMENT_KEEPERS,
    "casework:document_detail": DOCUMENT_KEEPERS,
    "casework:document_edit": DOCUMENT_KEEPERS,
    "casework:version_new": DOCUMENT_KEEPERS,
    "casework:version_download": DOCUMENT_KEEPERS,
    "casework:question_documents": CASEWORKERS,
    "casework:question_document_remove": CASEWORKERS,
    "casework:send_again": CASEWORKERS,
    "casework:record_posted": CASEWORKERS,
    # Messages received: private like the requester.
    "mail:queue": CASEWORKERS,
    "mail:message": CASEWORKERS,
    "mail:message_raw": CASEWORKERS,
    "mail:resolve": CASEWORKERS,
    "audit:search": DPO,
    "audit:export": DPO,
    "audit:verify": DPO,
}
# Prefixes whose URLs are checked elsewhere: the admin here below, the API by its tokens
# (tests/test_api_*.py); a staff session gets no further than refusal there.
SESSIONLESS = ("api:",)


def walk(patterns: list, namespace: str = "") -> list[tuple[str, Any]]:
    found = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found += walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            found.append((f"{namespace}{pattern.name}", pattern))
    return found


PROJECT_URLS = [
    (name, pattern)
    for name, pattern in walk(get_resolver().url_patterns)
    if not name.startswith("admin:")
]


def test_every_url_is_in_the_matrix() -> None:
    names = {name for name, _ in PROJECT_URLS if not name.startswith(SESSIONLESS)}
    missing = sorted(names - MATRIX.keys())
    assert not missing, f"URLs with no entry in the role matrix: {missing}"
    gone = sorted(MATRIX.keys() - names)
    assert not gone, f"matrix entries for URLs that no longer exist: {gone}"


@dataclass
class World:
    records: Records
    case_reference: str
    letter_pk: int
    publication: str
    release: int


@pytest.fixture
def world(records: Records) -> World:
    case = make_case()
    RequestQuestion.objects.create(request=case, number=1, text="How many?")
    SearchTask.objects.create(
        request=case,
        number=1,
        unit=BusinessUnit.objects.first(),
        asked="Search",
        asked_on=case.received_on,
        due_on=case.received_on,
    )
    letter = IssuedLetter.objects.create(
        request=case, notice="full", issued_on=date(2026, 7, 20), html="<p>x</p>", pdf=b"%PDF"
    )
    publication = issue("IM-FOI-2026-0001", date(2026, 1, 5))
    released = Release.objects.create(
        kind="api", reference="api:matrix", released_at=timezone.now()
    )
    return World(records, case.reference, letter.pk, publication.reference, released.pk)


def kwargs_for(name: str, world: World) -> dict[str, Any]:
    r = world.records
    pks = {
        "register:custody": r.episode.pk,
        "register:nccu": r.contact.pk,
        "register:disclosure": r.disclosure.pk,
        "register:icce": r.icce.pk,
        "register:person": r.person.pk,
        "casework:letter": world.letter_pk,
        # Access is decided before the record is looked up: any number will do.
        "casework:document": world.letter_pk,
        "casework:version": world.letter_pk,
        "casework:question_document": world.letter_pk,
        "casework:send_again": world.letter_pk,
        "casework:record_posted": world.letter_pk,
        "mail:": world.letter_pk,
        "answers:release": world.release,
    }
    found: dict[str, Any] = {}
    for prefix, pk in pks.items():
        if name.startswith(prefix):
            found["pk"] = pk
    if name.startswith("casework:"):
        found.update(reference=world.case_reference, number=1, format="pdf")
    if name.startswith("disclosure_log:"):
        found.update(reference=world.publication, number=1)
    if name.startswith("answers:download"):
        found["format"] = "csv"
    if name.startswith("statistics:"):
        found.update(slug="immigration-statistics-2026-q3", position=1)
    return found


def url_of(name: str, pattern: Any, world: World) -> str:
    wanted = set(pattern.pattern.converters)
    available = kwargs_for(name, world)
    missing = wanted - available.keys()
    assert not missing, f"{name}: give the matrix test a sample value for {missing}"
    return reverse(name, kwargs={key: available[key] for key in wanted})


def client_for(role: Role | str) -> Client:
    client = Client()
    if role == PUBLIC:
        return client
    user = officer(f"matrix-{role}")
    division = None
    if ROLES[role].by_division:
        from answerable.register.models import Division

        division = Division.objects.get(code="G")
    assign_role(user, role, division=division)
    client.force_login(user)
    return client


def refused(role: Role | str, response) -> bool:
    if response.status_code == 403:
        return True
    login = reverse("web:login")
    return role == PUBLIC and response.status_code == 302 and login in response["Location"]


def visit(client: Client, url: str):
    response = client.get(url)
    if response.status_code == 405:  # an action: its form posts to it
        response = client.post(url, {})
    return response


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", [name for name, _ in PROJECT_URLS if not name.startswith(SESSIONLESS)]
)
def test_each_role_is_allowed_or_refused_as_the_matrix_says(name: str, world: World) -> None:
    pattern = dict(PROJECT_URLS)[name]
    url = url_of(name, pattern, world)
    wrong = []
    for role in [PUBLIC, *Role]:
        response = visit(client_for(role), url)
        assert response.status_code < 500, f"{name} as {role}: {response.status_code}"
        expected_allowed = role in MATRIX[name]
        if refused(role, response) == expected_allowed:
            wrong.append(
                f"{role}: {response.status_code} (expected "
                f"{'allowed' if expected_allowed else 'refused'})"
            )
    assert not wrong, f"{name} ({url}): " + "; ".join(wrong)


@pytest.mark.django_db
def test_the_api_refuses_a_staff_session(world: World) -> None:
    client = client_for(Role.FOI_OFFICER)
    for name, pattern in PROJECT_URLS:
        if name.startswith(SESSIONLESS) and not pattern.pattern.converters:
            response = client.get(reverse(name))
            if name.endswith(("schema", "docs", "statistics")):
                continue  # the API's description is public, as are the published statistics
            expected = (404,) if name.endswith("not-found") else (401, 403)
            assert response.status_code in expected, f"{name}: {response.status_code}"


@pytest.mark.django_db
def test_the_administration_site_shows_each_role_only_its_models(world: World) -> None:
    wrong = []
    for role in Role:
        spec = ROLES[role]
        client = client_for(role)
        index = client.get(reverse("admin:index"))
        if spec.uses_admin:
            assert index.status_code == 200, f"{role}: admin index {index.status_code}"
        else:
            assert index.status_code == 302, f"{role} should not reach the admin"
            continue
        for model in admin.site._registry:
            label = f"{model._meta.app_label}.view_{model._meta.model_name}"
            change = f"{model._meta.app_label}.change_{model._meta.model_name}"
            may = label in spec.permissions or change in spec.permissions
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            status = client.get(url).status_code
            if (status == 200) != may:
                wrong.append(f"{role} {model._meta.label}: {status}")
    assert not wrong, wrong
