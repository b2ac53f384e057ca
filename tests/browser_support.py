"""The browser tests' running service and browser (tests/test_browser_journeys.py).

The service runs as it does in production: gunicorn, DEBUG off, static files collected and
served by WhiteNoise, the content security policy on, with the synthetic demo register and
one demo user per role, in a database of its own (a temporary SQLite file). The browser is
Debian's Chromium driven by Playwright, never a browser a test tool downloads.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Locator

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTEFACTS = ROOT / "test-artifacts" / "screenshots"
# Chromium's flags on this machine: no sandbox as root, and no background connections,
# which a closed network refuses by the dozen (machine notes: "Known to work").
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# WCAG 2.2 AA, as axe-core tags it.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@dataclass
class Site:
    url: str
    password: str
    database: Path
    env: dict[str, str] = field(repr=False)

    def command(self, *args: str) -> str:
        """Run an `answerable` command against the site's database; its standard output."""
        result = subprocess.run(
            [str(BIN / "answerable"), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode != 0:
            raise RuntimeError(f"answerable {' '.join(args)} failed:\n{result.stderr}")
        return result.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_environment(folder: Path, port: int, password: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "ANSWERABLE_", "DEBUG"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "answerable.settings",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ANSWERABLE_PSEUDONYM_KEY": secrets.token_urlsafe(32),
            "ANSWERABLE_VAR_DIR": str(folder),
            "DATABASE_URL": f"sqlite:///{folder / 'answerable.sqlite3'}",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "ANSWERABLE_HTTPS": "0",
            "ANSWERABLE_DEMO_PASSWORD": password,
            "ANSWERABLE_ASSETS_DIR": str(ROOT / "var" / "assets"),
        }
    )
    return env


@contextmanager
def running_site(folder: Path) -> Iterator[Site]:
    port = free_port()
    password = secrets.token_urlsafe(12)
    env = site_environment(folder, port, password)
    site = Site(f"http://127.0.0.1:{port}", password, folder / "answerable.sqlite3", env)
    site.command("migrate", "--noinput", "--verbosity", "0")
    site.command("demo", "--no-progress")
    site.command("demousers")
    site.command("collectstatic", "--noinput", "--verbosity", "0")
    log = (folder / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "answerable.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=ROOT,
    )
    try:
        wait_until_serving(site.url, server)
        yield site
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def wait_until_serving(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited before serving: see gunicorn.log")
        try:
            with urllib.request.urlopen(url + "/", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.2 AA violations on the page as it stands.

    Evaluated through the DevTools protocol, which the page's content security policy does
    not govern, so the check needs no exception in the policy the public gets.
    """
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    return result["violations"]


def describe(violations: list[dict]) -> str:
    return json.dumps(
        [
            {
                "rule": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "where": [node["target"] for node in v["nodes"]][:5],
            }
            for v in violations
        ],
        indent=2,
    )


class Tab:
    """A browser tab that checks every page it is asked to look at."""

    def __init__(self, page, site: Site) -> None:
        self.page, self.site = page, site
        self.problems: list[str] = []
        page.on("console", self._console)

    def _console(self, message) -> None:
        # A refusal the journey asked for (its 403 page) is not a problem; anything else
        # the browser complains of (a policy violation, a missing file) is.
        if message.location.get("url") == self.page.url and "status of 403" in message.text:
            return
        if "Content Security Policy" in message.text or message.type == "error":
            self.problems.append(message.text)

    def go(self, path: str):
        return self.page.goto(self.site.url + path)

    def check(self, name: str) -> None:
        """Screenshot, accessibility and policy check of the page as it stands."""
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)
        violations = axe_violations(self.page)
        assert not violations, f"{name}: WCAG 2.2 AA violations:\n{describe(violations)}"
        assert not self.problems, f"{name}: console errors: {self.problems}"

    def navigate(self, target: Locator) -> None:
        """Click a link or button that loads a page, and wait for that page.

        A bare click returns before the browser has navigated, so a look straight after it
        can see the page being left (a flaky failure seen in CI).
        """
        with self.page.expect_navigation():
            target.click()

    def sign_in(self, username: str) -> None:
        self.go("/sign-in/")
        self.page.get_by_label("User name").fill(username)
        self.page.get_by_label("Password").fill(self.site.password)
        self.navigate(self.page.get_by_role("button", name="Sign in"))
