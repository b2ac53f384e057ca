"""The public copy of a demo response in Debian's Chromium (issue 13): the disclosure log's
page for seed 000's response (FOI 23-1751) and its PDF, with an accessibility check, and the
staff preview. Two screenshots are kept in test-artifacts/screenshots/: the page
(public-copy-page.png) and the PDF's first page rendered by pdftoppm (public-copy-pdf.png).
"""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Iterator
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
from pypdf import PdfReader

playwright_sync = pytest.importorskip("playwright.sync_api")

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium: `make browser`"),
    pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils: `make browser`"),
]

REFERENCE = "23-1751"


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
def page(browser) -> Iterator:
    context = browser.new_context()
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda m: (
            problems.append(m.text)
            if "Content Security Policy" in m.text or m.type == "error"
            else None
        ),
    )
    page.problems = problems
    yield page
    context.close()


def check(page, name: str | None = None) -> None:
    if name:
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)
    violations = axe_violations(page)
    assert not violations, f"{name or page.url}: WCAG 2.2 AA violations:\n{describe(violations)}"
    assert not page.problems, f"{name or page.url}: console errors: {page.problems}"


def test_the_public_copy_of_seed_000s_response_and_its_pdf(page, site: Site, tmp_path: Path):
    page.goto(f"{site.url}/disclosure-log/{REFERENCE}/")
    main = page.locator("main").inner_text()
    # The review and appeal routes work: the authority's and the Commissioner's contacts.
    for contact in ("foi@scotland.police.uk", "G40 4EH", "enquiries@foi.scot", "KY16 9DS"):
        assert contact in main, contact
    assert "Demonstration Requester" not in main and "[personal data removed]" not in main
    # The outcome is read from the response: it withholds and points to a published
    # document, so it is not "supplied in full".
    assert "Information supplied in full" not in main
    # Documents released with the response, and the 2016 agreement's published address.
    assert "DEMO-UMOU-1.0.pdf" in main and "disclosure-log" in main
    check(page, "public-copy-page")

    href = page.get_by_role("link", name=f"Download the response {REFERENCE} (PDF)").get_attribute(
        "href"
    )
    pdf = page.context.request.get(site.url + href)
    assert pdf.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.body()))
    first = reader.pages[0].extract_text()
    assert f"Our reference: {REFERENCE}" in first and "OFFICIAL" in first
    assert f"Page 1 of {len(reader.pages)}" in first
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "enquiries@foi.scot" in text and "[personal data removed]" not in text

    source = tmp_path / "public-copy.pdf"
    source.write_bytes(pdf.body())
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(source),
            str(ARTEFACTS / "public-copy-pdf"),
        ],
        check=True,
        timeout=60,
    )
    assert (ARTEFACTS / "public-copy-pdf.png").stat().st_size > 10_000


def test_staff_preview_the_public_copy_and_the_public_cannot(page, site: Site):
    response = page.goto(f"{site.url}/disclosure-log/preview/{REFERENCE}/")
    assert "/sign-in/" in page.url and response.status == 200
    page.get_by_label("User name").fill("foi-officer")
    page.get_by_label("Password").fill(site.password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    assert page.url.endswith(f"/disclosure-log/preview/{REFERENCE}/")
    main = page.locator("main").inner_text()
    assert "Staff preview" in main and "enquiries@foi.scot" in main
    check(page)
