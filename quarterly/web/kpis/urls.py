"""The KPI Register's pages: the list and each KPI's page (here, since they show results too),
and the workbook's upload and download (from `exchange`)."""

from django.urls import include, path

from quarterly.exchange import views as exchange
from quarterly.web.kpis import edit, recalculations, views

app_name = "register"
urlpatterns = [
    path("", views.kpi_list_view, name="kpi-list"),
    path("upload/", exchange.register_upload, name="upload"),
    path("export/", exchange.register_export_view, name="export"),
    path("target-coverage/", views.target_coverage_view, name="target-coverage"),
    path("kpi/new/", edit.kpi_create, name="kpi-create"),
    path("kpi/<str:reference>/", views.kpi_detail, name="kpi-detail"),
    path("kpi/<str:reference>/edit/", edit.kpi_edit, name="kpi-edit"),
    path("kpi/<str:reference>/status/", views.kpi_status, name="kpi-status"),
    path("", include("quarterly.web.targets.urls")),
    path(
        "kpi/<str:reference>/recalculations/add/",
        recalculations.recalculation_add_view,
        name="recalculation-add",
    ),
    path(
        "kpi/<str:reference>/recalculations/<int:pk>/decide/",
        recalculations.recalculation_decide,
        name="recalculation-decide",
    ),
    path(
        "kpi/<str:reference>/recalculations/<int:pk>/remove/",
        recalculations.recalculation_remove_view,
        name="recalculation-remove",
    ),
]
