"""The JSON form of an interchange column: a serializer field built from the Column itself.

JSON adds types the CSV cell does not have, so these fields refuse a value of the wrong
JSON type (a number where text is due, text where a number is, true for a date) and hand
the value on as the cell text the format's own parser reads: the rules stay the format's
(interchange/spec.py). `null`, "" and "not_recorded" all mean not recorded.
"""

from typing import Any

from rest_framework import serializers

from answerable.interchange import columns as kinds
from answerable.interchange.cells import COUNTRY_SEPARATOR
from answerable.interchange.spec import Column

JSON_TYPES = {
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "true or false",
    list: "an array",
    dict: "an object",
    type(None): "null",
}
# The longest value a column of each kind takes (text columns say their own): anything
# longer is refused before a parser reads it.
MAX_TEXT = 4000
LONGEST = {
    kinds.CHOICE: 100,
    kinds.DATE_TIME: 40,
    kinds.DATE_OR_DATE_TIME: 40,
    kinds.DATE: 40,
    kinds.NATIONALITY: 100,
}
MAX_COUNTRIES = 300


def longest(column: Column) -> int:
    return column.max_length or LONGEST.get(column.kind, MAX_TEXT)


def json_type(value: Any) -> str:
    return JSON_TYPES.get(type(value), type(value).__name__)


def to_cell(column: Column, value: Any) -> str:
    """A JSON value, already of the column's type, as the cell text the parser reads."""
    if value is None:
        return ""
    if column.kind == kinds.COUNTRIES:
        return COUNTRY_SEPARATOR.join(value)
    return str(value)


class ColumnField(serializers.Field):
    """One column of a format, in a request or a response."""

    def __init__(self, column: Column, **kwargs: Any) -> None:
        self.column = column
        kwargs.setdefault("help_text", column.description or None)
        super().__init__(**kwargs)

    def _wrong_type(self, data: Any, wanted: str) -> None:
        raise serializers.ValidationError(f"must be {wanted}, not {json_type(data)}")

    def to_internal_value(self, data: Any) -> Any:
        column = self.column
        if column.kind == kinds.WHOLE_NUMBER:
            if isinstance(data, bool) or not isinstance(data, int):
                self._wrong_type(data, "a whole number")
            return data
        if column.kind == kinds.COUNTRIES:
            if not isinstance(data, list):
                self._wrong_type(data, "an array of strings")
            if len(data) > MAX_COUNTRIES:
                raise serializers.ValidationError(f"more than {MAX_COUNTRIES} countries")
            for index, item in enumerate(data):
                if not isinstance(item, str):
                    raise serializers.ValidationError(
                        f"item {index} must be a string, not {json_type(item)}"
                    )
                if len(item) > LONGEST[kinds.NATIONALITY]:
                    raise serializers.ValidationError(f"item {index} is not a country")
                if COUNTRY_SEPARATOR in item:
                    raise serializers.ValidationError(
                        f"item {index} holds {COUNTRY_SEPARATOR!r}: give one country per item"
                    )
            return data
        if not isinstance(data, str):
            self._wrong_type(data, "a string")
        limit = longest(column)
        if len(data) > limit:
            raise serializers.ValidationError(f"longer than {limit} characters ({len(data)})")
        return data

    def to_representation(self, value: Any) -> Any:
        return value

    def openapi(self) -> dict[str, Any]:
        """This field's schema in the OpenAPI document (schema.py)."""
        column = self.column
        if column.kind == kinds.WHOLE_NUMBER:
            schema: dict[str, Any] = {"type": "integer"}
            if column.minimum is not None:
                schema["minimum"] = column.minimum
            if column.maximum is not None:
                schema["maximum"] = column.maximum
            return schema
        if column.kind == kinds.COUNTRIES:
            item = {"type": "string", "maxLength": LONGEST[kinds.NATIONALITY]}
            return {"type": "array", "items": item, "maxItems": MAX_COUNTRIES}
        if column.kind == kinds.CHOICE:
            # A nullable enum lists null among its values (OpenAPI 3.0.3, "nullable").
            choices: list[Any] = list(column.choices)
            return {"type": "string", "enum": [*choices, None] if self.allow_null else choices}
        schema = {"type": "string", "maxLength": longest(column)}
        if column.kind in (kinds.DATE_TIME, kinds.DATE_OR_DATE_TIME):
            schema["example"] = "2017-05-02T14:05:00"
        elif column.kind == kinds.DATE:
            schema["example"] = "2023-05-31"
        return schema


class StrictCharField(serializers.CharField):
    """Text that must be a JSON string (DRF's CharField would take 5 and make it "5")."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            raise serializers.ValidationError(f"must be a string, not {json_type(data)}")
        return super().to_internal_value(data)
