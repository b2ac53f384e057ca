from django.urls import path

from answerable.web import views

app_name = "web"

urlpatterns = [
    path("", views.start, name="start"),
    path("sign-in/", views.login, name="login"),
    path("sign-out/", views.logout, name="logout"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
]
