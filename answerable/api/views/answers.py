"""The question catalogue, and catalogue answers under disclosure control."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from answerable.answers.catalogue import CATALOGUE
from answerable.answers.engine import EPISODES, PEOPLE, Ask
from answerable.answers.output.document import as_document
from answerable.api import questions
from answerable.api.scopes import Scope
from answerable.api.views.base import ApiView, errors
from answerable.audit.actions import Action
from answerable.audit.trail import record
from answerable.core.record_types import record_type_of


class DimensionSerializer(serializers.Serializer):
    name = serializers.CharField()
    title = serializers.CharField()


class QuestionSerializer(serializers.Serializer):
    """A catalogue question: what it counts and what it can be broken down by."""

    name = serializers.CharField()
    title = serializers.CharField()
    unit = serializers.CharField(help_text="What one counted record is.")
    can_count_people = serializers.BooleanField()
    dimensions = DimensionSerializer(many=True)


FIGURE = {
    "type": "object",
    "description": "One figure: a label for each dimension it fixes, the count (null when "
    "withheld or not held), the text a published table prints ([c] when withheld, `not held` "
    "for a period before the register holds its records) and its status.",
    "properties": {
        "count": {"type": "integer", "nullable": True},
        "display": {"type": "string"},
        "status": {"type": "string", "enum": ["shown", "withheld", "not_held"]},
    },
    "required": ["count", "display", "status"],
    "additionalProperties": {"type": "string"},
}
ANSWER = {
    "type": "object",
    "description": "The `answerable ask --format json` document, always under disclosure control.",
    "properties": {
        "question": {"type": "string"},
        "title": {"type": "string"},
        "period": {
            "type": "object",
            "properties": {
                "from": {"type": "string", "nullable": True},
                "to": {"type": "string", "nullable": True},
                "held_from": {
                    "type": "string",
                    "format": "date",
                    "description": "Present when the period starts before the first day the "
                    "register holds these records: the figures count from this day.",
                },
            },
        },
        "by": {"type": "array", "items": {"type": "string"}},
        "cells": {"type": "array", "items": FIGURE},
        "margins": {"type": "object", "additionalProperties": {"type": "array", "items": FIGURE}},
        "total": FIGURE,
        "suppression": {
            "type": "object",
            "properties": {
                "threshold": {"type": "integer", "nullable": True},
                "withheld": {"type": "integer"},
                "method": {"type": "string"},
                "reason": {"type": "string"},
            },
            "required": ["threshold", "withheld", "method"],
        },
        "cost": {
            "type": "object",
            "properties": {
                "hours": {"type": "number"},
                "gbp": {"type": "number"},
                "limit_gbp": {"type": "number"},
            },
        },
        "counting": {"type": "string", "enum": [EPISODES, PEOPLE]},
        "unit": {"type": "string"},
        "counted": {"type": "string", "description": "What the answer counted, in plain words."},
        "where": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
        "footnotes": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["question", "title", "period", "by", "cells", "total", "suppression", "cost"],
}
NAME = OpenApiParameter(
    "name",
    {"type": "string", "enum": list(CATALOGUE)},
    OpenApiParameter.PATH,
    description="The question's name in the catalogue.",
)
QUERY = [
    OpenApiParameter("from", str, description="First day, YYYY-MM-DD (inclusive)."),
    OpenApiParameter("to", str, description="Last day, YYYY-MM-DD (inclusive)."),
    OpenApiParameter("by", str, description="Break down by these dimensions, e.g. station,sex."),
    OpenApiParameter(
        "where",
        {"type": "array", "items": {"type": "string"}},
        explode=True,
        description="Keep only records whose dimension has one of the values: DIM=V1,V2 "
        "(repeat for several dimensions).",
    ),
    OpenApiParameter("bands", str, description="Duration band bounds in hours (default 24,48)."),
    OpenApiParameter("ages", str, description="Age band lower bounds in years (default 18)."),
    OpenApiParameter("count", {"type": "string", "enum": [EPISODES, PEOPLE]}),
]


class AskWrite(serializers.Serializer):
    """A catalogue question's parameters, as `answerable ask` takes them."""

    # Documentation only: the body is read by questions.ask_from_body, which refuses
    # anything else by name.
    from_ = serializers.CharField(allow_null=True, required=False, help_text="YYYY-MM-DD")
    to = serializers.CharField(allow_null=True, required=False, help_text="YYYY-MM-DD")
    by = serializers.ListField(child=serializers.CharField(), required=False)
    where = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False
    )
    bands = serializers.ListField(child=serializers.IntegerField(), required=False)
    ages = serializers.ListField(child=serializers.IntegerField(), required=False)
    count = serializers.ChoiceField([EPISODES, PEOPLE], required=False)

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")  # "from" is a Python keyword
        return fields


