"""Any other path under /api/v1/: a JSON 404 saying what there is, not an HTML page."""

from django.urls import Resolver404, resolve
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.views import APIView


@extend_schema(exclude=True)
class NotFound(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    http_method_names = ["get", "post", "put", "patch", "delete", "head"]

    def _answer(self, request: Request, *args: object, **kwargs: object) -> None:
        hint = " The API's description is at /api/v1/schema/."
        if not request.path.endswith("/"):
            try:
                match = resolve(request.path + "/")
            except Resolver404:
                match = None
            if match is not None and match.url_name != "not-found":
                hint = f" Did you mean {request.path}/ (with its final slash)?"
        raise exceptions.NotFound(f"There is nothing at {request.path[:200]}.{hint}")

    get = post = put = patch = delete = _answer
