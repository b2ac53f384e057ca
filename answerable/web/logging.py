"""Keeps personal data out of the application log.

The register's data is law enforcement processing (DPA 2018 Part 3): a log line is a copy
of whatever it contains, kept and shipped wherever logs go, outside the s62 audit trail and
the register's access controls. So every record is redacted before a handler writes it:
query strings are cut from request paths (searches carry names, references and dates in
them), and e-mail addresses, UK postcodes, pseudonyms and IP addresses (personal data:
Breyer v Germany, C-582/14) are replaced by a marker saying what was there.

A message is also kept to one line: a line break in it (a path with %0A in it, decoded by
the server) is written as \n, so that nobody can add a line that looks like another event.

Names cannot be recognised reliably in free text; code must not log them in the first
place (house rules), and Django's request logger only logs the path, which carries none.

This module is loaded while logging is configured, before the apps: standard library and
core/personal_data.py only.
"""

import logging
import re

from answerable.core.personal_data import EMAIL, POSTCODE

# A path followed by a query string, in a message ("Not Found: /x/?q=...") or a server's
# request line ('"GET /x/?q=... HTTP/1.1" 200'): the path is kept, the query string cut.
_QUERY_STRING = re.compile(r"(?P<path>/[^\s?#\"']*)\?[^\s\"']*")
# E-mail addresses and UK postcodes: the anonymiser's patterns (core/personal_data.py).
# register/pseudonym.py issues 32 hex characters of an HMAC-SHA256; the whole digest is 64.
_PSEUDONYM = re.compile(r"\b[0-9a-f]{32}(?:[0-9a-f]{32})?\b", re.IGNORECASE)
_IPV4 = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")
# Whole or "::"-compressed: never a time of day such as 12:30:45.
_IPV6 = re.compile(
    r"(?<![\w:.])(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}"
    r"|(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{0,4}::(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{0,4})(?![\w:])",
    re.IGNORECASE,
)

_REDACTIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (_QUERY_STRING, r"\g<path>"),
    (EMAIL, "[email]"),
    (POSTCODE, "[postcode]"),
    (_PSEUDONYM, "[pseudonym]"),
    (_IPV4, "[ip address]"),
    (_IPV6, "[ip address]"),
)

WITHHELD = "[log message withheld: it could not be redacted]"

# Control characters (line breaks above all, and terminal escapes) as visible escapes.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

_traceback_formatter = logging.Formatter()


def redact(text: str) -> str:
    """`text` with query strings cut and personal identifiers replaced by markers."""
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


def one_line(text: str) -> str:
    """`text` on one line: line breaks and other control characters escaped."""
    return _CONTROL.sub(lambda m: _ESCAPES.get(m.group(), f"\\x{ord(m.group()):02x}"), text)


class OneLineFormatter(logging.Formatter):
    """Writes each event, its traceback included, as one line (for logs read line by line,
    such as gunicorn's: one line is one event, whatever the request put in it)."""

    def __init__(self, inner: logging.Formatter) -> None:
        super().__init__()
        self.inner = inner

    def format(self, record: logging.LogRecord) -> str:
        return one_line(self.inner.format(record))


class RedactPersonalData(logging.Filter):
    """Rewrites a record in place so that every handler after it sees the redacted text.

    Attached to the handlers (every record that reaches them) and to the loggers whose
    records carry a request (django.request, django.server), so that the record is clean
    before any handler, including one added later, sees it.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            record.msg = one_line(redact(record.getMessage()))
            record.args = ()  # the message is final: a second pass finds nothing to format
            if record.exc_info and not record.exc_text:
                # The exception's message may quote the value that failed.
                record.exc_text = _traceback_formatter.formatException(record.exc_info)
            if record.exc_text:
                record.exc_text = redact(record.exc_text)
            if record.stack_info:
                record.stack_info = redact(record.stack_info)
        except Exception:  # a log call must never break the request that made it
            record.msg, record.args, record.exc_text = WITHHELD, (), None
            record.exc_info = None
        # Django's request logger attaches the request itself (its POST data, cookies and
        # query string) for handlers such as AdminEmailHandler; none of ours needs it.
        if getattr(record, "request", None) is not None:
            record.request = None
        return True
