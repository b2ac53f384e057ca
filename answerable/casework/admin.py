"""FOI casework in the admin: cases by deadline, with their questions, exemptions, reviews,
appeals and holds.

The requester's name and contact details are shown only to staff with the
`casework.view_requester` permission (and on the form that logs a new request, where they
are typed in); they are never in a list, a search, a filter or the history.
"""

from datetime import timedelta
from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from answerable.casework import answering, dispatch
from answerable.casework.issue import issue_response
from answerable.casework.models import (
    BusinessUnit,
    CitedExemption,
    CommissionerAppeal,
    CourtAppeal,
    InformationRequest,
    IssuedLetter,
    RecordHold,
    RequestQuestion,
    Review,
    ThirdPartyConsultation,
)
from answerable.casework.models.requests import REQUESTER_FIELDS
from answerable.casework.services import save_request
from answerable.roles.predicates import account_of

VIEW_REQUESTER = "casework.view_requester"


def may_see_requester(request: HttpRequest) -> bool:
    return request.user.has_perm(VIEW_REQUESTER)


class DeadlineFilter(admin.SimpleListFilter):
    title = "deadline"
    parameter_name = "deadline"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [
            ("overdue", "Overdue"),
            ("week", "Due in the next 7 days"),
            ("awaiting", "Awaiting a response"),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        today = timezone.localdate()
        awaiting = queryset.filter(pk__in=InformationRequest.objects.awaiting_response())
        if self.value() == "overdue":
            return awaiting.filter(due_on__lt=today)
        if self.value() == "week":
            return awaiting.filter(due_on__gte=today, due_on__lte=today + timedelta(days=7))
        if self.value() == "awaiting":
            return awaiting
        return queryset


class RequestQuestionInline(admin.StackedInline):
    model = RequestQuestion
    extra = 0
    fields = (
        "number",
        "text",
        "answer_kind",
        "ask",
        "figures",
        "answer_text",
        "part_answer_kind",
        "part_answer_text",
        "document",
        "exemption",
    )
    readonly_fields = ("figures",)
    autocomplete_fields = ("document",)

    @admin.display(description="figures")
    def figures(self, question: RequestQuestion) -> str:
        if question.result_error:
            return question.result_error
        if question.result is None:
            return "Not run yet: use the action “Refresh figures”."
        state = (
            f"frozen {question.frozen_at:%d %b %Y %H:%M}"
            if question.frozen
            else f"run {question.result_run_at:%d %b %Y %H:%M}"
        )
        cells = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td></tr>",
            (
                (
                    ", ".join(
                        str(v) for k, v in cell.items() if k not in ("count", "display", "status")
                    ),
                    cell["display"],
                )
                for cell in question.result.get("cells", [])
            ),
        )
        return format_html(
            "<table>{}<tr><th>Total</th><th>{}</th></tr></table><p>{}; {}</p>",
            cells,
            question.result["total"]["display"],
            question.result.get("title", ""),
            state,
        )


class CitedExemptionInline(admin.StackedInline):
    model = CitedExemption
    extra = 0
    fields = (
        ("section", "condition", "kind"),
        "reasons",
        ("harm_to", "harm_likelihood"),
        "harm_how",
        "public_interest",
    )
    readonly_fields = ("kind",)

    @admin.display(description="absolute or qualified")
    def kind(self, cited: CitedExemption) -> str:
        if not cited.pk:
            return "-"
        test = " (with its harm test)" if cited.needs_harm_test else ""
        if cited.qualified:
            return f"Qualified: give the public interest test{test}"
        return f"Absolute: no public interest test{test}"


@admin.register(ThirdPartyConsultation)
class ThirdPartyConsultationAdmin(SimpleHistoryAdmin):
    """Third parties consulted before release (the Section 60 Code of Practice)."""

    list_display = ("request", "party", "about", "consulted_on", "responded_on")
    search_fields = ("request__reference", "party")
    autocomplete_fields = ("request",)
    fields = (
        "request",
        "exemption",
        "party",
        "about",
        ("consulted_on", "responded_on"),
        "views",
        "decision",
    )


