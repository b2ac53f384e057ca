"""The disclosure log in the staff admin: what is scheduled, published and withdrawn.

Responses arrive from casework through publish.schedule(), which anonymises and checks them,
so their content is read-only here: an edit in the admin would bypass that check. What staff
do here is withdraw a publication (personal data found after publication, a court order),
which takes it off every public page, the feed and the export at once, with the reason kept.
"""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from answerable.disclosure_log.models import Publication, PublicationQuerySet, Topic, uk_today


class StatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("scheduled", "Scheduled"), ("published", "Published"), ("withdrawn", "Withdrawn")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        today = uk_today()
        if self.value() == "scheduled":
            return queryset.filter(withdrawn_on__isnull=True, publish_on__gt=today)
        if self.value() == "published":
            assert isinstance(queryset, PublicationQuerySet)
            return queryset.published(today)
        if self.value() == "withdrawn":
            return queryset.filter(withdrawn_on__isnull=False)
        return queryset


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why are these publications being withdrawn?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text="Kept with each publication, e.g. personal data found after publication.",
    )


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = (
        "reference",
        "title",
        "regime",
        "outcome",
        "issued_on",
        "publish_on",
        "status",
    )
    list_filter = (StatusFilter, "regime", "outcome", "topics", "issued_on")
    search_fields = ("reference", "title")
    date_hierarchy = "issued_on"
    ordering = ("-publish_on", "-reference")
    actions = ("withdraw",)
    fields = (
        "reference",
        "title",
        "summary",
        "regime",
        "outcome",
        "topics",
        "exemptions_cited",
        "received_on",
        "issued_on",
        "publish_on",
        "withdrawn_on",
        "withdrawn_reason",
        "body_html",
        "created_at",
        "updated_at",
    )
    readonly_fields = tuple(name for name in fields if name != "topics")

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).defer("pdf", "body_text")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # publications come from casework, anonymised and checked

    @admin.display(description="status")
    def status(self, publication: Publication) -> str:
        if publication.withdrawn_on:
            return f"Withdrawn {publication.withdrawn_on:%d/%m/%Y}"
        if publication.is_published():
            return "Published"
        return "Scheduled"

    @admin.action(description="Withdraw the selected publications from the public log")
    def withdraw(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        form = WithdrawForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            today = uk_today()
            changed = list(queryset.filter(withdrawn_on__isnull=True))
            for publication in changed:
                publication.withdrawn_on = today
                publication.withdrawn_reason = form.cleaned_data["reason"]
                publication.updated_at = timezone.now()
                publication.save(update_fields=["withdrawn_on", "withdrawn_reason", "updated_at"])
                self.log_change(request, publication, "Withdrawn from the disclosure log")
            self.message_user(
                request,
                f"Withdrew {len(changed)} publication{'s' if len(changed) != 1 else ''}.",
                messages.SUCCESS,
            )
            return None
        context: dict[str, Any] = {
            **self.admin_site.each_context(request),
            "title": "Withdraw from the disclosure log",
            "opts": self.model._meta,
            "publications": queryset,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "disclosure_log/admin/withdraw.html", context)
