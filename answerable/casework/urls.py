"""Casework pages outside the admin; mounted by the project at casework/.

"new/", "statistics/" and "letters/" come before a case's own address: a reference is made
by reference.py from a pattern with a year and a number, so it is never one of those words.
"""

from django.urls import path

from answerable.casework import views

app_name = "casework"

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("new/", views.case_new, name="case_new"),
    path("statistics/", views.statistics, name="statistics"),
    path("letters/<int:pk>.<str:format>", views.letter, name="letter"),
    path("<str:reference>/", views.case_detail, name="case_detail"),
    path(
        "<str:reference>/questions/<int:number>/",
        views.question_edit,
        name="question_edit",
    ),
    path("<str:reference>/refresh/", views.refresh, name="refresh"),
    path("<str:reference>/issue/", views.issue, name="issue"),
    path("<str:reference>/close/", views.close, name="close"),
    path("<str:reference>/sent/<int:pk>/again/", views.send_again, name="send_again"),
    path("<str:reference>/letters/<int:pk>/posted/", views.record_posted, name="record_posted"),
]
