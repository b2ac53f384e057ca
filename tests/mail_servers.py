"""Real mail servers for the tests: an SMTP server (aiosmtpd) on loopback, in this process,
keeping every message it is given; and (tests/test_mail_fetch.py) Debian's Dovecot IMAP."""

import email
import email.policy
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session


@dataclass
class Mailbox:
    """What the SMTP server received: (envelope recipients, the message) in order. An
    address in `refuse` is refused at RCPT TO with 550, as a real server does."""

    host: str = "127.0.0.1"
    port: int = 0
    received: list[tuple[list[str], EmailMessage]] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)

    def to(self, address: str) -> list[EmailMessage]:
        return [message for rcpt, message in self.received if address in rcpt]


class _Handler:
    def __init__(self, mailbox: Mailbox) -> None:
        self.mailbox = mailbox

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list
    ) -> str:
        if address in self.mailbox.refuse:
            return f"550 5.1.1 <{address}>: Recipient address rejected: no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.mailbox.received.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


@contextmanager
def smtp_server() -> Iterator[Mailbox]:
    mailbox = Mailbox()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    controller = Controller(_Handler(mailbox), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        mailbox.port = controller.port
        yield mailbox
    finally:
        controller.stop()


def smtp_settings(mailbox: Mailbox) -> dict[str, object]:
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": mailbox.host,
        "EMAIL_PORT": mailbox.port,
        "EMAIL_USE_TLS": False,
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
    }


# --- Debian's Dovecot IMAP server, started by the test on a loopback port ----------------------

DOVECOT = Path("/usr/sbin/dovecot")
DOVECOT_CONF = """\
base_dir = {folder}/run
state_dir = {folder}/state
log_path = {folder}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <{folder}/cert.pem
ssl_key = <{folder}/key.pem
ssl_min_protocol = TLSv1.2
auth_mechanisms = plain
disable_plaintext_auth = yes
first_valid_uid = 1
default_internal_user = dovecot
default_login_user = dovenull
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {folder}/users
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={folder}/home/%u
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
}}
service imap-login {{
  inet_listener imap {{
    port = 0
  }}
  inet_listener imaps {{
    port = {port}
    ssl = yes
  }}
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0600
  }}
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""


@dataclass
class Imap:
    host: str
    port: int
    user: str
    password: str
    ca_file: str


def dovecot_missing() -> str:
    """Why Dovecot cannot be started here, or "" when it can."""
    if not DOVECOT.exists():
        return "Dovecot is not installed (make imap-server: apt-get install dovecot-imapd)"
    if os.geteuid() != 0:
        return "Dovecot's test server is started as root (the CI runs as root)"
    if shutil.which("openssl") is None:
        return "openssl is needed to make the test server's certificate"
    try:
        pwd.getpwnam("dovecot")
        pwd.getpwnam("dovenull")
    except KeyError:
        return "the dovecot and dovenull users are missing (reinstall dovecot-core)"
    return ""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def imap_server() -> Iterator[Imap]:
    """A Dovecot of its own: own configuration, certificate, users file and maildirs in a
    temporary folder (readable by Dovecot's mail user), one account, IMAPS on loopback."""
    folder = Path(tempfile.mkdtemp(prefix="answerable-dovecot-"))
    folder.chmod(0o755)
    mail_user = pwd.getpwnam("dovecot")
    try:
        subprocess.run(
            [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem"),
            ],
            check=True,
            capture_output=True,
        )  # fmt: skip
        (folder / "key.pem").chmod(0o600)
        password = secrets.token_urlsafe(16)
        (folder / "users").write_text(f"foi:{{PLAIN}}{password}\n")
        home = folder / "home" / "foi"
        home.mkdir(parents=True)
        for path in (folder / "home", home):
            os.chown(path, mail_user.pw_uid, mail_user.pw_gid)
        port = _free_port()
        config = folder / "dovecot.conf"
        config.write_text(
            DOVECOT_CONF.format(
                folder=folder, port=port, uid=mail_user.pw_uid, gid=mail_user.pw_gid
            )
        )
        server = subprocess.Popen(
            [str(DOVECOT), "-F", "-c", str(config)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_for(port, server, folder)
            yield Imap("127.0.0.1", port, "foi", password, str(folder / "cert.pem"))
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _wait_for(port: int, server: subprocess.Popen, folder: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            output = server.stdout.read().decode(errors="replace") if server.stdout else ""
            log = folder / "dovecot.log"
            raise RuntimeError(
                f"dovecot exited: {output}\n{log.read_text() if log.exists() else ''}"
            )
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"dovecot did not listen on {port} within {seconds} s")
