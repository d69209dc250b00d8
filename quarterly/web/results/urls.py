"""Results: My KPIs, entry, sign-off, return and publishing, and the bulk upload (`exchange`)."""

from django.urls import path

from quarterly.collection.submissions import views
from quarterly.exchange import views as exchange

app_name = "collection"
urlpatterns = [
    path("", views.my_kpis, name="my-kpis"),
    path("upload/", exchange.results_upload_view, name="upload"),
    path("<int:pk>/sign-off/", views.result_sign_off_view, name="result-sign-off"),
    path("<int:pk>/return/", views.result_return_view, name="result-return"),
    path("<int:pk>/publish/", views.result_publish_view, name="result-publish"),
    path("<str:reference>/<str:period>/", views.result_edit, name="result-edit"),
]
