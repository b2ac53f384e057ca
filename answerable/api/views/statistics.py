"""The published statistics as open JSON: no token, like the public pages they mirror.

Each edition's tables are the `answerable ask --format json` documents stored when the
edition was prepared and checked (answerable/statistics_releases), so nothing is counted per
call and nothing unpublished is ever served.
"""

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import exceptions, serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from answerable.api.serializers import ErrorSerializer
from answerable.api.views.answers import ANSWER
from answerable.statistics_releases import services
from answerable.statistics_releases.models import Edition


@extend_schema_field(ANSWER)
class AnswerField(serializers.JSONField):
    """The `answerable ask --format json` document of the table as published."""


class TableSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    title = serializers.CharField()
    csv = serializers.CharField(help_text="The table as CSV.")
    csv_metadata = serializers.CharField(help_text="Its CSV on the Web (W3C) metadata.")
    definition = serializers.JSONField(
        help_text="The table's `answerable ask` options: question, from, to, where, by, bands, "
        "ages, count."
    )
    answer = AnswerField()


class EditionSerializer(serializers.Serializer):
    edition = serializers.CharField(help_text="The edition's name, as in its address.")
    series = serializers.CharField()
    title = serializers.CharField()
    period = serializers.CharField(help_text="A quarter (2026-Q3) or a financial year (2026/27).")
    first_day = serializers.DateField()
    last_day = serializers.DateField()
    revision = serializers.IntegerField(help_text="0 for the first edition, then 1, 2, ...")
    revision_reason = serializers.CharField(allow_blank=True)
    revised_since = serializers.BooleanField(help_text="A later revision is published.")
    published_on = serializers.DateField()
    page = serializers.CharField()
    tables = TableSerializer(many=True)


def _url(request: Request, name: str, **kwargs: Any) -> str:
    return request.build_absolute_uri(reverse(name, kwargs=kwargs))


def edition_json(request: Request, edition: Edition) -> dict[str, Any]:
    slug = edition.slug
    return {
        "edition": slug,
        "series": edition.definition.slug,
        "title": edition.definition.title,
        "period": edition.period,
        "first_day": edition.first_day.isoformat(),
        "last_day": edition.last_day.isoformat(),
        "revision": edition.number - 1,
        "revision_reason": edition.revision_reason,
        "revised_since": services.superseded(edition),
        "published_on": edition.published_at.date().isoformat() if edition.published_at else None,
        "page": _url(request, "statistics:edition", slug=slug),
        "tables": [
            {
                "position": table.position,
                "title": table.title,
                "csv": _url(request, "statistics:csv", slug=slug, position=table.position),
                "csv_metadata": _url(
                    request, "statistics:metadata", slug=slug, position=table.position
                ),
                "definition": table.definition,
                "answer": table.document,
            }
            for table in edition.tables.all()
        ],
    }


class _Open(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    http_method_names = ["get", "head"]


NOT_FOUND = {
    404: OpenApiResponse(ErrorSerializer, description="No published edition of that name.")
}


class Editions(_Open):
    @extend_schema(
        operation_id="list_statistics",
        summary="Published statistics: each period's current edition",
        description="Open (no token). Newest period first; each table's figures are under "
        "disclosure control, as on the public pages.",
        auth=[],
        responses={200: EditionSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        return Response([edition_json(request, e) for e in services.current_editions()])


class EditionDetail(_Open):
    @extend_schema(
        operation_id="get_statistics_edition",
        summary="One published edition (a revised one included)",
        auth=[],
        parameters=[
            OpenApiParameter(
                "edition",
                str,
                OpenApiParameter.PATH,
                description="e.g. immigration-statistics-2026-q3",
            )
        ],
        responses={200: EditionSerializer, **NOT_FOUND},
    )
    def get(self, request: Request, edition: str) -> Response:
        found = services.published_editions().filter(slug=edition).first()
        if found is None:
            raise exceptions.NotFound(f"No published edition is named {edition[:100]!r}.")
        return Response(edition_json(request, found))
