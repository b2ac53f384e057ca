"""Casework pages outside the admin; mounted by the project at casework/.

"new/", "statistics/", "letters/" and "documents/" come before a case's own address: a
reference is made by reference.py from a pattern with a year and a number, so it is never one
of those words.
"""

from django.urls import path

from answerable.casework import views
from answerable.casework.views import documents

app_name = "casework"

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("new/", views.case_new, name="case_new"),
    path("statistics/", views.statistics, name="statistics"),
    path("letters/<int:pk>.<str:format>", views.letter, name="letter"),
    path("documents/", documents.document_list, name="document_list"),
    path("documents/new/", documents.document_new, name="document_new"),
    path("documents/<int:pk>/", documents.document_detail, name="document_detail"),
    path("documents/<int:pk>/edit/", documents.document_edit, name="document_edit"),
    path("documents/<int:pk>/versions/new/", documents.version_new, name="version_new"),
    path(
        "documents/versions/<int:pk>/download/",
        documents.version_download,
        name="version_download",
    ),
    path("<str:reference>/", views.case_detail, name="case_detail"),
    path(
        "<str:reference>/questions/<int:number>/",
        views.question_edit,
        name="question_edit",
    ),
    path(
        "<str:reference>/questions/<int:number>/published/",
        views.question_published,
        name="question_published",
    ),
    path(
        "<str:reference>/questions/<int:number>/documents/",
        documents.question_documents,
        name="question_documents",
    ),
    path(
        "<str:reference>/questions/<int:number>/documents/<int:pk>/remove/",
        documents.question_document_remove,
        name="question_document_remove",
    ),
    path("<str:reference>/refresh/", views.refresh, name="refresh"),
    path("<str:reference>/issue/", views.issue, name="issue"),
    path("<str:reference>/close/", views.close, name="close"),
    path("<str:reference>/tasks/new/", views.task_new, name="task_new"),
    path("<str:reference>/tasks/<int:number>/chase/", views.task_chase, name="task_chase"),
    path("<str:reference>/searches/new/", views.search_record, name="search_record"),
    path("<str:reference>/sign-off/", views.sign_off_request, name="sign_off_request"),
    path("<str:reference>/sign-off/decide/", views.sign_off_decide, name="sign_off_decide"),
    path("<str:reference>/sent/<int:pk>/again/", views.send_again, name="send_again"),
    path("<str:reference>/letters/<int:pk>/posted/", views.record_posted, name="record_posted"),
]
