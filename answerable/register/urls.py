"""The register's staff pages. Each view says who may open it (views/access.py)."""

from django.urls import path

from answerable.register import views

app_name = "register"

urlpatterns = [
    path("", views.index, name="index"),
    path("custody/", views.custody_list, name="custody_list"),
    path("custody/<int:pk>/", views.custody_detail, name="custody_detail"),
    path("custody/<int:pk>/correct/", views.custody_edit, name="custody_edit"),
    path("nccu/", views.nccu_list, name="nccu_list"),
    path("nccu/new/", views.nccu_new, name="nccu_new"),
    path("nccu/<int:pk>/", views.nccu_detail, name="nccu_detail"),
    path("nccu/<int:pk>/correct/", views.nccu_edit, name="nccu_edit"),
    path("disclosures/", views.disclosure_list, name="disclosure_list"),
    path("disclosures/<int:pk>/", views.disclosure_detail, name="disclosure_detail"),
    path("icce/", views.icce_list, name="icce_list"),
    path("icce/new/", views.icce_new, name="icce_new"),
    path("icce/<int:pk>/", views.icce_detail, name="icce_detail"),
    path("icce/<int:pk>/edit/", views.icce_edit, name="icce_edit"),
    path("icce/<int:pk>/transfer/", views.icce_transfer, name="icce_transfer"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
]
