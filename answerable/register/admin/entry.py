"""What the staff entry pages for NCCU contacts and ICCE requests share."""

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
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


class SharingEntryAdmin(admin.ModelAdmin):
    """An entry page that takes a person's source identifier (never kept) and records, on
    save, the disclosure the entry made: every sharing is in the disclosure register."""

    # The service function that records the entry's disclosure (register/sharing.py).
    record_sharing: Callable[[Any], Disclosure | None]

    @hide_person_ref
    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        announce_disclosure(request, self.record_sharing(obj))
