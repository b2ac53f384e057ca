"""What the staff entry pages for NCCU contacts and ICCE requests share."""

from django.contrib import messages
from django.http import HttpRequest
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.views.decorators.debug import sensitive_post_parameters

from answerable.register.admin.links import change_url
from answerable.register.forms import PERSON_REF_FIELD
from answerable.register.models import Disclosure

# The person's source identifier is posted but never kept: keep it out of error reports
# too, as Django's UserAdmin does for passwords (DPA 2018 s37, data minimisation).
hide_person_ref = method_decorator(sensitive_post_parameters(PERSON_REF_FIELD))


def announce_disclosure(request: HttpRequest, disclosure: Disclosure | None) -> None:
    """Tell the user which disclosure their entry recorded, so they can complete it."""
    if disclosure is None:
        return
    messages.info(
        request,
        format_html(
            'Recorded <a href="{}">disclosure {}</a> of the person\'s data to the Home '
            "Office. Add its crime type and the person's attributes there if known.",
            change_url(disclosure),
            disclosure.disclosure_ref,
        ),
    )
