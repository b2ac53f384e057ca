"""The four journeys of issue 6, in Debian's Chromium, with an accessibility check per page.

Each page a journey reaches is checked with axe-core against WCAG 2.2 AA and for content
security policy violations, and its screenshot is kept in test-artifacts/screenshots/.
"""

from __future__ import annotations

import io
import re
import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from browser_cases_support import approve_response, ask_for_sign_off, open_case, signed_in
from browser_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    Site,
    Tab,
    running_site,
)
from pypdf import PdfReader

playwright_sync = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is installed by `make test`"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with running_site(tmp_path_factory.mktemp("site")) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator:
    with playwright_sync.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def tab(browser, site: Site) -> Iterator[Tab]:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    yield Tab(page, site)
    context.close()


def test_start_and_sign_in_pages_look_like_a_public_service(tab: Tab) -> None:
    response = tab.go("/")
    assert response.status == 200
    assert "Content-Security-Policy" in response.headers or "content-security-policy" in {
        key.lower() for key in response.headers
    }
    # GOV.UK Frontend's stylesheet is applied (header in its colour) and its scripts ran.
    assert tab.page.locator("header.govuk-header").is_visible()
    assert "govuk-frontend-supported" in tab.page.locator("body").get_attribute("class")
    tab.check("start")
    tab.go("/sign-in/")
    tab.check("sign-in")


def one_id(site: Site, table: str) -> int:
    with sqlite3.connect(Path(site.database)) as database:
        return database.execute(f"SELECT id FROM {table} ORDER BY id LIMIT 1").fetchone()[0]


SEED_001_QUESTION = (
    "How many people were held in police custody under immigration powers in 2017/18, by "
    "custody centre and length of detention (up to 24 hours, 25 to 48 hours, over 48 hours)?"
)


def test_an_foi_officer_answers_seed_001s_question_and_downloads_the_letter(
    tab: Tab, browser
) -> None:
    page = tab.page
    tab.sign_in("foi-officer")
    assert page.get_by_role("heading", name="Dashboard").is_visible()
    tab.check("dashboard")

    # The request arrives and is logged.
    tab.navigate(page.get_by_role("link", name="Cases", exact=True))
    tab.check("case-list")
    tab.navigate(page.get_by_role("button", name="Log a new request"))
    page.get_by_label("Act or regulations").select_option("foisa")
    page.get_by_label("Date received").fill(date.today().strftime("%d/%m/%Y"))
    page.get_by_label("How it was received").select_option("email")
    page.get_by_label("Requester's name").fill("Alex Requester")
    page.get_by_label("Requester's e-mail address").fill("alex.requester@example.org")
    page.get_by_label("Subject").fill("Immigration detentions in police custody, 2017/18")
    page.get_by_label("The request as received").fill(SEED_001_QUESTION)
    page.get_by_label("Questions", exact=True).fill(SEED_001_QUESTION)
    tab.check("case-new")
    tab.navigate(page.get_by_role("button", name="Log the request"))
    reference = page.url.rstrip("/").rsplit("/", 1)[-1]
    assert page.get_by_text(SEED_001_QUESTION).first.is_visible()

    # The officer answers it from the register, under disclosure control.
    tab.navigate(page.get_by_role("link", name="Answers", exact=True))
    page.locator("[name=question]").select_option("custody-count")
    page.locator("[name=from]").fill("01/04/2017")
    page.locator("[name=to]").fill("31/03/2018")
    page.locator("[name=by]").select_option("station")
    page.locator("[name=and_by]").select_option("duration")
    page.get_by_text("Time in custody and age bands").click()
    page.locator("[name=bands]").fill("24, 48")
    tab.navigate(page.get_by_role("button", name="Get the figures"))
    table = page.locator("table.govuk-table").first
    assert "537" in table.inner_text()  # seed 001's total, as the demo register is calibrated
    assert page.locator("svg.app-chart").first.is_visible()
    tab.check("answer")

    # ... attaches the table to the case's question 1 ...
    page.get_by_label("A question the case already has").check()
    case = page.locator("[name=case] option", has_text=reference).get_attribute("value")
    page.locator("[name=case]").select_option(case)
    page.get_by_label("Existing question").select_option(index=1)
    tab.navigate(page.get_by_role("button", name="Attach to the case"))
    assert reference in page.url
    assert "537" in page.locator("main").inner_text()
    tab.check("case")

    # ... asks for sign-off, which the disclosure manager gives (issue 14) ...
    ask_for_sign_off(tab, reference, notice=re.compile("in full"), name="seed-001")
    with signed_in(browser, tab.site, "disclosure-manager") as manager:
        approve_response(manager, reference, name="seed-001")
    open_case(tab, reference)

    # ... issues the full response, and downloads the letter as sent.
    page.get_by_label("Information supplied in full").check()
    tab.navigate(page.get_by_role("button", name="Issue response"))
    with page.expect_download() as waiting:
        page.get_by_role("link", name="Download the letter (PDF)").click()
    letter = Path(waiting.value.path()).read_bytes()
    assert letter.startswith(b"%PDF")
    text = "".join(part.extract_text() for part in PdfReader(io.BytesIO(letter)).pages)
    assert reference in text and "537" in text
    tab.check("case-issued")


