"""Requests in, responses out, in Debian's Chromium (issue 14): a member of the public asks
through the form and gets a reference; the officer tasks a business unit, records its search
and asks for sign-off; the disclosure manager approves; the officer issues, and the
requester's mailbox, a real SMTP server, receives the letter and its enclosure. Every page
is checked with axe-core (WCAG 2.2 AA)."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, Site, running_site
from mail_messages import request_message
from mail_servers import Mailbox, smtp_server

playwright_sync = pytest.importorskip("playwright.sync_api")
from browser_cases_support import (  # noqa: E402
    approve_response,
    ask_for_sign_off,
    record_the_search,
    signed_in,
    task_a_unit,
)
from browser_support import Tab  # noqa: E402

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is installed by `make test`"
)

REQUESTER = "sam@public.example"
REQUEST = "Please send me your policy on sharing information with the Home Office."
POLICY = b"%PDF-1.4 the information sharing policy"


@pytest.fixture(scope="module")
def smtp() -> Iterator[Mailbox]:
    with smtp_server() as mailbox:
        yield mailbox


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, smtp: Mailbox) -> Iterator[Site]:
    # The site's e-mail goes to the test's SMTP server (settings read EMAIL_* from the
    # environment, which running_site passes on).
    names = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": smtp.host,
        "EMAIL_PORT": str(smtp.port),
    }
    saved = {name: os.environ.get(name) for name in names}
    os.environ.update(names)
    try:
        with running_site(tmp_path_factory.mktemp("site-h14a")) as running:
            yield running
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@pytest.fixture(scope="module")
def browser() -> Iterator:
    with playwright_sync.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def tab(browser, site: Site) -> Iterator[Tab]:
    context = browser.new_context()
    yield Tab(context.new_page(), site)
    context.close()


ENCLOSE = """
from datetime import date
from django.core.files.base import ContentFile
from answerable.casework.models import InformationRequest
from answerable.register.models import Document, DocumentVersion
case = InformationRequest.objects.get(reference=REFERENCE)
document = Document.objects.create(reference="ISP-H14A", title="Information sharing", kind="policy")
version = DocumentVersion(
    document=document, version="1.0", status="current", dated=date(2026, 1, 1)
)
version.file.save("information-sharing-policy.pdf", ContentFile(POLICY), save=False)
version.save()
question = case.questions.get(number=1)
question.answer_kind = "document"
question.answer_text = "Our policy is enclosed."
question.document = document
question.save()
"""


IN_FULL = re.compile("in full")


def test_the_public_asks_and_the_requester_receives_the_response(
    browser, tab: Tab, site: Site, smtp: Mailbox
) -> None:
    page = tab.page
    # A member of the public, not signed in, asks through the form.
    tab.go("/")
    tab.navigate(page.get_by_role("link", name="Ask us for information"))
    tab.check("h14a-request-start")
    tab.navigate(page.get_by_role("button", name="Start now"))
    tab.check("h14a-request-name")
    page.get_by_label("What is your name?").fill("Sam Public")
    tab.navigate(page.get_by_role("button", name="Continue"))
    tab.check("h14a-request-contact")
    page.get_by_label("Email address").fill(REQUESTER)
    tab.navigate(page.get_by_role("button", name="Continue"))
    page.get_by_label("What information do you want?").fill(REQUEST)
    tab.check("h14a-request-details")
    page.wait_for_timeout(5500)  # ANSWERABLE_FORM_MIN_SECONDS: faster is refused as spam
    tab.navigate(page.get_by_role("button", name="Continue"))
    assert page.get_by_role("heading", name="Check your answers").is_visible()
    tab.check("h14a-request-check")
    tab.navigate(page.get_by_role("button", name="Send request"))
    reference = page.locator("#reference").inner_text().strip()
    assert reference
    tab.check("h14a-request-sent")
    [ack] = smtp.to(REQUESTER)
    assert reference in ack["Subject"]

    # The officer answers with the policy (a document the register holds) and issues.
    script = ENCLOSE.replace("REFERENCE", repr(reference)).replace("POLICY", repr(POLICY))
    site.command("shell", "-c", script)
    tab.sign_in("foi-officer")
    # The officer asks the unit that keeps the policies to search, and records its search.
    task_a_unit(
        tab,
        reference,
        unit="Public Protection Unit",
        asked="Search for the current policy on sharing information with the Home Office.",
        due=date.today() + timedelta(days=7),
        name="h14-task",
    )
    record_the_search(
        tab,
        reference,
        where="Public protection policy library",
        terms="policy; information sharing; Home Office",
        found="The information sharing policy, version 1.0",
        minutes=30,
        name="h14-search",
    )
    # Signed off by someone else: the disclosure manager, in a browser of their own.
    ask_for_sign_off(tab, reference, notice=IN_FULL, name="h14-sign-off")
    with signed_in(browser, site, "disclosure-manager") as manager:
        approve_response(manager, reference, name="h14-approve")
    tab.go(f"/casework/{reference}/")
    tab.check("h14a-case-before-issue")
    page.locator("input[name=notice]").first.check()
    tab.navigate(page.get_by_role("button", name="Issue response"))
    assert page.get_by_role("heading", name="Sent to the requester").is_visible()
    tab.check("h14a-case-sent")

    # The requester's mailbox has the letter and its enclosure.
    response = [m for m in smtp.to(REQUESTER) if m is not ack]
    assert len(response) == 1
    files = {part.get_filename(): part.get_content() for part in response[0].iter_attachments()}
    letter = next(name for name in files if name.startswith(reference))
    assert files[letter].startswith(b"%PDF")
    assert files["ISP-H14A-1.0.pdf"] == POLICY  # named for the document and its version
    with sqlite3.connect(Path(site.database)) as database:
        status = database.execute(
            "SELECT d.status FROM casework_dispatch d JOIN casework_informationrequest r "
            "ON d.request_id = r.id WHERE r.reference = ? AND d.what = 'response'",
            (reference,),
        ).fetchone()
    assert status == ("sent",)


def test_an_officer_reads_the_messages_received(tab: Tab, site: Site, tmp_path: Path) -> None:
    page = tab.page
    message = tmp_path / "request.eml"
    message.write_bytes(
        request_message(message_id="<browser-h14a@requester.example>", body=REQUEST)
    )
    reference = site.command("mail", "receive", str(message)).strip()
    tab.sign_in("foi-officer")
    tab.go("/casework/")
    tab.navigate(page.get_by_role("link", name="Messages received"))
    tab.check("h14a-messages")
    # The message's own link, in the row of the case it was filed on.
    row = page.get_by_role("row").filter(has_text=reference)
    tab.navigate(row.get_by_role("link", name=re.compile(r"^Message \d+$")))
    assert page.get_by_role("heading", name="Text").is_visible()
    assert REQUEST in page.content()
    tab.check("h14a-message")
