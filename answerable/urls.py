from django.contrib import admin
from django.urls import include, path

from answerable.register import views

urlpatterns = [
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    path("casework/", include("answerable.casework.urls")),
    path("disclosure-log/", include("answerable.disclosure_log.urls")),
]