def test_a_member_of_the_public_finds_seed_001s_response_in_the_disclosure_log(tab: Tab) -> None:
    page = tab.page
    tab.go("/")
    tab.navigate(page.get_by_role("link", name="disclosure log").first)
    tab.check("disclosure-log")
    page.get_by_label("Search the disclosure log").fill("immigration detentions")
    tab.navigate(page.get_by_role("button", name="Search"))
    tab.check("disclosure-log-search")
    tab.navigate(page.get_by_role("link", name="IM-FOI-2018-1421"))
    assert "IM-FOI-2018-1421" in page.locator("main").inner_text()
    assert "537" in page.locator("main").inner_text()
    tab.check("disclosure-log-response")
    href = page.get_by_role("link", name=re.compile("PDF")).first.get_attribute("href")
    pdf = page.context.request.get(tab.site.url + href)
    assert pdf.headers["content-type"] == "application/pdf"
    # Nothing personal and no staff section is offered to the public.
    assert not page.get_by_role("link", name="Register").count()


def test_an_foi_officer_is_refused_a_persons_record(tab: Tab, site: Site) -> None:
    page = tab.page
    tab.sign_in("foi-officer")
    assert not page.get_by_role("link", name="Register", exact=True).count()
    for table, path in (
        ("register_person", "/register/people/{}/"),
        ("register_custodyepisode", "/register/custody/{}/"),
    ):
        response = tab.go(path.format(one_id(site, table)))
        assert response.status == 403, path
        assert page.get_by_role("heading", name="You do not have access to this page").is_visible()
    tab.check("refused")


def test_a_custody_officer_records_an_nccu_contact(tab: Tab, site: Site) -> None:
    page = tab.page
    tab.sign_in("custody")
    tab.navigate(page.get_by_role("link", name="Register", exact=True))
    tab.check("register")
    tab.navigate(page.get_by_role("link", name="NCCU contacts").first)
    tab.check("nccu-list")
    tab.navigate(page.get_by_role("button", name="Record an NCCU contact"))
    tab.check("nccu-new")
    # Sent empty first: the errors are listed and each field says what to do.
    tab.navigate(page.get_by_role("button", name="Save"))
    assert page.locator(".govuk-error-summary").is_visible()
    tab.check("nccu-new-errors")
    before = count_rows(site, "register_nccucontact"), count_rows(site, "register_disclosure")

    # Yesterday: a contact at 09:30 today would be in the future before 09:30.
    today = date.today() - timedelta(days=1)
    # The GOV.UK date input: day, month and year.
    page.locator("[name=contacted_at_date_day]").fill(str(today.day))
    page.locator("[name=contacted_at_date_month]").fill(str(today.month))
    page.locator("[name=contacted_at_date_year]").fill(str(today.year))
    page.locator("[name=contacted_at_time]").fill("09:30")
    page.locator("[name=channel]").select_option("phone")
    page.locator("[name=station]").select_option(index=1)
    page.locator("[name=reference]").fill("NCCU-BROWSER-1")
    page.locator("[name=officer]").fill("PC 4321")
    page.locator("[name=role]").select_option("victim")
    page.locator("[name=crime_type]").select_option("domestic_abuse")
    page.locator("[name=trigger]").select_option("victim_or_witness")
    page.locator("[name=sex]").select_option("female")
    page.locator("[name=age]").fill("34")
    tab.navigate(page.get_by_role("button", name="Save"))

    assert page.locator(".govuk-notification-banner--success").is_visible()
    assert "NCCU-BROWSER-1" in page.locator("main").inner_text()
    tab.check("nccu-record")
    # The contact and the disclosure of the victim's data it made (the disclosure register
    # is complete: every sharing is a disclosure).
    after = count_rows(site, "register_nccucontact"), count_rows(site, "register_disclosure")
    assert after == (before[0] + 1, before[1] + 1)


def count_rows(site: Site, table: str) -> int:
    with sqlite3.connect(Path(site.database)) as database:
        return database.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
