"""The public contact details a published response keeps.

Every refusal or review notice must tell the requester how to ask for a review and how to
apply to the Commissioner (FOISA s19; FOIA s17(7)), so the letters carry the authority's FOI
address, e-mail and phone number and the Scottish Information Commissioner's (seeds 000 and
001). They are nobody's personal data, and the anonymiser, which removes every e-mail
address, phone number and postcode it finds, leaves exactly these.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Police Scotland's Information Management (Disclosure), as printed in seeds 000 and 001,
# and the Commissioner (OSIC) as the rights paragraph of every letter prints it
# (templates/casework/letters/rights/foisa.html): its e-mail address since 2023 is
# enquiries@foi.scot (the old itspublicknowledge.info address no longer takes appeals).
DEFAULT_PUBLIC_CONTACTS: tuple[str, ...] = (
    "foi@scotland.police.uk",
    "G40 4EH",  # Police Scotland, Clyde Gateway, 2 French Street, Dalmarnock
    "01463 720508",  # Information Management, Highland & Islands Divisional Headquarters
    "enquiries@foi.scot",
    "KY16 9DS",  # OSIC, Kinburn Castle, Doubledykes Road, St Andrews
    "SK9 5AF",  # the ICO (FOIA and EIR letters), Wycliffe House, Water Lane, Wilmslow
    # Earlier addresses of both, printed in responses of their time (seed 001, 2018): kept
    # in a published copy of such a response, never printed in a new letter.
    "foi@scotland.pnn.police.uk",
    "enquiries@itspublicknowledge.info",
)


def public_contacts() -> tuple[str, ...]:
    """The setting ANSWERABLE_DISCLOSURE_LOG_PUBLIC_CONTACTS (a list of strings), or the
    defaults above for Police Scotland; and always the authority's own letterhead contacts
    (ANSWERABLE_AUTHORITY_EMAIL, _PHONE and _ADDRESS, printed on every letter), so that the
    letters the casework app writes keep them."""
    value = getattr(settings, "ANSWERABLE_DISCLOSURE_LOG_PUBLIC_CONTACTS", DEFAULT_PUBLIC_CONTACTS)
    if isinstance(value, str) or not all(isinstance(item, str) for item in value):
        raise ImproperlyConfigured(
            "ANSWERABLE_DISCLOSURE_LOG_PUBLIC_CONTACTS must be a list of strings"
        )
    letterhead = [
        getattr(settings, "ANSWERABLE_AUTHORITY_EMAIL", ""),
        getattr(settings, "ANSWERABLE_AUTHORITY_PHONE", ""),
        *getattr(settings, "ANSWERABLE_AUTHORITY_ADDRESS", ()),
    ]
    extra = [item for item in letterhead if isinstance(item, str) and item.strip()]
    return tuple(dict.fromkeys([*value, *extra]))
