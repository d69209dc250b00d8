from django.urls import path

from quarterly.reports import scorecard_views as views

app_name = "scorecard"
urlpatterns = [
    path("", views.index, name="index"),
    path("excel/", views.excel, name="excel"),
]