class ReviewInline(admin.StackedInline):
    model = Review
    extra = 0
    show_change_link = True
    fields = (
        "requirement_received_on",
        "channel",
        ("permanent_form", "name_given", "address_given", "request_specified"),
        "dissatisfaction",
        "content_problems",
        ("request_deadline", "in_time", "late_accepted"),
        "late_reason",
        "due_on",
        "reviewer",
        "outcome",
        "reasons",
        "responded_on",
    )
    readonly_fields = ("content_problems", "request_deadline", "in_time", "due_on")


class CommissionerAppealInline(admin.StackedInline):
    model = CommissionerAppeal
    extra = 0
    show_change_link = True
    fields = (
        "review",
        "application_received_on",
        "application_deadline",
        ("commissioner_reference", "decision_number", "decision_on"),
        "outcome",
        "steps_required",
        ("steps_due_on", "steps_completed_on"),
    )
    readonly_fields = ("application_deadline",)


class RecordHoldInline(admin.TabularInline):
    model = RecordHold
    extra = 0
    fields = ("record_type", "first_day", "last_day", "reason", "placed_by", "placed_at")
    readonly_fields = ("placed_by", "placed_at")


class IssuedLetterInline(admin.TabularInline):
    """The letters issued, as sent; they name the requester, so only those who may see the
    requester can open them."""

    model = IssuedLetter
    fk_name = "request"
    extra = 0
    can_delete = False
    fields = ("notice", "issued_on", "issued_by", "copies")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="letter")
    def copies(self, letter: IssuedLetter) -> str:
        if not may_see_requester(self.request):
            return "(names the requester: not shown)"
        return format_html(
            '<a href="{}">HTML</a> · <a href="{}">PDF</a>',
            reverse("casework:letter", args=[letter.pk, "html"]),
            reverse("casework:letter", args=[letter.pk, "pdf"]),
        )

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        self.request = request
        return super().get_queryset(request)


@admin.register(InformationRequest)
class InformationRequestAdmin(SimpleHistoryAdmin):
    list_display = (
        "reference",
        "title",
        "regime",
        "status",
        "officer",
        "received_on",
        "due_on",
        "overdue",
        "responded_on",
        "notice",
    )
    list_filter = (DeadlineFilter, "regime", "status", "officer", "notice")
    list_select_related = ("officer",)
    # Reference and subject only: searching by the requester's name would show who asked.
    search_fields = ("reference", "title", "topics")
    ordering = ("due_on", "reference")
    date_hierarchy = "received_on"
    actions = ("refresh_figures", "issue_responses")
    inlines = (
        IssuedLetterInline,
        RequestQuestionInline,
        CitedExemptionInline,
        ReviewInline,
        CommissionerAppealInline,
        RecordHoldInline,
    )
    readonly_fields = ("due_on", "deadline_explanation", "cost", "created_at", "updated_at")

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> list[tuple[Any, dict]]:
        fieldsets: list[tuple[Any, dict]] = [
            (None, {"fields": ("reference", "regime", "received_on", "channel")}),
        ]
        if obj is None or may_see_requester(request):
            fieldsets.append(("Requester (private: never published)", {"fields": REQUESTER_FIELDS}))
        fieldsets += [
            ("Request", {"fields": ("title", "request_text", "topics", "officer", "status")}),
            (
                "Sensitive (a second approver signs the response off)",
                {"fields": (("media_interest", "third_parties", "law_enforcement"),)},
            ),
            (
                "Clock",
                {
                    "fields": (
                        ("clarification_sought_on", "clarification_received_on"),
                        ("fee_notice_issued_on", "fee_gbp", "fee_paid_on"),
                        "extended",
                        "due_on",
                        "deadline_explanation",
                    )
                },
            ),
            ("Cost", {"fields": ("manual_search_minutes", "cost")}),
            ("Response", {"fields": ("responded_on", "notice", "narrowing_advice")}),
        ]
        return fieldsets

    @admin.display(boolean=True, description="overdue")
    def overdue(self, case: InformationRequest) -> bool:
        return case.is_overdue(timezone.localdate())

    @admin.display(description="how the deadline was counted")
    def deadline_explanation(self, case: InformationRequest) -> str:
        return format_html_join(
            "", "<p>{}</p>", ((line,) for line in case.due_explanation.split("\n"))
        )

    @admin.display(description="estimated cost of compliance")
    def cost(self, case: InformationRequest) -> str:
        if case.pk is None:
            return "-"
        assessment = case.cost_assessment()
        return format_html_join("", "<p>{}</p>", ((line,) for line in assessment.explanation))

    @admin.action(description="Refresh figures (re-run the figures questions not yet issued)")
    def refresh_figures(self, request: HttpRequest, queryset: QuerySet) -> None:
        for case in queryset:
            results = answering.refresh_all(case)
            if not results:
                self.message_user(request, f"{case.reference}: no figures to refresh.")
            for result in results:
                level = messages.SUCCESS if result.ok else messages.ERROR
                self.message_user(request, result.message, level)

    @admin.action(
        description="Issue the response today, with the notice recorded on the case "
        "(figures frozen, letter kept, disclosure log in seven days)"
    )
    def issue_responses(self, request: HttpRequest, queryset: QuerySet) -> None:
        for case in queryset:
            if not case.notice:
                self.message_user(
                    request, f"{case.reference}: choose the notice first.", messages.ERROR
                )
                continue
            try:
                issued = issue_response(
                    case, notice=case.notice, issued_on=timezone.localdate(), user=request.user
                )
            except (ValueError, answering.AnsweringError) as refusal:
                self.message_user(request, f"{case.reference}: {refusal}", messages.ERROR)
            else:
                # Issued and kept first, then sent (dispatch.py), as from the case page.
                sent = dispatch.send_response(issued, user=request.user)
                if sent.status == "failed":
                    self.message_user(
                        request,
                        f"{case.reference}: response issued; the e-mail failed: {sent.error}",
                        messages.WARNING,
                    )
                else:
                    self.message_user(request, f"{case.reference}: response issued.")

    def save_model(
        self, request: HttpRequest, obj: InformationRequest, form: Any, change: bool
    ) -> None:
        # A request left without a reference is numbered (services.py), added or changed.
        save_request(obj)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is RecordHold:
            for hold in formset.save(commit=False):
                if hold.placed_by_id is None:
                    hold.placed_by = account_of(request.user)
                hold.save()
            for hold in formset.deleted_objects:
                hold.delete()
            return
        super().save_formset(request, form, formset, change)


