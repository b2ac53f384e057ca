"""The acknowledgement a new request gets: its reference and the date it is due.

The e-mail is made from two templates, mail/acknowledgement_subject.txt and
mail/acknowledgement.txt, which an authority replaces with its own wording by putting
files of those names in a directory named in ANSWERABLE_TEMPLATE_DIRS (README: Mail). The
due date is the case's, which is the statutory clock's (`answerable deadline response`).
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from answerable.casework import dispatch
from answerable.casework.models import Dispatch, InformationRequest
from answerable.core.regimes import TITLES

LAWS = TITLES  # the full title of each regime's law (answerable/core/regimes.py)


def acknowledgement(case: InformationRequest) -> EmailMessage:
    context = {
        "case": case,
        "law": LAWS.get(case.regime, case.get_regime_display()),
        "authority": settings.ANSWERABLE_AUTHORITY_NAME,
        "unit": settings.ANSWERABLE_AUTHORITY_UNIT,
        "authority_email": settings.ANSWERABLE_AUTHORITY_EMAIL,
    }
    subject = render_to_string("mail/acknowledgement_subject.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=render_to_string("mail/acknowledgement.txt", context),
        to=[case.requester_email],
        reply_to=[settings.ANSWERABLE_AUTHORITY_EMAIL],
        # RFC 3834: sent automatically, so that an out-of-office reply does not answer it.
        headers={"Auto-Submitted": "auto-replied"},
    )


def acknowledge(case: InformationRequest) -> Dispatch | None:
    """Send the acknowledgement and record it on the case; None without an e-mail address
    (a posted acknowledgement is the officer's)."""
    if not case.requester_email:
        return None
    return dispatch.send_acknowledgement(case, acknowledgement(case))
