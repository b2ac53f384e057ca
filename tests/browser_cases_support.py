"""Shared by the browser tests of FOI casework: a tab signed in as a user, and the steps of a
case (open, task a unit, record the search, ask for sign-off, approve, issue, log a request)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from browser_support import Site, Tab

NOT_HELD = "Information not held (s17(1))"


@contextmanager
def signed_in(browser: Any, site: Site, username: str) -> Iterator[Any]:
    """A tab of its own (its own cookies) signed in as `username`."""
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
