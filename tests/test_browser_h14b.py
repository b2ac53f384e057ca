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
from datetime import date, timedelta
from typing import Any

import pytest
from browser_cases_support import (
    NOT_HELD,
    approve_response,
    ask_for_sign_off,
    issue_response,
    log_a_not_held_request,
    open_case,
    record_the_search,
    signed_in,
    task_a_unit,
)
from browser_support import CHROMIUM, CHROMIUM_ARGS, Site, running_site

playwright_sync = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is installed by `make test`"
)


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
