"""Casework pages outside the admin; mounted by the project at casework/."""

from django.urls import path

from answerable.casework import views

app_name = "casework"

urlpatterns = [
    path("statistics/", views.statistics, name="statistics"),
    path("letters/<int:pk>.<str:format>", views.letter, name="letter"),
]