class Questions(ApiView):
    scopes = {"GET": Scope.ANSWERS_READ}

    @extend_schema(
        operation_id="list_questions",
        summary="The question catalogue",
        responses={200: QuestionSerializer(many=True), **errors()},
    )
    def get(self, request: Request) -> Response:
        return Response(
            [
                {
                    "name": question.name,
                    "title": question.title,
                    "unit": question.unit,
                    "can_count_people": question.people,
                    "dimensions": [
                        {"name": dimension.name, "title": dimension.title}
                        for dimension in question.dimensions.values()
                    ],
                }
                for question in CATALOGUE.values()
            ]
        )


TOO_COSTLY = (
    "The database is busy, or (code `question_too_costly`) the question took longer to count "
    "than the answer budget: nothing was answered; send it again after Retry-After seconds, "
    "or ask for a shorter period or fewer breakdowns."
)


class Answer(ApiView):
    scopes = {"GET": Scope.ANSWERS_READ, "POST": Scope.ANSWERS_READ}

    @extend_schema(
        operation_id="answer_question",
        summary="Answer a catalogue question (query string)",
        description="The same document as `answerable ask --format json`, always under "
        "the installation's disclosure control: figures from 1 to the threshold are "
        "withheld ([c]), never exact.",
        parameters=[NAME, *QUERY],
        responses={
            200: OpenApiResponse(ANSWER),
            **errors(
                {
                    422: "The figures could not be released under disclosure control.",
                    503: TOO_COSTLY,
                }
            ),
        },
    )
    def get(self, request: Request, name: str) -> Response:
        question = questions.question_named(name)
        return self._answer(questions.ask_from_query(question.name, request.query_params))

    @extend_schema(
        operation_id="answer_question_posted",
        summary="Answer a catalogue question (JSON body)",
        description="As GET, with the question's parameters in a JSON body.",
        parameters=[NAME],
        request=AskWrite,
        responses={
            200: OpenApiResponse(ANSWER),
            **errors(
                {
                    422: "The figures could not be released under disclosure control.",
                    503: TOO_COSTLY,
                }
            ),
        },
    )
    def post(self, request: Request, name: str) -> Response:
        question = questions.question_named(name)
        body = request.data
        assert isinstance(body, dict)  # the parser (parsers.py) takes only a JSON object
        return self._answer(questions.ask_from_body(question.name, body))

    def _answer(self, ask: Ask) -> Response:
        # The catalogue counts this installation's register, the figures of its own force.
        # A token scoped to another force (register/sharing) reads that force's records
        # only, and so gets no figures of ours either (issue 15: the token's force holds
        # for answers too).
        if self.client.force_name() != settings.ANSWERABLE_FORCE:
            raise PermissionDenied(
                f"This system's token is scoped to {self.client.force_name()}; the answers "
                f"are figures of {settings.ANSWERABLE_FORCE}'s register only."
            )
        result = questions.answered(ask, self.client.actor)
        question = result.counts.question
        # Records combined into figures (s62(1)(e)): which, never the figures themselves.
        record(
            Action.COMBINATION,
            record_type=record_type_of(question.model),
            purpose=f"catalogue answer through the systems API: {question.name}",
            detail={
                "question": question.name,
                "from": ask.first_day,
                "to": ask.last_day,
                "by": list(ask.by),
                "where": {name: list(values) for name, values in ask.where.items()},
                "count": ask.count,
            },
        )
        return Response(as_document(result))