@admin.register(Review)
class ReviewAdmin(SimpleHistoryAdmin):
    list_display = (
        "request",
        "requirement_received_on",
        "in_time",
        "due_on",
        "reviewer",
        "outcome",
        "responded_on",
    )
    list_filter = ("outcome", "reviewer")
    list_select_related = ("request", "reviewer")
    search_fields = ("request__reference",)
    ordering = ("due_on",)
    autocomplete_fields = ("request",)
    readonly_fields = ReviewInline.readonly_fields
    fields = ("request", *ReviewInline.fields)


class CourtAppealInline(admin.StackedInline):
    model = CourtAppeal
    extra = 0
    fields = ("appellant", "lodged_on", "deadline", "outcome", "decided_on", "notes")
    readonly_fields = ("deadline",)


@admin.register(CommissionerAppeal)
class CommissionerAppealAdmin(SimpleHistoryAdmin):
    list_display = (
        "request",
        "application_received_on",
        "decision_number",
        "decision_on",
        "outcome",
        "steps_due_on",
    )
    list_filter = ("outcome",)
    list_select_related = ("request",)
    search_fields = ("request__reference", "decision_number", "commissioner_reference")
    autocomplete_fields = ("request",)
    readonly_fields = CommissionerAppealInline.readonly_fields
    fields = ("request", *CommissionerAppealInline.fields)
    inlines = (CourtAppealInline,)


@admin.register(RecordHold)
class RecordHoldAdmin(SimpleHistoryAdmin):
    list_display = ("request", "record_type", "first_day", "last_day", "placed_by", "placed_at")
    list_filter = ("record_type",)
    list_select_related = ("request", "placed_by")
    search_fields = ("request__reference",)
    autocomplete_fields = ("request",)
    readonly_fields = ("placed_by", "placed_at")

    def save_model(self, request: HttpRequest, obj: RecordHold, form: Any, change: bool) -> None:
        if obj.placed_by_id is None:
            obj.placed_by = account_of(request.user)
        super().save_model(request, obj, form, change)


@admin.register(BusinessUnit)
class BusinessUnitAdmin(SimpleHistoryAdmin):
    """The units FOI officers task with searches (reference data, kept by administrators)."""

    list_display = ("name", "mailbox", "active")
    list_filter = ("active",)
    search_fields = ("name", "description")
    ordering = ("name",)
