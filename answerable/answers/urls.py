from django.urls import path

from answerable.answers import views

app_name = "answers"

urlpatterns = [
    path("", views.index, name="index"),
    # The question is the same query string as the page's; the format is csv, xlsx or pdf.
    path("download.<str:format>", views.download, name="download"),
    path("attach/", views.attach, name="attach"),
    path("ledger/", views.ledger, name="ledger"),
    path("ledger/<int:pk>/", views.release_detail, name="release"),
]
