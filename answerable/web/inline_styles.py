"""A content security policy exception for a page that carries its own stylesheet.

An issued letter is kept as one self-contained HTML document (casework/letters): its
stylesheet is inside it, in a <style> element, so that the same file prints to PDF and opens
in a browser years later as it was sent. The site's policy allows no inline style
(settings.CONTENT_SECURITY_POLICY), so the view that serves such a document allows exactly
its own <style> elements by their SHA-256 hashes (CSP Level 3, "hash-source"): any style
added to the page by anyone else is still refused, and inline script still is.
"""

import base64
import hashlib
import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse

_STYLE_ELEMENT = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)

View = Callable[..., HttpResponse]


def style_hashes(html: str) -> list[str]:
    """The CSP hash-source of each <style> element's text, in order, without repeats."""
    found: list[str] = []
    for match in _STYLE_ELEMENT.finditer(html):
        digest = hashlib.sha256(match.group(1).encode()).digest()
        source = f"'sha256-{base64.b64encode(digest).decode()}'"
        if source not in found:
            found.append(source)
    return found


def allow_own_inline_styles(view: View) -> View:
    """Adds the hashes of the response's own <style> elements to its style-src."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if not response.get("Content-Type", "").startswith("text/html") or response.streaming:
            return response
        hashes = style_hashes(response.content.decode(response.charset or "utf-8"))
        if hashes:
            # Read by django-csp's middleware, as its csp_update decorator sets it.
            update = dict(getattr(response, "_csp_update", None) or {})
            update["style-src"] = [*update.get("style-src", []), *hashes]
            response._csp_update = update  # type: ignore[attr-defined]  # django-csp's own
        return response

    return wrapped
