"""The data protection officer's pages of the s62 audit trail (views.py)."""

from django.urls import path

from answerable.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.search, name="search"),
    path("export.csv", views.export, name="export"),
    path("verify/", views.verify, name="verify"),
]
