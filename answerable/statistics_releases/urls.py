from django.urls import path

from answerable.statistics_releases import views

app_name = "statistics"

urlpatterns = [
    path("", views.latest, name="latest"),
    path("editions/", views.editions, name="editions"),
    path("calendar/", views.release_calendar, name="calendar"),
    path("<slug:slug>/", views.edition_page, name="edition"),
    path("<slug:slug>/table-<int:position>.csv", views.table_csv, name="csv"),
    path(
        "<slug:slug>/table-<int:position>.csv-metadata.json",
        views.table_metadata,
        name="metadata",
    ),
]
