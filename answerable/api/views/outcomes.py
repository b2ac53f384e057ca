"""Home Office outcomes reported against a disclosure: POST one, GET them all."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from answerable.api import idempotency, outcomes, records
from answerable.api.kinds import DISCLOSURES
from answerable.api.scopes import Scope
from answerable.api.serializers import request_serializer, typed
from answerable.api.views.base import IDEMPOTENCY_KEY, WRITE_ERRORS, ApiView, errors, write_once
from answerable.audit.actions import Action
from answerable.audit.trail import record as audit
from answerable.core.record_types import record_type_of
from answerable.interchange.formats import OUTCOME_REPORTS

OutcomeReportWrite = request_serializer(OUTCOME_REPORTS, "OutcomeReportWrite")


class OutcomeReportSerializer(serializers.Serializer):
    """A Home Office outcome as reported, and whether it became the disclosure's outcome."""

    id = serializers.IntegerField()
    disclosure_ref = serializers.CharField()
    home_office_outcome = serializers.CharField()
    outcome_at = serializers.CharField(help_text="ISO 8601 date")
    reference = serializers.CharField(allow_null=True)
    reported_at = serializers.DateTimeField()
    reported_by = serializers.CharField()
    became_latest = serializers.BooleanField(
        help_text="Whether the disclosure now holds this outcome: a report of an outcome "
        "dated before the one held is kept but does not replace it."
    )


class Outcomes(ApiView):
    scopes = {"GET": Scope.DISCLOSURES_READ, "POST": Scope.OUTCOMES_WRITE}

    @extend_schema(
        operation_id="list_outcome_reports",
        summary="The Home Office outcomes reported against a disclosure",
        responses={200: OutcomeReportSerializer(many=True), **errors()},
    )
    def get(self, request: Request, ref: str) -> Response:
        disclosure = records.find(DISCLOSURES, self.client, ref)
        audit(
            Action.CONSULTATION,
            record=disclosure,
            purpose="outcome reports read through the systems API",
        )
        reports = disclosure.outcome_reports.select_related("disclosure")
        return Response([outcomes.represent(report) for report in reports])

    @extend_schema(
        operation_id="report_outcome",
        summary="Report a Home Office outcome against a disclosure",
        description="Every report is kept; the disclosure holds the latest outcome (by its "
        "date). The outcome is checked by the disclosure format's rules: it cannot be "
        "dated before the disclosure.",
        request=OutcomeReportWrite,
        parameters=[IDEMPOTENCY_KEY],
        responses={201: OutcomeReportSerializer, **errors(WRITE_ERRORS)},
    )
    def post(self, request: Request, ref: str) -> Response:
        return write_once(self, request, lambda: self._report(request, ref))

    def _report(self, request: Request, ref: str) -> idempotency.Stored:
        disclosure = records.find(DISCLOSURES, self.client, ref, for_update=True)
        values, typing = typed(OutcomeReportWrite, request.data)
        report = outcomes.report(self.client, disclosure, values, typing)
        return idempotency.Stored(
            status.HTTP_201_CREATED,
            outcomes.represent(report),
            {},
            record_type_of(report),
            str(report.pk),
        )
