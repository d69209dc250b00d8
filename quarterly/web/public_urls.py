from django.urls import path

from quarterly.web import public

app_name = "public"
urlpatterns = [
    path("", public.kpi_index, name="index"),
    path("kpi/<str:reference>/", public.kpi_page, name="kpi"),
    path("kpi/<str:reference>/data.<str:fmt>", public.kpi_data, name="kpi-data"),
]
