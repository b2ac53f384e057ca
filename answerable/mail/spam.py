"""The public request form's spam protection, with no third-party service.

Three checks, none of which asks a person anything: a honeypot field people never see (a
program filling every field fills it); a signed timestamp given with the form, refused
when the form comes back sooner than a person could fill it in (ANSWERABLE_FORM_MIN_SECONDS)
or after a day, or altered; and at most ANSWERABLE_FORM_PER_HOUR requests an hour from one
address, counted by a keyed digest of the address, never the address itself (UK GDPR art
5(1)(c)).
"""

import hashlib
import hmac
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from answerable.mail.models import FormSubmission
from answerable.web.throttling import client_address

SALT = "answerable.mail.request-form"
MAX_AGE_SECONDS = 24 * 60 * 60
KEEP = timedelta(days=1)


class Refused(ValueError):
    """The submission looks automated or too frequent; the message is for the person."""


def form_token() -> str:
    return signing.TimestampSigner(salt=SALT).sign(timezone.now().isoformat())


def check_token(token: str) -> None:
    signer = signing.TimestampSigner(salt=SALT)
    try:
        issued = signer.unsign(token, max_age=MAX_AGE_SECONDS)
    except signing.SignatureExpired:
        raise Refused(
            "The form has expired. Please check your answers and send it again."
        ) from None
    except signing.BadSignature:
        raise Refused("The form could not be checked. Please send it again.") from None
    started = datetime.fromisoformat(issued)
    if (timezone.now() - started).total_seconds() < settings.ANSWERABLE_FORM_MIN_SECONDS:
        raise Refused("That was quicker than we expect. Please check your answers, then send.")


def check_honeypot(value: str) -> None:
    if value.strip():
        raise Refused("The form could not be accepted. Please send it again.")


def client_key(request: HttpRequest) -> str:
    address = client_address(request) or "unknown"
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()


def check_rate(request: HttpRequest) -> str:
    """The client's key, or Refused when it has sent the most an hour allows."""
    key = client_key(request)
    since = timezone.now() - timedelta(hours=1)
    sent = FormSubmission.objects.filter(client=key, at__gte=since).count()
    if sent >= settings.ANSWERABLE_FORM_PER_HOUR:
        raise Refused(
            "You have sent several requests in the last hour. Please wait an hour and try "
            "again, or e-mail your request to us."
        )
    return key


def count_submission(key: str) -> None:
    now = timezone.now()
    with transaction.atomic():
        FormSubmission.objects.filter(at__lt=now - KEEP).delete()
        FormSubmission.objects.create(client=key, at=now)
