"""The OpenAPI document of the API, generated from the code, as JSON."""

from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.views import SpectacularAPIView


class Schema(SpectacularAPIView):
    # Public like any API description: it holds no data, and systems are built from it.
    renderer_classes = [OpenApiJsonRenderer]
    http_method_names = ["get", "head"]
