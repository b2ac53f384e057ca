"""The public contact details a published response keeps.

Every refusal or review notice must tell the requester how to ask for a review and how to
apply to the Commissioner (FOISA s19; FOIA s17(7)), so the letters carry the authority's FOI
address, e-mail and phone number and the Scottish Information Commissioner's (seeds 000 and
001). They are nobody's personal data, and the anonymiser, which removes every e-mail
address, phone number and postcode it finds, leaves exactly these.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Police Scotland's Information Management (Disclosure) and the Commissioner (OSIC), as
# printed in seeds 000 and 001.
DEFAULT_PUBLIC_CONTACTS: tuple[str, ...] = (
    "foi@scotland.pnn.police.uk",
    "G40 4EH",  # Police Scotland, Clyde Gateway, 2 French Street, Dalmarnock
    "01463 720508",  # Information Management, Highland & Islands Divisional Headquarters
    "enquiries@itspublicknowledge.info",
    "KY16 9DS",  # OSIC, Kinburn Castle, Doubledykes Road, St Andrews
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
