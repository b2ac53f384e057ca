"""Issue 15 in the browser: the data protection officer states a reason before a person's
record opens, and the ICCE coordinator records a transfer abroad; each page checked with
axe-core (WCAG 2.2 AA) and for content security policy violations, its screenshot kept in
test-artifacts/screenshots/."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from browser_support import (
    ARTEFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    Site,
    axe_violations,
    describe,
    running_site,
)

playwright_sync = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is installed by `make test`"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with running_site(tmp_path_factory.mktemp("site")) as running:
        yield running


@pytest.fixture
def page(site: Site) -> Iterator:
    with playwright_sync.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = chromium.new_context()
        opened = context.new_page()
        problems: list[str] = []
        opened.on(
            "console",
            lambda message: (
                problems.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        opened.problems = problems
        yield opened
        chromium.close()


def check(page, name: str) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"h15b-{name}.png"), full_page=True)
    violations = axe_violations(page)
    assert not violations, f"{name}: WCAG 2.2 AA violations:\n{describe(violations)}"
    assert not page.problems, f"{name}: {page.problems}"


def sign_in(page, site: Site, username: str) -> None:
    page.goto(site.url + "/sign-in/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(site.password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def query(site: Site, sql: str) -> tuple:
    with sqlite3.connect(Path(site.database)) as database:
        return database.execute(sql).fetchone()


def test_the_dpo_states_a_reason_before_a_persons_record_opens(page, site: Site) -> None:
    sign_in(page, site, "dpo")
    (person,) = query(site, "SELECT id FROM register_person ORDER BY id LIMIT 1")
    page.goto(f"{site.url}/register/people/{person}/")
    assert page.get_by_role("heading", name=f"Why are you opening person {person}?").is_visible()
    check(page, "dpo-reason")
    with page.expect_navigation():
        page.get_by_role("button", name="Open the record").click()
    assert page.locator(".govuk-error-summary").is_visible()
    check(page, "dpo-reason-errors")
    page.get_by_label("A subject access request (DPA 2018 s45)").check()
    page.get_by_label("Your reference, or what you are checking").fill("SAR-2026-0042")
    with page.expect_navigation():
        page.get_by_role("button", name="Open the record").click()
    assert page.get_by_role("heading", name="Custody episodes").is_visible()
    check(page, "dpo-person-record")
    (purpose,) = query(
        site,
        "SELECT purpose FROM audit_auditentry WHERE record_type = 'register.person' "
        f"AND record_id = '{person}' AND action = 'consultation' ORDER BY sequence DESC",
    )
    assert purpose == "data protection officer: subject_access"


def test_the_icce_coordinator_records_a_transfer_abroad(page, site: Site) -> None:
    sign_in(page, site, "icce")
    icce, sent_on = query(
        site,
        "SELECT r.id, r.sent_on FROM register_iccerequest r JOIN register_division d "
        "ON r.division_id = d.id WHERE d.code = 'G' ORDER BY r.id LIMIT 1",
    )
    page.goto(f"{site.url}/register/icce/{icce}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Record a transfer abroad").click()
    check(page, "icce-transfer")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    assert page.locator(".govuk-error-summary").is_visible()
    check(page, "icce-transfer-errors")
    page.get_by_label("Recipient country").select_option("PL")
    page.get_by_label("Recipient authority").fill("Central criminal records authority")
    page.get_by_label("Appropriate safeguards (s75)").check()
    page.get_by_label("Date of transfer").fill(date.fromisoformat(sent_on).strftime("%d/%m/%Y"))
    page.get_by_label("Identity (name, date and place of birth)").check()
    page.get_by_label("Authorised by").fill("Insp 1234")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    assert page.locator(".govuk-notification-banner--success").is_visible()
    assert "Transfers abroad (DPA 2018 Part 3 Chapter 5)" in page.locator("main").inner_text()
    check(page, "icce-transfer-recorded")
