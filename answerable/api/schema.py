"""The OpenAPI document, generated from the code (drf-spectacular): the formats' columns
give the bodies' fields (fields.py), so the document cannot drift from the rules."""

from typing import Any

from drf_spectacular.extensions import (
    OpenApiAuthenticationExtension,
    OpenApiSerializerFieldExtension,
)
from drf_spectacular.openapi import AutoSchema

from answerable.api.authentication import schema_security


class ApiAutoSchema(AutoSchema):
    """drf-spectacular's own; named in the settings so that importing it registers the
    extensions below before any document is generated."""


class ColumnFieldSchema(OpenApiSerializerFieldExtension):
    target_class = "answerable.api.fields.ColumnField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        return self.target.openapi()


class BearerTokenSchema(OpenApiAuthenticationExtension):
    target_class = "answerable.api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return schema_security(auto_schema)


def refuse_unknown_fields(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Request bodies take only their own fields (an unknown one is refused with a 400), so
    the document says so: additionalProperties false."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Write") or name.endswith("WriteRequest"):
            component["additionalProperties"] = False
    return result
