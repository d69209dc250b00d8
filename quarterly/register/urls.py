from django.urls import path

from quarterly.register import views

app_name = "register"
urlpatterns = [
    path("", views.kpi_list_view, name="kpi-list"),
    path("upload/", views.upload, name="upload"),
    path("export/", views.export, name="export"),
    path("kpi/<str:reference>/", views.kpi_detail, name="kpi-detail"),
]
