"""The letters issued on a request, kept as sent: the authority's record of its response.

A letter names the requester, so it is staff-only; the disclosure log keeps its own
anonymised copy (disclosure_log.Publication).
"""

from django.conf import settings
from django.db import models

from answerable.casework.letters.content import Notice


class IssuedLetter(models.Model):
    request = models.ForeignKey(
        "casework.InformationRequest", on_delete=models.PROTECT, related_name="letters"
    )
    review = models.ForeignKey(
        "casework.Review", on_delete=models.PROTECT, null=True, blank=True, related_name="letters"
    )
    notice = models.CharField(max_length=20, choices=[(n.value, n.value) for n in Notice])
    issued_on = models.DateField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    # Every provision the letter uses (e.g. ["12(1)", "17(1)", "38(1)(b)"]), each once, for
    # the Commissioner's statistics return: partial responses count their parts too.
    provisions = models.JSONField(default=list, blank=True, editable=False)
    html = models.TextField(editable=False)
    pdf = models.BinaryField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["request", "issued_on", "pk"]

    def __str__(self) -> str:
        return f"{self.request.reference}: {self.notice} notice of {self.issued_on:%d %B %Y}"
