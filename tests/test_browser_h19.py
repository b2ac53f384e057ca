"""Staff pages read at a glance (issue 19), in Debian's Chromium with axe-core: the
dashboard (its charts' text at body size, a divisional user's division beside the force),
the audit trail in sentences, empty and no-result lists, and an answers PDF's first page.

Screenshots kept in test-artifacts/screenshots/: dashboard.png, dashboard-division.png,
audit-trail.png, empty-list.png, no-results.png and answers-pdf.png (the PDF's first page,
drawn by pdftoppm from poppler-utils, which `make browser` installs).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import ARTEFACTS, CHROMIUM, CHROMIUM_ARGS, Site, Tab, running_site
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
    # A desktop window at normal zoom: GOV.UK's page is then at its widest, 960px.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield Tab(page, site)
    context.close()


def rendered_sizes(tab: Tab, selector: str) -> list[float]:
    """The height on screen, in CSS pixels, of each element's text: what a reader sees."""
    return tab.page.eval_on_selector_all(
        selector, "nodes => nodes.map(n => n.getBoundingClientRect().height)"
    )


def test_the_dashboard_charts_are_legible_and_periods_in_words(tab: Tab) -> None:
    page = tab.page
    tab.sign_in("foi-officer")
    main = page.locator("main").inner_text()
    assert "The last 12 complete months:" in main
    # Chart labels drawn at body size (16px text is about 18px high on screen), not scaled down.
    sizes = rendered_sizes(tab, "#by-station-title ~ * .app-chart__label, .app-chart__label")
    assert sizes and min(sizes) >= 14, sizes
    # Months as words in the tables and charts, never "2026-01".
    months = page.locator("#by-month ~ .govuk-grid-row").first.inner_text()
    assert any(month in months for month in ("January", "June", "December", "March"))
    assert not re.search(r"\b20\d\d-\d\d\b", main)
    tab.check("dashboard")


def test_a_divisional_user_sees_their_division_beside_the_force(tab: Tab) -> None:
    page = tab.page
    tab.sign_in("custody")
    assert page.locator("#by-month-division").is_visible()
    assert "division (G)" in page.locator("#by-month-division").inner_text()
    tab.check("dashboard-division")


def test_the_audit_trail_reads_as_sentences(tab: Tab) -> None:
    page = tab.page
    tab.sign_in("dpo")
    dashboards = "Combined the register's records into the dashboard's"
    combinations = "/audit/?actor=dpo&action=combination"
    tab.go(combinations)
    before = page.locator("main").inner_text().count(dashboards)
    tab.go("/staff/")  # a dashboard view: one entry, not one per question
    tab.go(combinations)
    assert page.locator("main").inner_text().count(dashboards) == before + 1
    tab.go("/register/custody/")  # a page of a register list
    tab.navigate(page.locator("main table a.govuk-link").first)  # a record's page
    # The DPO states why before a record opens (issue 15).
    page.get_by_label("A subject access request (DPA 2018 s45)").check()
    page.get_by_label("Your reference, or what you are checking").fill("SAR-2026-0042")
    tab.navigate(page.get_by_role("button", name="Open the record"))
    tab.go("/audit/")
    main = page.locator("main").inner_text()
    assert "Consulted" in main and "custody episode" in main
    assert re.search(r"Consulted \d+ custody episodes in a register list \(page 1\)", main)
    assert "{'" not in main and "asks:" not in main and "Icce request" not in main
    # The record consulted is linked to its register page.
    assert page.locator("main td a[href^='/register/custody/']").count() >= 1
    tab.check("audit-trail")


def test_an_empty_list_and_a_search_with_no_match_say_what_to_do(tab: Tab) -> None:
    page = tab.page
    tab.sign_in("foi-officer")
    tab.go("/casework/?reference=NO-SUCH-CASE")
    state = page.locator("[data-empty-state]")
    assert state.get_attribute("data-empty-state") == "no-results"
    assert "No cases match your search" in state.inner_text()
    assert "Correct the search" not in page.locator("main").inner_text()
    tab.check("empty-list")
    # A search that is not valid still says to correct it, and shows no empty state.
    tab.go("/disclosure-log/?issued_from=31/02/2024")
    assert "Correct the search or filters" in page.locator("main").inner_text()
    assert not page.locator("[data-empty-state]").count()


def test_the_audit_trail_with_no_match(tab: Tab) -> None:
    page = tab.page
    tab.sign_in("dpo")
    tab.go("/audit/?actor=nobody-at-all")
    state = page.locator("[data-empty-state]")
    assert state.get_attribute("data-empty-state") == "no-results"
    assert "No audit trail entries match your search" in state.inner_text()
    tab.check("no-results")


def test_the_answers_pdf_has_its_period_on_page_1_and_the_marking_once(
    tab: Tab, tmp_path: Path
) -> None:
    tab.sign_in("foi-officer")
    query = "question=custody-count&from=01/04/2017&to=31/03/2018&by=station&and_by=duration"
    response = tab.page.context.request.get(f"{tab.site.url}/answers/download.pdf?{query}")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "answer.pdf"
    pdf.write_bytes(response.body())
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(response.body())).pages]
    assert "Period: 1 April 2017 to 31 March 2018" in pages[0]
    assert all(text.count("OFFICIAL") == 1 for text in pages)
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm (poppler-utils) is installed by `make browser`"
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
         str(ARTEFACTS / "answers-pdf")],
        check=True,
        timeout=60,
    )  # fmt: skip
    assert (ARTEFACTS / "answers-pdf.png").stat().st_size > 10_000


STATEMENT_SECTIONS = (
    "How accessible this service is",
    "Feedback and contact information",
    "Reporting accessibility problems with this service",
    "Enforcement procedure",
    "Compliance status",
    "Non-accessible content",
    "Preparation of this accessibility statement",
)


def test_the_accessibility_statement_has_the_required_sections(tab: Tab) -> None:
    page = tab.page
    tab.go("/accessibility/")
    for section in STATEMENT_SECTIONS:
        assert page.get_by_role("heading", name=section).count() == 1, section
    main = page.locator("main").inner_text()
    assert "Equality and Human Rights Commission (EHRC)" in main and "ECNI" in main
    assert "axe-core" in main and "partially compliant" in main
    assert page.locator("main a[href^='mailto:'][href*='@']").count() >= 1
    tab.check("accessibility")


def test_the_administration_pages_look_like_the_service(tab: Tab) -> None:
    page = tab.page
    tab.sign_in("administrator")
    tab.go("/admin/")
    header = page.locator("#header")
    colour = header.evaluate("node => getComputedStyle(node).backgroundColor")
    assert colour == "rgb(29, 112, 184)"  # GOV.UK blue, as the service's header
    font = page.locator("body").evaluate("node => getComputedStyle(node).fontFamily")
    assert "arial" in font.lower()
    assert page.get_by_role("link", name="Back to the staff pages").is_visible()
    # Not in the axe-core checks (the accessibility statement says so): a screenshot only.
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "admin.png"), full_page=True)
