"""Request and response bodies, built from the interchange formats' columns.

A record's body has exactly its format's columns, under the same names (the person's
identifier is write-only: only its keyed pseudonym is kept). A field the format does not
have is refused by name, because "a typo must not silently drop data" (custody-episodes-v1).
"""

from typing import Any

from rest_framework import serializers

from answerable.api.fields import ColumnField
from answerable.interchange.spec import Format, Problem

PERSON_REF = "person_ref"


class RecordSerializer(serializers.Serializer):
    """A body of one format's fields, refusing any other.

    Validation never stops at a wrongly typed field: its problems are kept in `problems`,
    and the format's rules (records.check) then check every other field, so that a body is
    answered with all its problems at once, as an import file is. A null is handed on as
    not recorded, for the format's rules to decide whether the column may be empty."""

    problems: list[Problem]

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise serializers.ValidationError({"body": ["must be a JSON object"]})
        writable = {name: field for name, field in self.fields.items() if not field.read_only}
        problems: list[Problem] = [
            (str(name)[:100], "not a field of this format; its fields are: " + ", ".join(writable))
            for name in data
            if name not in writable
        ]
        values: dict[str, Any] = {}
        for name, field in writable.items():
            if name not in data:
                continue
            if data[name] is None:
                values[name] = None
                continue
            try:
                values[name] = field.run_validation(data[name])
            except serializers.ValidationError as error:
                problems.extend((name, str(message)) for message in _messages(error.detail))
        self.problems = problems
        return values


def _messages(detail: Any) -> list[str]:
    if isinstance(detail, dict):
        return [message for inner in detail.values() for message in _messages(inner)]
    if isinstance(detail, list):
        return [message for inner in detail for message in _messages(inner)]
    return [str(detail)]


def typed(serializer: type[RecordSerializer], data: Any) -> tuple[dict[str, Any], list[Problem]]:
    """The body's well-typed values and the problems of the others (see RecordSerializer)."""
    checked = serializer(data=data)
    checked.is_valid(raise_exception=True)  # raises only for a body that is no object
    return dict(checked.validated_data), checked.problems


def request_serializer(fmt: Format, name: str, *, partial: bool = False) -> type[RecordSerializer]:
    """The body that creates (or, `partial`, changes some fields of) a record of `fmt`."""
    attrs: dict[str, Any] = {
        column.name: ColumnField(
            column,
            required=column.required and not partial,
            allow_null=not column.required,
            write_only=column.name == PERSON_REF,
        )
        for column in fmt.columns
    }
    attrs["__doc__"] = fmt.description
    attrs["__module__"] = __name__
    return type(name, (RecordSerializer,), attrs)


def response_serializer(
    fmt: Format, name: str, extra: dict[str, serializers.Field] | None = None
) -> type[serializers.Serializer]:
    """A record as the API shows it: its format's fields (never person_ref) and `extra`."""
    attrs: dict[str, Any] = {
        column.name: ColumnField(column, read_only=True, allow_null=not column.required)
        for column in fmt.columns
        if column.name != PERSON_REF
    }
    attrs.update(extra or {})
    attrs["__doc__"] = fmt.description
    attrs["__module__"] = __name__
    return type(name, (serializers.Serializer,), attrs)


class ErrorSerializer(serializers.Serializer):
    """Every error: what was wrong and what to do, and the problems field by field."""

    error = serializers.CharField()
    # A declared field: DRF's metaclass takes it out of the class, where .fields stays.
    fields = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField())
    )
    code = serializers.CharField(
        required=False,
        help_text="Only on 503 `question_too_costly`: the question took longer to count than "
        "the answer budget; send it again after Retry-After seconds, or narrow it.",
    )
