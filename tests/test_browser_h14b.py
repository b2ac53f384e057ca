"""Issue 14 items 3 and 4 in Debian's Chromium: the FOI officer tasks a business unit,
records the search, asks for sign-off; the disclosure manager approves; the officer issues.

Each step is a function of a tab (test_browser_journeys.Tab: `page`, `site`, `go`, `check`,
`navigate`, `sign_in`) on a case's page, so another journey (intake by e-mail, dispatch)
can run the same steps; every page a step reaches is checked with axe-core (WCAG 2.2 AA)
and screenshotted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, Site, running_site

playwright_sync = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is installed by `make test`"
)

NOT_HELD = "Information not held (s17(1))"


@contextmanager
def signed_in(browser: Any, site: Site, username: str) -> Iterator[Any]:
    """A tab of its own (its own cookies) signed in as `username`."""
    from test_browser_journeys import Tab  # at run time: that module imports this one

    context = browser.new_context(accept_downloads=True)
    try:
        tab = Tab(context.new_page(), site)
        tab.sign_in(username)
        yield tab
    finally:
        context.close()


def open_case(tab: Any, reference: str) -> None:
    tab.go(f"/casework/{reference}/")
    assert reference in tab.page.locator("main").inner_text()


def task_a_unit(
    tab: Any, reference: str, *, unit: str, asked: str, due: date, name: str = "h14b-task"
) -> None:
    """From the case's page: task `unit`; a date past the statutory one is refused first."""
    page = tab.page
    open_case(tab, reference)
    tab.navigate(page.get_by_role("link", name="Task a business unit").first)
    tab.check(f"{name}-new")
    page.get_by_label("Business unit").select_option(label=unit)
    page.get_by_label("Search for information").check()
    page.get_by_label("What to search for or supply").fill(asked)
    page.get_by_label("Reply by").fill("31/12/2099")
    tab.navigate(page.get_by_role("button", name="Send the task"))
    assert "statutory due date" in page.locator(".govuk-error-summary").inner_text()
    tab.check(f"{name}-error")
    page.get_by_label("Reply by").fill(due.strftime("%d/%m/%Y"))
    tab.navigate(page.get_by_role("button", name="Send the task"))
    assert f"Task 1 sent to {unit}" in page.locator("main").inner_text()
    assert asked in page.locator("#tasks ~ table").first.inner_text()


def record_the_search(
    tab: Any,
    reference: str,
    *,
    where: str,
    terms: str,
    found: str,
    minutes: int,
    name: str = "h14b-search",
) -> None:
    """Record the search answering task 1; it completes the task and counts in the cost."""
    page = tab.page
    open_case(tab, reference)
    tab.navigate(page.get_by_role("link", name="Record its search for task 1"))
    tab.check(f"{name}-new")
    page.get_by_label("Where was searched").fill(where)
    page.get_by_label("Who searched").fill("Public Protection Unit analyst")
    page.get_by_label("Date searched").fill(date.today().strftime("%d/%m/%Y"))
    page.get_by_label("Search terms used").fill(terms)
    page.get_by_label("What was found").fill(found)
    page.get_by_label("Time spent, in minutes").fill(str(minutes))
    tab.navigate(page.get_by_role("button", name="Record the search"))
    main = page.locator("main").inner_text()
    assert where in main and terms in main
    assert f"Of which searches: {minutes} minutes recorded" in main
    tab.check(f"{name}-recorded")


def ask_for_sign_off(tab: Any, reference: str, *, notice: str, name: str = "h14b-sign-off") -> None:
    page = tab.page
    open_case(tab, reference)
    tab.navigate(page.get_by_role("link", name="Ask for sign-off"))
    tab.check(f"{name}-request")
    page.get_by_label(notice).check()
    page.get_by_label("Note for the approver").fill("Searches recorded on the case.")
    tab.navigate(page.get_by_role("button", name="Ask for sign-off"))
    main = page.locator("main").inner_text()
    assert "Sign-off asked for" in main and "waiting for approval" in main
    tab.check(f"{name}-asked")


def approve_response(tab: Any, reference: str, *, name: str = "h14b-approve") -> None:
    """As an approver (the disclosure manager): approve the response waiting for sign-off."""
    page = tab.page
    open_case(tab, reference)
    tab.navigate(page.get_by_role("link", name="Approve or reject the response").first)
    tab.check(f"{name}-decide")
    page.get_by_label("Approve the response").check()
    page.get_by_label("Comment").fill("Searches are adequate.")
    tab.navigate(page.get_by_role("button", name="Record the decision"))
    assert "Approved: the response can be issued" in page.locator("main").inner_text()
    tab.check(f"{name}-approved")


def issue_response(tab: Any, reference: str, *, notice: str, name: str = "h14b-issue") -> None:
    page = tab.page
    open_case(tab, reference)
    page.get_by_label(notice).check()
    tab.navigate(page.get_by_role("button", name="Issue response"))
    assert page.get_by_role("link", name="Download the letter (PDF)").is_visible()
    tab.check(f"{name}-issued")


def log_a_not_held_request(tab: Any, *, subject: str, question: str, answer: str) -> str:
    """Log a request of one question, answered "not held"; its reference."""
    page = tab.page
    tab.go("/casework/new/")
    page.get_by_label("Date received").fill(date.today().strftime("%d/%m/%Y"))
    page.get_by_label("Requester's name").fill("Sam Requester")
    page.get_by_label("Subject").fill(subject)
    page.get_by_label("The request as received").fill(question)
    page.get_by_label("Questions", exact=True).fill(question)
    tab.navigate(page.get_by_role("button", name="Log the request"))
    reference = page.url.rstrip("/").rsplit("/", 1)[-1]
    tab.go(f"/casework/{reference}/questions/1/")
    page.get_by_label("How it is answered").select_option("not_held")
    page.locator("[name=answer_text]").fill(answer)
    tab.navigate(page.get_by_role("button", name="Save question 1"))
    return reference


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with running_site(tmp_path_factory.mktemp("site-h14b")) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_sync.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def test_the_officer_tasks_searches_gets_sign_off_and_issues(browser: Any, site: Site) -> None:
    with signed_in(browser, site, "foi-officer") as officer:
        reference = log_a_not_held_request(
            officer,
            subject="Policy on referring victims to the Home Office",
            question="Do you hold a policy on referring victims of crime to the Home Office?",
            answer="No such policy is held: see the searches made.",
        )
        task_a_unit(
            officer,
            reference,
            unit="Public Protection Unit",
            asked="Search for any policy or guidance on referring victims to the Home Office.",
            due=date.today() + timedelta(days=7),
        )
        record_the_search(
            officer,
            reference,
            where="Public protection policy library",
            terms="policy; victim; Home Office; referral; immigration",
            found="Nothing held",
            minutes=75,
        )
        ask_for_sign_off(officer, reference, notice=NOT_HELD)
        # The officer cannot issue yet: the refusal says why.
        open_case(officer, reference)
        officer.page.get_by_label(NOT_HELD).check()
        officer.navigate(officer.page.get_by_role("button", name="Issue response"))
        summary = officer.page.locator(".govuk-error-summary").inner_text()
        assert re.search(r"needs 1 approval before it is issued, and has 0", summary)
        officer.check("h14b-issue-refused")

        with signed_in(browser, site, "disclosure-manager") as manager:
            approve_response(manager, reference)

        issue_response(officer, reference, notice=NOT_HELD)
        main = officer.page.locator("main").inner_text()
        assert "By disclosure-manager" in main and "Public protection policy library" in main
