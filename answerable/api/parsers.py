"""Reading a request body: JSON only, of a bounded size, an object at the top.

Each way a body can be bad is a 4xx with a message: too large (413), not UTF-8, not JSON,
nested too deeply to read, or not an object (400). Python's own JSON reader would raise
RecursionError on a body of ten thousand "[" characters, which no framework turns into a
400, so it is caught here.
"""

import json
from typing import Any

from django.conf import settings
from rest_framework import exceptions
from rest_framework.parsers import JSONParser

from answerable.api.errors import PayloadTooLarge


def body_limit() -> int:
    return settings.ANSWERABLE_API_MAX_BODY_BYTES


def too_large(limit: int) -> PayloadTooLarge:
    return PayloadTooLarge(
        f"The request body is larger than {limit} bytes; one record is far smaller."
    )


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


class LimitedJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        limit = body_limit()
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise too_large(limit)
        if not raw.strip():
            raise exceptions.ParseError("The request body is empty: send a JSON object.")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise exceptions.ParseError(
                f"The request body is not UTF-8: byte {error.start + 1} is {raw[error.start]:#04x}."
            ) from None
        try:
            data = json.loads(text, parse_constant=_refuse_constant)
        except RecursionError:
            raise exceptions.ParseError("The JSON is nested too deeply to read.") from None
        except ValueError as error:
            raise exceptions.ParseError(f"The request body is not valid JSON: {error}.") from None
        if not isinstance(data, dict):
            raise exceptions.ParseError(
                f"The request body must be a JSON object, not {type(data).__name__}."
            )
        return data
