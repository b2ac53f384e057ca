"""The address a sign-in attempt came from, as django-axes counts failures by it.

Behind the reverse proxy (ANSWERABLE_BEHIND_PROXY) every request comes from the proxy's own
address: counted by that, one person's wrong guesses would lock a user name out for all
staff. The proxy appends the address it saw to X-Forwarded-For, so the last entry is the
one to believe; the entries before it are whatever the client chose to send.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    if not settings.ANSWERABLE_BEHIND_PROXY:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(forwarded))
    except ValueError:  # no header, or not an address: the proxy did not set it
        return remote
