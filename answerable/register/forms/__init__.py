"""Forms for the records staff enter by hand in the admin (the rest arrive by import)."""

from answerable.register.forms.disclosures import DisclosureForm
from answerable.register.forms.documents import DocumentForm, DocumentVersionForm
from answerable.register.forms.icce import IcceRequestForm
from answerable.register.forms.nccu import NccuContactForm
from answerable.register.forms.people import PERSON_REF_FIELD

__all__ = [
    "PERSON_REF_FIELD",
    "DisclosureForm",
    "DocumentForm",
    "DocumentVersionForm",
    "IcceRequestForm",
    "NccuContactForm",
]
