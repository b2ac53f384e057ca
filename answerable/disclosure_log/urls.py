from django.urls import path, register_converter

from answerable.disclosure_log import feeds, views
from answerable.disclosure_log.models import REFERENCE_PATTERN

app_name = "disclosure_log"


class ReferenceConverter:
    regex = REFERENCE_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ReferenceConverter, "reference")

urlpatterns = [
    path("", views.publication_list, name="list"),
    path("feed.atom", feeds.LatestPublicationsFeed(), name="feed"),
    path("export.csv", views.export_csv, name="export"),
    path("preview/<reference:reference>/", views.publication_preview, name="preview"),
    path("preview/<reference:reference>.pdf", views.publication_preview_pdf, name="preview_pdf"),
    path(
        "preview/<reference:reference>/documents/<int:number>/",
        views.publication_preview_document,
        name="preview_document",
    ),
    path("<reference:reference>.pdf", views.publication_pdf, name="pdf"),
    path(
        "<reference:reference>/documents/<int:number>/",
        views.publication_document,
        name="document",
    ),
    path("<reference:reference>/", views.publication_detail, name="detail"),
]
