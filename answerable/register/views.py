from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from answerable.register.choices import IMMIGRATION_BASES, REFERRAL_PURPOSES
from answerable.register.models import CustodyEpisode, Disclosure, ImportBatch


def home(request: HttpRequest) -> HttpResponse:
    """The start page: what the register holds, in totals only (nothing personal)."""
    custody = CustodyEpisode.objects.aggregate(
        episodes=Count("id"),
        immigration=Count("id", filter=Q(detention_basis__in=IMMIGRATION_BASES)),
    )
    disclosures = Disclosure.objects.aggregate(
        disclosures=Count("id"), referrals=Count("id", filter=Q(purpose__in=REFERRAL_PURPOSES))
    )
    context = {
        **custody,
        **disclosures,
        "synthetic": ImportBatch.objects.filter(synthetic=True).exists(),
    }
    return render(request, "register/home.html", context)
