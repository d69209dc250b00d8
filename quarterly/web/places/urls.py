from django.urls import path

from quarterly.web.places import views

app_name = "places"
urlpatterns = [
    path("groups/", views.groups, name="groups"),
    path("groups/upload/", views.groups_upload, name="groups-upload"),
    path("national/upload/", views.national_upload, name="national-upload"),
]
