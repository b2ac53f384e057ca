"""/api/v1/: the systems API (answerable/urls.py routes here)."""

from django.urls import path, re_path

from answerable.api.kinds import KINDS
from answerable.api.views import answers, fallback, outcomes, schema, statistics
from answerable.api.views.records import collection_view, detail_view

app_name = "api"

urlpatterns = [path("schema/", schema.Schema.as_view(), name="schema")]
for kind in KINDS.values():
    urlpatterns += [
        path(f"{kind.path}/", collection_view(kind).as_view(), name=kind.path),
        path(f"{kind.path}/<str:ref>/", detail_view(kind).as_view(), name=f"{kind.path}-detail"),
    ]
urlpatterns += [
    path("disclosures/<str:ref>/outcomes/", outcomes.Outcomes.as_view(), name="outcomes"),
    path("questions/", answers.Questions.as_view(), name="questions"),
    path("questions/<str:name>/answer/", answers.Answer.as_view(), name="answer"),
    path("statistics/", statistics.Editions.as_view(), name="statistics"),
    path(
        "statistics/<str:edition>/", statistics.EditionDetail.as_view(), name="statistics-edition"
    ),
]
# Last: any other path is a JSON 404 (APPEND_SLASH would redirect a POST and lose its body).
urlpatterns.append(re_path(r"^.*$", fallback.NotFound.as_view(), name="not-found"))
