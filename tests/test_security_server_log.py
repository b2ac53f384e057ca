"""gunicorn's own logs are redacted as the application's are, one line per event (issue 15).

A real gunicorn, started with answerable/gunicorn_conf.py, is sent a path holding an
e-mail address and an encoded line break followed by a forged log line.
"""

import http.client
import logging
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from answerable.web.logging import OneLineFormatter, RedactPersonalData, one_line

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
# Decoded by the server (PATH_INFO): a line break, then what looks like another request.
FORGED = "/casework/jane.doe@example.org/%0D%0A[01/Jan/2026:00:00:00%20+0000]%20%22GET%20/admin/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int, seconds: float = 60) -> None:
    """Until gunicorn listens (a connection, no request: nothing is logged)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def request(port: int, path: str) -> None:
    """One request, never retried: each is one line of the access log."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("GET", path, headers={"Host": "localhost"})
    connection.getresponse().read()
    connection.close()


@pytest.fixture
def server_logs(tmp_path: Path):
    port = free_port()
    access, errors = tmp_path / "access.log", tmp_path / "error.log"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "ANSWERABLE_", "DEBUG", "GUNICORN_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "answerable.settings",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ANSWERABLE_PSEUDONYM_KEY": secrets.token_urlsafe(32),
            "ANSWERABLE_VAR_DIR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "ALLOWED_HOSTS": "localhost",
            "ANSWERABLE_HTTPS": "0",
            "ANSWERABLE_ASSETS_DIR": str(ROOT / "var" / "assets"),
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": "1",
            "GUNICORN_ACCESS_LOG": str(access),
            "LOG_LEVEL": "info",
        }
    )
    with (tmp_path / "stderr.log").open("w") as stderr:
        server = subprocess.Popen(
            [
                str(GUNICORN),
                "-c",
                "answerable/gunicorn_conf.py",
                "--error-logfile",
                str(errors),
                "answerable.wsgi",
            ],
            env=env,
            cwd=ROOT,
            stdout=stderr,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for(port)
            request(port, FORGED)
            request(port, "/ok/")
        finally:
            server.terminate()
            server.wait(timeout=30)
    return access.read_text(), errors.read_text()


def test_gunicorn_access_and_error_logs_are_redacted_one_line_per_event(server_logs) -> None:
    access, errors = server_logs
    lines = access.splitlines()
    assert len(lines) == 2, access  # two requests, two lines: nothing forged
    assert "jane.doe" not in access and "example.org" not in access
    assert "/casework/[email]/\\r\\n[01/Jan/2026" in lines[0]
    assert '"GET /ok/" ' in lines[1]
    assert all(line.startswith("[") for line in errors.splitlines()), errors
    assert "Booting worker" in errors  # the error log is written, through the same class


def test_a_message_with_line_breaks_is_one_line() -> None:
    assert one_line("a\r\nb\x1b[31m") == "a\\r\\nb\\x1b[31m"


def test_a_traceback_is_one_line_in_the_server_log() -> None:
    record = logging.LogRecord("gunicorn.error", logging.ERROR, __file__, 1, "x %s", ("y",), None)
    try:
        raise ValueError("bad\nFORGED line from jane@example.org")
    except ValueError:
        record.exc_info = sys.exc_info()
    RedactPersonalData().filter(record)
    text = OneLineFormatter(logging.Formatter("%(message)s")).format(record)
    assert "\n" not in text
    assert text.startswith("x y\\nTraceback")
    assert "bad\\nFORGED line from [email]" in text
