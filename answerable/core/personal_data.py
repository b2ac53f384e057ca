"""Patterns that recognise personal data in free text: e-mail addresses and UK postcodes.

One definition for both readers: the disclosure log's anonymiser (disclosure_log/
anonymise.py), which finds them in a letter before it is published, and the log redaction
(web/logging.py), which replaces them in every log line. Standard library only: the logging
configuration loads this module before Django's apps are ready.
"""

import re

# Apostrophes are allowed in the local part (o'brien@example.org), straight or typographic
# (a word processor's right and left single quotation marks).
_APOSTROPHES = "'\u2019\u2018"
EMAIL = re.compile(rf"[\w.%+{_APOSTROPHES}-]+@[\w-]+(?:\.[\w-]+)+")

# UK postcodes (Royal Mail's format): outward code, optional space, inward code, e.g.
# "G2 3AB", "EH1 1AA", "KY16 9DS", and GIR 0AA. Case-insensitive, as requesters type them
# either way.
POSTCODE = re.compile(
    r"(?<!\w)(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s*\d[A-Z]{2}(?!\w)",
    re.IGNORECASE,
)
