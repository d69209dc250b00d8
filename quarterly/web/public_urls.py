from django.urls import path

from quarterly.web import public, views

app_name = "public"
urlpatterns = [
    path("", public.kpi_index, name="index"),
    path("kpi/<str:reference>/", public.kpi_page, name="kpi"),
    path("kpi/<str:reference>/data.<str:fmt>", public.kpi_data, name="kpi-data"),
    path("reports/", public.report_index, name="reports"),
    path("how-performance-is-reported/", views.guidance, name="guidance"),
    path("reports/<int:pk>/", public.report_page, name="report"),
    path("reports/<int:pk>/report.<str:fmt>", public.report_file, name="report-file"),
    path("reports/<int:pk>/tables/<slug:key>.<str:fmt>", public.report_table, name="report-table"),
]
