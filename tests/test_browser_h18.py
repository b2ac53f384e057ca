"""Issue 18, "Done when": a member of the public opens the statistics page, reads a table and
its chart, downloads the CSV, and the figures equal `answerable ask` of the same definition
under disclosure control. Every page is checked with axe-core (WCAG 2.2 AA) and for content
security policy violations; screenshots in test-artifacts/screenshots/.

The site is the browser journeys' own (tests/browser_support.py): gunicorn, DEBUG off, the
demo register, whose `answerable demo` publishes the last quarters' editions.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
import urllib.request
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

playwright_sync = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is installed by `make test`"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with running_site(tmp_path_factory.mktemp("site-h18")) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator:
    with playwright_sync.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, site: Site) -> Iterator:
    context = browser.new_context(accept_downloads=True)
    tab = context.new_page()
    problems: list[str] = []
    tab.on(
        "console",
        lambda m: (
            problems.append(m.text)
            if "Content Security Policy" in m.text or m.type == "error"
            else None
        ),
    )
    tab.problems = problems
    yield tab
    context.close()


def check(page, name: str) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)
    violations = axe_violations(page)
    assert not violations, f"{name}: WCAG 2.2 AA violations:\n{describe(violations)}"
    assert not page.problems, f"{name}: console errors: {page.problems}"


def ask_json(site: Site, definition: dict) -> dict:
    """`answerable ask` of a stored definition, under disclosure control, as JSON."""
    args = ["ask", definition["question"], "--format", "json"]
    if definition.get("from"):
        args += ["--from", definition["from"]]
    if definition.get("to"):
        args += ["--to", definition["to"]]
    if definition.get("by"):
        args += ["--by", ",".join(definition["by"])]
    for name, values in (definition.get("where") or {}).items():
        args += ["--where", f"{name}={','.join(values)}"]
    args += ["--bands", ",".join(str(b) for b in definition["bands"])]
    args += ["--ages", ",".join(str(a) for a in definition["ages"])]
    args += ["--count", definition["count"]]
    return json.loads(site.command(*args))


def latest_edition(site: Site) -> dict:
    """The newest edition, from the open JSON endpoint (no token)."""
    with urllib.request.urlopen(site.url + "/api/v1/statistics/") as response:
        return json.loads(response.read())[0]


def test_a_member_of_the_public_reads_a_table_and_its_chart_and_downloads_the_csv(
    page, site: Site
) -> None:
    edition = latest_edition(site)
    table = edition["tables"][0]  # custody episodes by division, the latest quarter
    document = table["answer"]
    dimension = document["by"][0]

    response = page.goto(site.url + "/statistics/")
    assert response.status == 200
    assert "/sign-in/" not in page.url  # no sign-in asked of the public
    heading = page.get_by_role("heading", name=f"Table 1: {table['title']}").first
    assert heading.is_visible()
    check(page, "statistics-latest")

    # The table as a reader sees it: one row per division, then the total.
    section = page.locator("section", has=heading)
    shown = {}
    for row in section.locator("table tbody tr").all():
        label = row.locator("th").inner_text().strip()
        shown[label] = row.locator("td").last.inner_text().strip()
    # Its chart: an image with a title, one bar value per division ([c] where withheld).
    chart = section.locator("svg.app-chart")
    assert chart.get_attribute("role") == "img"
    assert (
        "Immigration-related custody episodes by division" in chart.locator("title").text_content()
    )
    bar_values = [v.text_content() or "" for v in chart.locator(".app-chart__value").all()]

    with page.expect_download() as download_info:
        section.get_by_role("link", name=re.compile(r"^CSV")).click()
    path = download_info.value.path()
    rows = list(csv.reader(io.StringIO(Path(path).read_text(encoding="utf-8"))))
    assert rows[0][-1] == "Count"
    from_csv = {row[0]: row[1] for row in rows[1:]}

    # The same definition asked with `answerable ask`, under disclosure control.
    asked = ask_json(site, table["definition"])
    expected = {cell[dimension]: cell["display"] for cell in asked["cells"]}
    expected["Total"] = asked["total"]["display"]
    assert from_csv == expected
    assert [cell for cell in asked["cells"] if cell["status"] == "shown"], "nothing shown"
    # The page and the chart show the same figures (numbers with thousands separators).
    assert sorted(v.replace(",", "") for v in shown.values()) == sorted(expected.values())
    held = [cell["display"] for cell in asked["cells"] if cell["status"] != "not_held"]
    assert [v.replace(",", "") for v in bar_values] == held


def test_the_edition_calendar_and_earlier_editions_pages(page, site: Site) -> None:
    edition = latest_edition(site)
    for path, name in (
        (edition["page"].removeprefix(site.url), "statistics-edition"),
        ("/statistics/editions/", "statistics-editions"),
        ("/statistics/calendar/", "statistics-calendar"),
    ):
        started = time.perf_counter()
        response = page.goto(site.url + path)
        assert response.status == 200, path
        assert time.perf_counter() - started < 2  # the page load, browser included
        check(page, name)
    assert "Announced" in page.content()
